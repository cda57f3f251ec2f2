// Partnerships as the directory filter (directory.js) and the search page (search.js) find them: the rows of
// directory/data/ (generator/browse.py, generator/pieces.py; loaded by pieces.js), matched by substring of their
// names in Thai, English or the partner's own script, and of their other names. A substring needs no word
// cutting, so "สัมพันธ์" is found inside "ความสัมพันธ์" and "西双版纳" inside "西双版纳傣族自治州". Values are
// data: callers show them with textContent only.
//
// Names and queries are compared in one normal form (normalize.js, the same rules as generator/normalize.py):
// typing variants (ขอนเเก่น = ขอนแก่น), case and diacritics (Đà Nẵng = da nang), and without spaces as one
// alternative (Chiangmai = Chiang Mai). A query is read as words that must all match (query.js, analyse): words
// that name a place, a type, a status or a year of signing narrow the partnerships to it, the other words must be
// in the partnership's names, province or country.
// When no partnership matches every word, words are compared in the loose form: without tone marks, with long
// vowels as short and letters of one sound as one (ฟุกุโอกะ finds ฟูกูโอกะ, กวางสี กว่างซี), and a word of four
// or more letters may be one letter off (ภูเกต finds ภูเก็ต, เชียงไหม่ เชียงใหม่); such matches rank below every
// exact one, and those one letter off below the others.
import { FUZZY_MIN, compact, loose, looseOfNormal, normalize, oneEditParts, withinOneEdit } from "./normalize.js";
import { analyse, places } from "./query.js";

export { analyse, corrected, queryTerms } from "./query.js";

// How well a query fits a result, best first. FACET: only words that name the partnership's province, country,
// type, status or year; CONTEXT: found elsewhere (a page's text, the province or country around a partnership);
// LOOSE: found only in the loose form (tone marks, vowel length and letters of one sound aside); FUZZY: found only
// with one letter off.
export const EXACT = 0;
export const WORD_START = 1;
export const INSIDE = 2;
export const FACET = 3;
export const CONTEXT = 4;
export const LOOSE = 5;
export const FUZZY = 6;

// A term starting with a Latin letter or a digit, matched without spaces only from the start of a word.
const LATIN_START = /^[a-z0-9]/;

// One object per row of a piece of directory/data/, with the normal text a query is matched against built once: `names` are its own
// names (partner and Thai party, with their other names), `key` adds the province and country names around them
// (one per line, so no match runs from one name into the next). The array also carries `places`: the province
// and country names that narrow a query (see analyse).
export function prepare(data) {
  const at = {};
  data.columns.forEach((name, i) => (at[name] = i));
  const none = ["", "", "", []];
  // Thai parties, provinces and countries repeat from row to row: each text is put in normal form once.
  const normalized = new Map();
  const normalOf = (text) => {
    if (!normalized.has(text)) normalized.set(text, normalize(text));
    return normalized.get(text);
  };
  const list = data.rows.map((values) => {
    const province = data.provinces[values[at.province]] || none;
    const country = data.countries[values[at.country]] || none;
    const other = at.other_names === undefined ? [] : values[at.other_names] || [];
    const own = [values[at.partner_th], values[at.partner_en], values[at.native] || "", values[at.thai]];
    own.push(values[at.thai_en] || "", ...other);
    const names = own.filter(Boolean).map(normalOf);
    const around = [province[0], province[1], ...(province[3] || []), country[0], country[1], ...(country[3] || [])];
    const key = [...names, ...around.filter(Boolean).map(normalOf)];
    return {
      id: values[at.id],
      thai: values[at.thai],
      thaiEn: values[at.thai_en],
      province: values[at.province],
      region: province[2],
      partnerTh: values[at.partner_th],
      partnerEn: values[at.partner_en],
      native: values[at.native],
      country: values[at.country],
      countryTh: country[0],
      countryEn: country[1],
      provinceEn: province[1],
      lang: country[2],
      type: values[at.type],
      status: values[at.status],
      alerts: values[at.alerts],
      year: values[at.year],
      claim: values[at.claim],
      verification: values[at.verification],
      last: values[at.last],
      // Every column as the directory data has it, read by column (list.columns): the directory filter's facets.
      values,
      names,
      compactNames: names.map((name) => name.replaceAll(" ", "")),
      key: key.join("\n"),
      compactKey: key.map((name) => name.replaceAll(" ", "")).join("\n"),
      compactStarts: wordStarts(key),
      looseKey: key.map(looseOfNormal).join("\n"),
    };
  });
  list.places = places(data);
  // Words that say what the site is about or only join others (generator/data/generic_words.yaml): they narrow
  // nothing when other words are typed.
  list.generic = (data.generic || []).map(compact);
  list.columns = at;
  return list;
}

export function normal(value) {
  return normalize(value);
}

// The partnerships the query finds, each with how well it fits ({partnership, fit}), best fit first and in
// the order of the list within a fit. Exact matches only, or, when there is none and fuzzy is not false,
// those found in the loose form (LOOSE) or with one letter off (FUZZY).
export function search(list, query, labels = {}, { fuzzy = true } = {}) {
  const read = analyse(query, list, labels);
  if (!read.all.length) return [];
  const found = [];
  for (const partnership of list) {
    const fit = exactFit(partnership, read);
    if (fit !== null) found.push({ partnership, fit });
  }
  if (!found.length && fuzzy) {
    for (const partnership of list) {
      const fit = fuzzyFit(partnership, read);
      if (fit !== null) found.push({ partnership, fit });
    }
  }
  return found.sort((a, b) => a.fit - b.fit);
}

function exactFit(p, read) {
  const fits = [];
  for (const { text, facet, soft } of read.facets) {
    // A word that names a place, type or status may also start a name or a word of it (จีน in a partner's
    // name outside China), never be inside a word (MOU in "onmouseover"); a word that only starts a place's
    // names may also be anywhere in the partnership's text, as any other word.
    const named = nameFit(p, text);
    const narrows = facet.some(([kind, value]) => p[kind] === value);
    if (!narrows && named > WORD_START) {
      if (!soft || !holdsTerm(p, text)) return null;
      fits.push(named);
      continue;
    }
    fits.push(Math.min(named, narrows ? FACET : CONTEXT));
  }
  for (const term of read.free) {
    if (!holdsTerm(p, term)) return null;
    fits.push(nameFit(p, term));
  }
  const whole = read.all.length > 1 ? nameFit(p, read.all.join(" ")) : CONTEXT;
  return Math.min(whole, Math.max(...fits));
}

// Whether the partnership's text holds a term: as it is, or without spaces (Chiangmai, Danang). Without spaces, a
// term in Latin letters must start where a word starts: "map" is not in "Saitama Prefecture".
function holdsTerm(p, term) {
  if (p.key.includes(term)) return true;
  const whole = compactOf(term);
  if (!LATIN_START.test(whole)) return p.compactKey.includes(whole);
  for (let at = p.compactKey.indexOf(whole); at >= 0; at = p.compactKey.indexOf(whole, at + 1)) {
    if (p.compactStarts.includes(at)) return true;
  }
  return false;
}

// Where each word of the names starts in their form without spaces (one line per name, as compactKey).
function wordStarts(names) {
  const starts = [];
  let at = 0;
  for (const name of names) {
    for (const word of name.split(" ")) {
      starts.push(at);
      at += word.length;
    }
    at += 1;
  }
  return starts;
}

function nameFit(p, term) {
  const whole = compactOf(term);
  let best = CONTEXT;
  p.names.forEach((name, i) => {
    best = Math.min(best, fitOne(name, term));
    if (whole) {
      const at = p.compactNames[i].indexOf(whole);
      if (at >= 0) best = Math.min(best, p.compactNames[i] === whole ? EXACT : at === 0 ? WORD_START : inside(whole));
    }
  });
  return best;
}

// The compact form of a query word, computed once per word rather than once per partnership.
const compacted = new Map();

function compactOf(term) {
  if (!compacted.has(term)) {
    if (compacted.size > 1000) compacted.clear();
    compacted.set(term, compact(term));
  }
  return compacted.get(term);
}

// LOOSE when every word is in the partnership's text in the loose form, FUZZY when some word is there only one
// letter off, else null.
function fuzzyFit(p, read) {
  let fit = LOOSE;
  for (const form of read.loose) {
    if (!form || p.looseKey.includes(form)) continue;
    if ([...form].length < FUZZY_MIN) return null;
    if (LATIN_START.test(form)) p.looseBounds ??= looseBounds(p.key.split("\n"));
    if (!nearSubstring(p.looseKey, form, p.looseBounds)) return null;
    fit = FUZZY;
  }
  return fit;
}

// Whether text holds word with one letter off, compared loosely (see the top of this file); words shorter than
// four letters must be there as they are.
export function nearly(text, word) {
  const form = loose(word);
  const normal = normalize(text);
  const haystack = looseOfNormal(normal);
  if (haystack.includes(form)) return true;
  return [...form].length >= FUZZY_MIN && nearSubstring(haystack, form, looseBounds(normal.split("\n")));
}

// Whether some part of text is within one edit of term. A text that holds none of the parts one edit leaves
// whole (oneEditParts) is passed over at once. A term in Latin letters must cover whole words of the text
// (bounds: where they start and end in the loose form, which has no spaces): Osaka is not Sa Kaeo's "saka" with
// an "o" too many, while Chaing Mai is Chiang Mai and Bangkk Bangkok. Thai is written without spaces between
// words, so a Thai term may match anywhere.
function nearSubstring(text, term, bounds) {
  const m = term.length;
  if (!oneEditParts(term).some((parts) => parts.every((part) => text.includes(part)))) return false;
  const whole = LATIN_START.test(term) ? bounds : null;
  for (let i = 0; i + m - 1 <= text.length; i++) {
    if (whole && !whole.has(i)) continue;
    for (const n of [m - 1, m, m + 1]) {
      if (whole && !whole.has(i + n)) continue;
      if (i + n <= text.length && withinOneEdit(term, text.slice(i, i + n))) return true;
    }
  }
  return false;
}

// Where each word of the lines (normal form) starts and ends in their loose form, lines joined by a newline.
function looseBounds(lines) {
  const bounds = new Set();
  let at = 0;
  for (const line of lines) {
    for (const word of line.split(" ")) {
      bounds.add(at);
      at += looseOfNormal(word).length;
      bounds.add(at);
    }
    at += 1;
  }
  return bounds;
}

// How well the terms fit the names (normal form): the whole query as one name, or each term (or one of its
// alternatives, analyse's) in one of them, EXACT to INSIDE; CONTEXT when they fit no name. Used for page titles
// too.
export function fit(names, terms, alternatives = []) {
  const forms = names.map((name) => ({ name, bare: name.replaceAll(" ", "") }));
  const best = (term) => {
    const whole = compact(term);
    let found = CONTEXT;
    for (const { name, bare } of forms) {
      found = Math.min(found, fitOne(name, term));
      const at = whole ? bare.indexOf(whole) : -1;
      if (at >= 0) found = Math.min(found, bare === whole ? EXACT : at === 0 ? WORD_START : inside(whole));
    }
    return found;
  };
  if (!terms.length) return CONTEXT;
  const bestOf = (term, i) => Math.min(best(term), ...(alternatives[i] || []).map(best));
  return Math.min(best(terms.join(" ")), Math.max(...terms.map(bestOf)));
}

function fitOne(name, term) {
  if (name === term) return EXACT;
  const at = name.indexOf(term);
  if (at < 0) return CONTEXT;
  // A term that starts the name or a word of it (after a space) fits better than one inside a word.
  return at === 0 || !/[\p{L}\p{M}\p{N}]/u.test(name[at - 1]) ? WORD_START : inside(term);
}

// A partnership's names as a page in `language` shows them (as the listings do, templates/pages/_macros.md.j2):
// its names in that language first, and the partner's name in the other language (`second`, marked with the
// language `other`). Thai pages show the Thai names and the partner's English name; English pages the English
// names (a Thai party without one by its Thai name) and the partner's Thai name. The partner's own name (native,
// in its country's language) is shown on both.
export function shown(p, language) {
  if (language !== "en") {
    return { thai: p.thai, partner: p.partnerTh, country: p.countryTh, second: p.partnerEn, other: "en" };
  }
  const thai = p.thaiEn || p.thai;
  return { thai, partner: p.partnerEn, country: p.countryEn, second: p.partnerTh, other: "th" };
}

// How the listings of a page in `language` order partnerships, as a compare function, or null for the order of the
// directory's data (the Thai listings'): on English pages by the province's English name, then the partner's,
// then the id (generator/collate.py, listing_order), each name by its letters without accents and case, then as
// written (generator/thaisort.py, name_sort_key).
export function listingOrder(language) {
  if (language !== "en") return null;
  return byKey((p) => [...latinKey(p.provinceEn), ...latinKey(p.partnerEn), p.id]);
}

// A compare function of values by their keys (arrays of strings, compared part by part), each made once.
export function byKey(make) {
  const keys = new Map();
  const key = (value) => {
    if (!keys.has(value)) keys.set(value, make(value));
    return keys.get(value);
  };
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    const i = x.findIndex((part, n) => part !== y[n]);
    return i < 0 ? 0 : x[i] < y[i] ? -1 : 1;
  };
}

// A Latin name's sort key: its letters without accents (Đ as D) and case, then the name as written.
export function latinKey(name) {
  const text = String(name || "");
  const plain = text.normalize("NFKD").replace(/\p{M}/gu, "").replaceAll("Đ", "D").replaceAll("đ", "d");
  return [plain.toLowerCase(), text];
}

// Thai dictionary order for any list sorted in the browser (names as generator/collate.py sorts them at build).
export const thaiOrder = new Intl.Collator("th").compare;

// How well a term inside a word of a name fits: INSIDE, or for a term of fewer than FUZZY_MIN letters no better
// than text elsewhere (ครม inside เทศบาลนครมหาสารคาม is no sign of the Cabinet).
function inside(term) {
  return [...term].length < FUZZY_MIN ? CONTEXT : INSIDE;
}
