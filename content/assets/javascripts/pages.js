// The site's pages as the search page (search.js) finds them: in the Pagefind bundle built with the site
// (generator/search.py), checked against the words typed and ranked by how well the words fit their titles.
import * as partnerships from "./partnerships.js";
import * as coding from "./terms.js";
import { stemmer } from "./vendor/stemmer.js";

const NAMES_SEPARATOR = " | ";

// The pages Pagefind finds that hold every word (see find), ranked by how well the words fit their title or the
// names of what they are about (a province's or a country's in every language: the names meta, joined by
// NAMES_SEPARATOR in templates/overrides/main.html, so จีน fits the English page China); pages that hold them in
// their text only rank as CONTEXT, pages only one letter off as FUZZY. The query is read as partnerships.js reads
// it (normal form, generic words dropped) when the partnership data has loaded, else only put in normal form.
export async function findPages(pagefind, query, source, labels) {
  const read = source ? partnerships.analyse(query, source, labels) : null;
  const words = read ? read.page : partnerships.queryTerms(query);
  if (!words.length) return [];
  const found = await find(pagefind, words);
  return found.results.map(({ page, data }) => {
    const names = [data.meta.title, ...(data.meta.names || "").split(NAMES_SEPARATOR)].filter(Boolean);
    const titled = names.map(partnerships.normal);
    const fit = found.fuzzy ? partnerships.FUZZY : partnerships.fit(titled, words, read ? read.alternatives : []);
    return { page, data, terms: found.terms, fit, cut: Boolean(found.cut) };
  });
}

export async function loadData(result) {
  if (result.page && !result.data) result.data = await result.page.data();
}

// Words in scripts written without spaces are indexed as coded tails that start at each word
// (generator/search_terms.py), so a query is first taken as typed and coded the same way (terms.js): "สัมพันธ์"
// finds "ความสัมพันธ์", "คุนหมิง" finds คุนหมิง.

// Pagefind answers a word that no page holds with the pages of the word that shares its longest start (so
// "ศักดิ์ศรี" listed year pages): only pages that hold every word after normalisation are kept, among the first
// CHECKED. When none is left: the pages whose title is one letter off every word (ภูเกต: จังหวัดภูเก็ต), among
// those Pagefind offers for the words and for their first halves; when none is, the query cut into words by the
// browser ("คำศัพท์" into คำ and ศัพท์, both in อภิธานศัพท์; "เชียงใหม่จีน" into เชียงใหม่ and จีน).
const CHECKED = 60;

async function find(pagefind, typed) {
  const offered = await offers(pagefind, typed);
  const held = offered.filter(({ data }) => typed.every((word) => holds(data, word)));
  if (held.length) return { results: held, terms: typed };
  const halves = typed.map((word) => [...word].slice(0, Math.max(2, Math.ceil([...word].length / 2))).join(""));
  const candidates = new Map(offered.map((result) => [result.page.id, result]));
  for (const result of await offers(pagefind, halves)) candidates.set(result.page.id, result);
  const near = [...candidates.values()].filter(({ data }) =>
    typed.every((word) => partnerships.nearly(data.meta.title || "", word)),
  );
  if (near.length) return { results: near, terms: typed, fuzzy: true };
  const words = segmented(typed.join(" "));
  if (words.join(" ") === typed.join(" ")) return { results: [], terms: typed };
  const cut = (await offers(pagefind, words)).filter(({ data }) => words.every((word) => holds(data, word)));
  return { results: cut, terms: words, cut: true };
}

async function offers(pagefind, words) {
  const found = await pagefind.search(coding.coded(words));
  const results = found.results.slice(0, CHECKED).map((page) => ({ page, data: null }));
  await Promise.all(results.map(loadData));
  return results;
}

// Whether a page's title, names or text holds a word (normal form, or without spaces), or, for English words, a
// word of the same stem, as Pagefind finds them on English pages ("benefits" finds "benefit", "signed" "signing").
// The bundle's records hold no extra index words (generator/search.py): every one of them comes from the title,
// the names or the text.
function holds(data, word) {
  data.normalText ??= partnerships.normal(`${data.meta.title || ""}\n${data.meta.names || ""}\n${data.content}`);
  const text = data.normalText;
  const form = partnerships.normal(word);
  return text.includes(form) || text.replaceAll(" ", "").includes(form.replaceAll(" ", "")) || sameStem(text, form);
}

const ENGLISH_WORD = /^[a-z]+$/;
// A stem keeps its word's first letters: only the text's words starting with these are stemmed.
const STEM_START = 3;

function sameStem(text, form) {
  return form.split(" ").every((word) => {
    if (!ENGLISH_WORD.test(word)) return false;
    const stem = stemmer(word);
    const words = text.matchAll(new RegExp(`(?<![a-z])${word.slice(0, STEM_START)}[a-z]*`, "g"));
    for (const [found] of words) if (stemmer(found) === stem) return true;
    return false;
  });
}

export function segmented(query) {
  const segmenter = new Intl.Segmenter(document.documentElement.lang, { granularity: "word" });
  return [...segmenter.segment(query)].filter((part) => part.isWordLike).map((part) => part.segment);
}
