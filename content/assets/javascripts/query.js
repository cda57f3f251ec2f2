// How a query is read against the directory's data, by the directory filter and the search page alike
// (partnerships.js, search.js):
// - generic words ("sister city", "เมืองพี่เมืองน้อง", "of"; generator/data/generic_words.yaml) are dropped when
//   other words are left;
// - words that name a province, a country or a region (or one of their other common names,
//   generator/data/*_aliases.yaml), a type or a status (or another word for it, status_words), or a year of
//   signing in either era (2561, พ.ศ. 2561, 2018) narrow the partnerships to it rather than compete with their
//   names ("เชียงใหม่ จีน": Chiang Mai's partnerships in China; "จีน 2561": those signed in 2018);
//   so does the start of one place's names only (กรุงเทพ), which may also be a word of a partnership's own text;
// - the other words are free: they must be in the partnership's names, province or country.
import { FUZZY_MIN, compact, editsUpTo, loose, looseOfNormal, normalize, withinOneEdit } from "./normalize.js";

// The longest run of words read as one name (Phra Nakhon Si Ayutthaya).
const MAX_NAME_WORDS = 5;
// A word at least this long that starts the names of one place only (กรุงเทพ, สุราษฎร์, Surat) names it too.
const PREFIX_MIN = 4;
// A year of signing as typed: four digits, after words saying so if any (ลงนามเมื่อปี พ.ศ. 2561, ปี 2561, ค.ศ. 2018,
// signed in 2018, year 2018), in normal form without spaces.
const YEAR = /^(?:ลงนาม|signed)?(?:เมื่อ|in)?(?:ปี|year)?(?:พศ|คศ|ad|ce|be)?(\d{4})$/;
// The years read as years of signing: the Buddhist Era's from BE_FROM (1900 CE) on, the Common Era's before it.
const BE_OFFSET = 543;
const CE_FROM = 1900;
const BE_FROM = CE_FROM + BE_OFFSET;
const BE_TO = 2800;

// Compact name -> [[facet, value, Thai name]] for every province (with and without จังหวัด, in English, and its
// other common names), every country (with and without ประเทศ, in English, and its other common names) and every
// region (its names in both languages and its other common names).
export function places(data) {
  const found = new Map();
  const add = (name, entry) => {
    const form = compact(name);
    if (!form) return;
    if (!found.has(form)) found.set(form, []);
    found.get(form).push(entry);
    if (!found.spelled.has(form)) found.spelled.set(form, name);
    const key = entry[0] + ":" + entry[1];
    if (!found.names.has(key)) found.names.set(key, []);
    found.names.get(key).push(normalize(name));
  };
  // Each place's names in normal form, by "facet:value": a word naming the place fits a page title holding any.
  found.names = new Map();
  // Each name as written by its compact form (what corrected puts in a query).
  found.spelled = new Map();
  for (const [code, [th, en, , aliases]] of Object.entries(data.provinces)) {
    const entry = ["province", code, th];
    for (const name of [th, "จังหวัด" + th, en, en + " province", ...(aliases || [])]) add(name, entry);
  }
  for (const [code, [th, en, , aliases]] of Object.entries(data.countries)) {
    const entry = ["country", code, th];
    for (const name of [th, "ประเทศ" + th, en, ...(aliases || [])]) add(name, entry);
  }
  for (const [value, names] of Object.entries(data.regions || {})) {
    for (const name of names) add(name, ["region", value, names[0]]);
  }
  return found;
}

// The words of a query in normal form.
export function queryTerms(query) {
  return normalize(query).split(" ").filter(Boolean);
}

// A query read against the partnerships (see the top of this file): `facets` are words that name a province,
// country, region, type, status or year of signing ({text, facet: [[facet, value, Thai name]], soft: whether the
// words only start the place's names}), `free` the other words, `page` the words to look for in pages (all but the
// generic ones, a year as its number: a province's page is indexed under its other names too) and `alternatives`,
// for each of them, the other names of what it names (a page title holding one fits as if it held the word:
// "ตัวอย่าง MOU" and ตัวอย่างบันทึกความเข้าใจ).
// labels: {type, status} maps of value -> label, as the pages have them, and status_words of value -> the other
// words readers type for a status (the strings files).
export function analyse(query, list, labels = {}) {
  let words = queryTerms(query);
  const common = (list && list.generic) || [];
  const generic = runs(words, (form) => common.includes(form));
  const kept = generic.filter((run) => !run.hit).flatMap((run) => run.words);
  if (kept.length > 0) words = kept;
  const known = list && list.places;
  const exact = (form) => lookup(form, known, labels);
  const facets = [];
  const free = [];
  const page = [];
  const alternatives = [];
  for (const run of runs(words, (form) => exact(form) || startsOne(form, known))) {
    const text = run.words.join(" ");
    const form = run.words.join("");
    const facet = run.hit ? exact(form) : null;
    if (run.hit) facets.push({ text, facet: facet || startsOne(form, known), soft: !facet });
    else free.push(text);
    // A year is looked for in pages as its number ("signed in 2018": 2018).
    const year = facet && facet.some(([kind]) => kind === "year") ? YEAR.exec(form) : null;
    page.push(year ? year[1] : text);
    alternatives.push(facet ? namesOf(facet, known, labels) : []);
  }
  const all = [...facets.map((f) => f.text), ...free];
  return { facets, free, page, alternatives, all, loose: all.map(loose) };
}

// The query with each run of words that is one slip (withinOneEdit, in the loose form) from a name of exactly one
// place put right, or null when no word is: "Chaing Mai" reads "Chiang Mai", "Bangkk Japan" "Bangkok japan",
// "เชียงไหม่" "เชียงใหม่". Words that name a place as typed, and words shorter than FUZZY_MIN, stay as they are.
// The search page lists what this query finds when the query as typed finds only names spelled alike.
export function corrected(query, list) {
  const known = list && list.places;
  if (!known) return null;
  const words = queryTerms(query);
  const read = [];
  let changed = false;
  for (let i = 0; i < words.length; ) {
    let taken = 1;
    let word = words[i];
    for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
      const form = compact(words.slice(i, i + n).join(" "));
      const name = known.has(form) ? null : [...form].length >= FUZZY_MIN ? slipOf(form, known) : null;
      if (!known.has(form) && !name) continue;
      taken = n;
      word = name || words.slice(i, i + n).join(" ");
      changed ||= Boolean(name);
      break;
    }
    read.push(word);
    i += taken;
  }
  return changed ? read.join(" ") : null;
}

// The name (as written) of the one place that has a name one slip from form, or null. A name holding the letters
// typed in another order, two slips away, counts as one slip away too: "Nakhon Phatom" is one letter from Nakhon
// Phanom and Nakhon Pathom's letters reordered; either may be meant, so neither is put in.
function slipOf(form, known) {
  known.loose ??= new Map([...known.keys()].map((name) => [name, looseOfNormal(name)]));
  const typed = looseOfNormal(form);
  let place = null;
  let spelled = null;
  for (const [name, looseName] of known.loose) {
    if (!withinOneEdit(typed, looseName) && !reordered(typed, looseName)) continue;
    for (const [kind, value] of known.get(name)) {
      const key = kind + ":" + value;
      if (place && place !== key) return null;
      place = key;
      spelled ??= known.spelled.get(name);
    }
  }
  return spelled;
}

// Whether b holds a's letters in another order, at most two slips from a (phatom: pathom).
function reordered(a, b) {
  return a.length === b.length && [...a].sort().join("") === [...b].sort().join("") && editsUpTo(a, b, 2) <= 2;
}

// The one place whose names the form starts, as lookup gives it, or null (none, several, or too short a form).
function startsOne(form, known) {
  if (!known || [...form].length < PREFIX_MIN) return null;
  let place = null;
  for (const [name, entries] of known) {
    if (!name.startsWith(form)) continue;
    for (const entry of entries) {
      const key = entry[0] + ":" + entry[1];
      if (place && place.key !== key) return null;
      place = { key, entry };
    }
  }
  return place && [place.entry];
}

// Every name, in normal form, of what a facet word names: a place's names, a type's or a status's label forms.
function namesOf(facet, known, labels) {
  const names = [];
  for (const [kind, value] of facet) {
    if (kind === "type" || kind === "status") names.push(...labelForms(labels, kind, value).map(normalize));
    else if (kind === "year") names.push(String(value), String(value + BE_OFFSET));
    else names.push(...((known && known.names.get(kind + ":" + value)) || []));
  }
  return names;
}

// The words cut into runs from the left: at each place the longest run of up to MAX_NAME_WORDS words whose
// compact form passes `test` ({words, hit: true}), else the one word there ({words: [word], hit: false}).
function runs(words, test) {
  const out = [];
  for (let i = 0; i < words.length; ) {
    let n = Math.min(MAX_NAME_WORDS, words.length - i);
    for (; n > 0; n--) if (test(words.slice(i, i + n).join(""))) break;
    const size = Math.max(n, 1);
    out.push({ words: words.slice(i, i + size), hit: n > 0 });
    i += size;
  }
  return out;
}

// The year of the Common Era a form names (2561 and 2018 both name 2018), or null.
function yearOf(form) {
  const match = YEAR.exec(form);
  const year = match ? Number(match[1]) : 0;
  if (year >= BE_FROM && year < BE_TO) return year - BE_OFFSET;
  return year >= CE_FROM && year < BE_FROM ? year : null;
}

function lookup(form, known, labels) {
  const found = [...((known && known.get(form)) || [])];
  const year = yearOf(form);
  if (year !== null) found.push(["year", year, String(year)]);
  for (const facet of ["type", "status"]) {
    for (const [value, label] of Object.entries(labels[facet] || {})) {
      if (labelForms(labels, facet, value).some((name) => compact(name) === form)) found.push([facet, value, label]);
    }
  }
  return found.length ? found : null;
}

// A type's or a status's label, without and within its brackets (บันทึกความเข้าใจ, MOU), and the other words
// readers type for it.
function labelForms(labels, facet, value) {
  const label = (labels[facet] || {})[value];
  if (!label) return [];
  const words = (labels[facet + "_words"] || {})[value] || [];
  return [label, label.replace(/\s*\(.*\)\s*$/, ""), ...(/\((.+)\)/.exec(label) || []).slice(1), ...words];
}
