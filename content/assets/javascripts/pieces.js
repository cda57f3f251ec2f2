// The partnerships in pieces (directory/data/, written by generator/pieces.py, which says how they are cut): the
// search page and the directory filter load meta.json, then only the pieces of the provinces whose rows can hold
// every word of a query (the gram buckets tell which), or the first pieces for the directory's first rows. The
// rows loaded are matched by partnerships.js exactly as the whole list was, so a query finds the same
// partnerships in the same order.
import * as partnerships from "./partnerships.js";
import { FUZZY_MIN, compact, oneEditParts } from "./normalize.js";

const GRAM_LETTERS = 3;
const ALL = "*";

// The data behind meta.json's address, its rows in the order of the listings of a page in `language`.
export async function open(url, language = "th") {
  const meta = await fetchJson(url);
  return new Source(new URL(url, document.baseURI), meta, language);
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(String(response.status));
  return response.json();
}

class Source {
  constructor(url, meta, language) {
    this.url = url;
    this.meta = meta;
    // The data is in the Thai listings' order: on a page in another language, rows loaded are put in the order of
    // its listings (partnerships.js, listingOrder), and the first rows come from the provinces first in it.
    this.order = partnerships.listingOrder(language);
    this.sequence = this.order ? byEnglishName(meta) : null;
    this.total = meta.total;
    this.all = new Set(meta.order.map((_, i) => i));
    // What every list of rows carries: the place names a query may name, and each column's index.
    const empty = partnerships.prepare({ ...meta, rows: [] });
    this.places = empty.places;
    this.generic = empty.generic;
    this.columns = empty.columns;
    this.loaded = new Map();
    this.buckets = new Map();
  }

  // The partnerships a query finds, as partnerships.search finds them in the whole list.
  async search(query, labels = {}, { fuzzy = true } = {}) {
    const read = partnerships.analyse(query, this, labels);
    if (!read.all.length) return [];
    const exact = await this.rows(await this.exactProvinces(read));
    const found = partnerships.search(exact, query, labels, { fuzzy: false });
    if (found.length || !fuzzy) return found;
    return partnerships.search(await this.rows(await this.fuzzyProvinces(read)), query, labels);
  }

  // Rows for the directory filter's state ({q, region, province, country, …}): the first pieces holding at
  // least `need` rows when nothing is chosen (partial: true), else every row the state can keep.
  async forState(state, labels, need) {
    if (!Object.keys(state).length) return this.leading(need);
    if (state.q) return { rows: await this.rows(await this.queryProvinces(state.q, labels)), partial: false };
    let chosen = this.all;
    const codes = (test) => new Set(this.meta.order.flatMap((code, i) => (test(code) ? [i] : [])));
    if (state.region) chosen = intersect(chosen, this.inRegion(state.region));
    if (state.province) chosen = intersect(chosen, codes((code) => code === state.province));
    if (state.country) chosen = intersect(chosen, this.decode(this.meta.country_provinces[state.country]));
    return { rows: await this.rows(chosen), partial: false };
  }

  // The provinces whose rows partnerships.matching needs for a query: those of an exact match, or, when there
  // is none, of a match one letter off.
  async queryProvinces(query, labels) {
    const read = partnerships.analyse(query, this, labels);
    if (!read.all.length) return new Set();
    const exact = await this.exactProvinces(read);
    if (partnerships.search(await this.rows(exact), query, labels, { fuzzy: false }).length) return exact;
    return this.fuzzyProvinces(read);
  }

  // The first pieces in listing order holding at least `need` rows.
  async leading(need) {
    if (this.sequence) return this.leadingProvinces(need);
    const chosen = [];
    let count = 0;
    for (let n = 0; n < this.meta.pieces.length && count < need; n++) {
      chosen.push(n);
      count += this.meta.pieces[n][1];
    }
    return { rows: await this.load(chosen), partial: chosen.length < this.meta.pieces.length };
  }

  // The first provinces in the page's order of provinces, each whole, holding at least `need` rows: the rows of
  // whole provinces in the page's listing order come first in that order, so "show more" only adds rows after them.
  async leadingProvinces(need) {
    const chosen = new Set();
    let count = 0;
    for (const code of this.sequence) {
      if (count >= need) break;
      chosen.add(this.meta.order.indexOf(code));
      count += this.meta.pieces.reduce((sum, [province, rows]) => sum + (province === code ? rows : 0), 0);
    }
    return { rows: await this.rows(chosen), partial: chosen.size < this.sequence.length };
  }

  // Every word must be held: a word naming a place, type or status by its facet or by a name (partnerships.js,
  // exactFit), any other word by the text around a row.
  async exactProvinces(read) {
    let chosen = this.all;
    for (const { text, facet } of read.facets) {
      chosen = intersect(chosen, union(await this.holding(text), this.facetProvinces(facet)));
    }
    for (const word of read.free) chosen = intersect(chosen, await this.holding(word));
    return chosen;
  }

  // One letter off: a word of FUZZY_MIN letters or more keeps the parts of one of oneEditParts whole
  // (partnerships.js, nearSubstring); a shorter one must be there loosely as typed.
  async fuzzyProvinces(read) {
    let chosen = this.all;
    for (const form of read.loose) {
      if (!form) continue;
      if ([...form].length < FUZZY_MIN) {
        chosen = intersect(chosen, await this.having(form));
        continue;
      }
      let near = new Set();
      for (const parts of oneEditParts(form)) {
        let holding = this.all;
        for (const part of parts) holding = intersect(holding, await this.having(part));
        near = union(near, holding);
      }
      chosen = intersect(chosen, near);
    }
    return chosen;
  }

  facetProvinces(facet) {
    let chosen = new Set();
    for (const [kind, value] of facet) {
      if (kind === "province") chosen = union(chosen, new Set([this.meta.order.indexOf(value)].filter((i) => i >= 0)));
      else if (kind === "country") chosen = union(chosen, this.decode(this.meta.country_provinces[value]));
      else if (kind === "region") chosen = union(chosen, this.inRegion(value));
      else return this.all;
    }
    return chosen;
  }

  // The provinces of a region, as numbers in meta's order.
  inRegion(region) {
    const order = this.meta.order;
    return new Set(order.flatMap((code, i) => (this.meta.provinces[code][2] === region ? [i] : [])));
  }

  // Provinces whose text holds a word in normal form, as typed or without spaces.
  async holding(word) {
    const whole = compact(word);
    return whole === word ? this.having(word) : union(await this.having(word), await this.having(whole));
  }

  // Provinces holding a few grams of a text: its first, middle and last runs of GRAM_LETTERS letters.
  async having(text) {
    // Half a word may end inside a letter written with two code units: such a half is found anywhere.
    if (/[\ud800-\udfff]/u.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) return this.all;
    const letters = [...text];
    if (!letters.length) return this.all;
    const n = letters.length;
    const starts = n <= GRAM_LETTERS ? [0] : [0, Math.floor((n - GRAM_LETTERS) / 2), n - GRAM_LETTERS];
    let chosen = this.all;
    for (const start of new Set(starts)) {
      chosen = intersect(chosen, await this.gram(letters.slice(start, start + GRAM_LETTERS).join("")));
    }
    return chosen;
  }

  async gram(gram) {
    const table = await once(this.buckets, bucket(gram, this.meta.buckets), (b) => this.fetchPart(`grams-${b}.json`));
    return Object.hasOwn(table, gram) ? this.decode(table[gram]) : new Set();
  }

  // A hex bitmask over meta's order as a set of province numbers.
  decode(mask) {
    if (mask === undefined) return new Set();
    if (mask === ALL) return this.all;
    const bits = BigInt("0x" + mask);
    return new Set([...this.all].filter((i) => (bits >> BigInt(i)) & 1n));
  }

  // The prepared rows of the chosen provinces, in listing order.
  rows(provinces) {
    const chosen = this.meta.pieces.flatMap(([code], n) =>
      provinces.has(this.meta.order.indexOf(code)) ? [n] : [],
    );
    return this.load(chosen);
  }

  async load(numbers) {
    const parts = await Promise.all(numbers.map((n) => this.piece(n)));
    const list = parts.flat();
    if (this.order) list.sort(this.order);
    list.places = this.places;
    list.generic = this.generic;
    list.columns = this.columns;
    return list;
  }

  piece(n) {
    const meta = this.meta;
    return once(this.loaded, n, () => this.fetchPart(`rows-${n}.json`).then((rows) => partnerships.prepare({ ...meta, rows })));
  }

  fetchPart(name) {
    return fetchJson(new URL(name, this.url));
  }
}

// The provinces with partnerships in the order of the English listings (partnerships.js, listingOrder).
function byEnglishName(meta) {
  return [...meta.order].sort(partnerships.byKey((code) => partnerships.latinKey(meta.provinces[code][1])));
}

// The promise kept in cache under key, made by make(key) the first time; a failed one is made again next time.
function once(cache, key, make) {
  if (!cache.has(key)) {
    const made = make(key);
    made.catch(() => cache.delete(key));
    cache.set(key, made);
  }
  return cache.get(key);
}

// 32-bit FNV-1a of the UTF-8 bytes, modulo the number of buckets (generator/pieces.py, bucket).
export function bucket(gram, buckets) {
  let value = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(gram)) value = Math.imul(value ^ byte, 0x01000193) >>> 0;
  return value % buckets;
}

function intersect(a, b) {
  if (a.size > b.size) [a, b] = [b, a];
  return new Set([...a].filter((x) => b.has(x)));
}

function union(a, b) {
  return new Set([...a, ...b]);
}
