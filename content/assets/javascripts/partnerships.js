// Partnerships as the directory filter (directory.js) and the search page (search.js) find them: every
// partnership from directory/index.json (written by generator/browse.py), matched by substring of its names in
// Thai, English or the partner's own script. A substring needs no word cutting, so "สัมพันธ์" is found inside
// "ความสัมพันธ์" and "西双版纳" inside "西双版纳傣族自治州". Values are data: callers show them with textContent only.

// How well a query fits a name, best first; CONTEXT is a match only in the province or country around it.
export const EXACT = 0;
export const WORD_START = 1;
export const INSIDE = 2;
export const CONTEXT = 3;

// The partnerships of directory/index.json, prepared once (see prepare).
export async function fetchPartnerships(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(String(response.status));
  return prepare(await response.json());
}

// One object per partnership, with the lower-cased text a query is matched against built once: `names` are
// its own names (partner and Thai party), `key` adds the province and country names around them.
export function prepare(data) {
  const at = {};
  data.columns.forEach((name, i) => (at[name] = i));
  const none = ["", "", ""];
  return data.rows.map((values) => {
    const province = data.provinces[values[at.province]] || none;
    const country = data.countries[values[at.country]] || none;
    const names = [values[at.partner_th], values[at.partner_en], values[at.native] || "", values[at.thai]];
    return {
      id: values[at.id],
      thai: values[at.thai],
      province: values[at.province],
      region: province[2],
      partnerTh: values[at.partner_th],
      partnerEn: values[at.partner_en],
      native: values[at.native],
      country: values[at.country],
      countryTh: country[0],
      lang: country[2],
      type: values[at.type],
      status: values[at.status],
      alerts: values[at.alerts],
      year: values[at.year],
      claim: values[at.claim],
      verification: values[at.verification],
      last: values[at.last],
      names: names.filter(Boolean).map(normal),
      key: normal([...names, province[0], province[1], country[0], country[1]].join("\n")),
    };
  });
}

export function normal(value) {
  return value.normalize("NFC").toLowerCase();
}

// The words of a query, as prepared text is: lower-cased, split at spaces.
export function queryTerms(query) {
  return normal(query).split(/\s+/).filter(Boolean);
}

// Whether a partnership's names, province or country contain every term.
export function matches(partnership, terms) {
  return terms.every((term) => partnership.key.includes(term));
}

// How well the terms fit the names (lower-cased): the whole query as one name, or each term in one of them,
// EXACT to INSIDE; CONTEXT when they fit no name.
export function fit(names, terms) {
  const best = (term) => Math.min(CONTEXT, ...names.map((name) => fitOne(name, term)));
  return Math.min(best(terms.join(" ")), Math.max(...terms.map(best)));
}

function fitOne(name, term) {
  if (name === term) return EXACT;
  const at = name.indexOf(term);
  if (at < 0) return CONTEXT;
  // A term that starts the name or a word of it (after a space or a hyphen) fits better than one inside a word.
  return at === 0 || !/[\p{L}\p{M}\p{N}]/u.test(name[at - 1]) ? WORD_START : INSIDE;
}

// The partnerships that match every term, each with how well it fits ({partnership, fit}), best fit first
// and in the order of the list within a fit.
export function ranked(partnerships, terms) {
  if (!terms.length) return [];
  const found = [];
  for (const partnership of partnerships) {
    if (matches(partnership, terms)) found.push({ partnership, fit: fit(partnership.names, terms) });
  }
  return found.sort((a, b) => a.fit - b.fit);
}
