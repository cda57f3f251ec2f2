// The search page: reads ?q= from the address and lists two kinds of results as links titled as their pages
// are: the site's pages from the Pagefind bundle built with the site (handbook, provinces, countries, lists),
// and the partnerships from the pieces of directory/data/ the query needs (pieces.js), matched as the directory
// filter matches them (partnerships.js). Pages and partnerships are ranked together by how well the query fits their title or
// names (exact, start of a word, inside a word, elsewhere on the page or in the province or country around
// the partnership); pages come first among equals. Every string comes from templates/pages/search.md.j2
// (from generator/strings); data is shown with textContent only; no request leaves the site.
import { fill } from "./messages.js";
import { findPages, loadData, segmented } from "./pages.js";
import * as partnerships from "./partnerships.js";
import * as pieces from "./pieces.js";

const PAGE_SIZE = 10;
// A query that nothing matches in full is tried again without some of its words (fewerWords): at most its first
// MAX_WORDS words.
const MAX_WORDS = 6;
const DELAY_MS = 200;
// The page's language (th or en): which names of a partnership come first, the order of partnerships of the same
// fit, how numbers are written.
const LANGUAGE = document.documentElement.lang || "th";

const root = document.querySelector("[data-sc-search]");
if (root) {
  start(root);
}

function start(root) {
  const form = root.querySelector("form");
  const input = root.querySelector("input[type=search]");
  const status = root.querySelector(".sc-search-status");
  const list = root.querySelector(".sc-search-results");
  const more = root.querySelector(".sc-search-more");
  const text = JSON.parse(root.querySelector(".sc-search-strings").textContent);
  const bundle = new URL(root.dataset.bundle, document.baseURI);
  const index = new URL(root.dataset.index, document.baseURI);
  const base = new URL(root.dataset.base, document.baseURI);
  // Type and status names narrow the partnerships when typed (partnerships.js).
  const labels = { type: text.type, status: text.status, status_words: text.status_words };
  let pagefind = null;
  let source = null;
  let shown = [];
  let latest = 0;
  let timer = 0;

  // Each source is loaded once, on the first query or when the box gets focus; a failed load is retried.
  function loadPagefind() {
    pagefind ??= (async () => {
      const loaded = await import(bundle.href);
      // Result URLs are site-relative: prefix them with wherever the site is served from.
      await loaded.options({ baseUrl: new URL("../", bundle).pathname });
      return loaded;
    })().catch((error) => {
      pagefind = null;
      throw error;
    });
    return pagefind;
  }

  function loadRows() {
    source ??= pieces.open(index.href, LANGUAGE).catch((error) => {
      source = null;
      throw error;
    });
    return source;
  }

  async function run(query) {
    const ticket = ++latest;
    list.replaceChildren();
    more.hidden = true;
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    list.setAttribute("aria-busy", "true");
    status.textContent = text.searching;
    const [pages, found] = await searchBoth(query);
    if (ticket !== latest) return;
    if (pages.status === "rejected" && found.status === "rejected") {
      status.textContent = text.unavailable;
      list.setAttribute("aria-busy", "false");
      return;
    }
    shown = merged(pages.value || [], found.value || []);
    const alike = shown.every(({ fit }) => fit >= partnerships.LOOSE);
    const right = alike ? await spelledRight(query) : null;
    if (ticket !== latest) return;
    if (right) shown = right.shown;
    const some = shown.length ? [] : await fewerWords(query);
    if (ticket !== latest) return;
    if (some.length) shown = some;
    const n = shown.length;
    const message = right ? text.corrected : some.length ? text.some : !n ? text.none : alike ? text.similar : text.count;
    const counted = fill(message, { n, q: query, read: right ? right.query : "" }, LANGUAGE, n);
    let missing = "";
    if (pages.status === "rejected") missing = text.pages_unavailable;
    else if (found.status === "rejected") missing = text.partnerships_unavailable;
    status.textContent = missing ? `${counted} ${missing}` : counted;
    await showMore(ticket);
    if (ticket === latest) list.setAttribute("aria-busy", "false");
  }

  function searchBoth(query) {
    return Promise.allSettled([
      loadPagefind().then(async (loaded) => findPages(loaded, query, await loadRows().catch(() => null), labels)),
      loadRows().then((prepared) => findPartnerships(prepared, query, labels)),
    ]);
  }

  // When the query as typed finds nothing or only names spelled alike: what it finds with the names of places it
  // misspells put right (query.js, corrected), if that finds any result as typed ("Chaing Mai": the province's
  // page and its partnerships), else null.
  async function spelledRight(query) {
    const prepared = await loadRows().catch(() => null);
    const read = prepared && partnerships.corrected(query, prepared);
    if (!read) return null;
    const [pages, found] = await searchBoth(read);
    const results = merged(pages.value || [], found.value || []);
    return results.some(({ fit }) => fit < partnerships.LOOSE) ? { query: read, shown: results } : null;
  }

  // When nothing holds every word of a query of several: the results of the query without one of its words (each
  // word left out in turn), else of each word alone; each result once, best fit first. Every result holds at
  // least one word typed, and the status says that they hold only some.
  async function fewerWords(query) {
    const words = query.trim().split(/\s+/).slice(0, MAX_WORDS);
    if (words.length < 2) return [];
    const tries = [words.map((_, i) => words.filter((_, j) => j !== i)), words.map((word) => [word])];
    for (const queries of words.length > 2 ? tries : tries.slice(1)) {
      const found = new Map();
      for (const part of queries) {
        const [pages, partners] = await searchBoth(part.join(" "));
        for (const result of merged(pages.value || [], partners.value || [])) {
          const key = result.page ? `page ${result.page.id}` : `partnership ${result.partnership.id}`;
          if (!found.has(key) || found.get(key).fit > result.fit) found.set(key, result);
        }
      }
      if (found.size) return merged([...found.values()], []);
    }
    return [];
  }

  async function showMore(ticket) {
    const start = list.children.length;
    const next = shown.slice(start, start + PAGE_SIZE);
    await Promise.all(next.map(loadData));
    if (ticket !== latest) return;
    list.append(...next.map((result) => (result.page ? pageItem(result) : partnershipItem(result))));
    more.hidden = list.children.length >= shown.length;
  }

  function partnershipItem({ partnership: p, terms }) {
    const li = document.createElement("li");
    li.className = "sc-search-partnership";
    const link = document.createElement("a");
    link.href = new URL(encodeURIComponent(p.id) + "/", base).href;
    // The names in the page's language in the title, the partner's in the other language first below it.
    const names = partnerships.shown(p, LANGUAGE);
    link.textContent = fill(text.partnership, { thai: names.thai, partner: names.partner }, LANGUAGE);
    const excerpt = document.createElement("p");
    const parts = [[names.second, names.other], [p.native, p.lang], [names.country], [label(text.type, p.type)]];
    parts.push([label(text.claim, p.claim)], [label(text.status, p.status)]);
    for (const [value, lang] of parts.filter(([value]) => value)) {
      const span = document.createElement("span");
      if (lang) span.lang = lang;
      span.append(...highlighted(value, terms));
      if (excerpt.childNodes.length) excerpt.append(" · ");
      excerpt.append(span);
    }
    li.append(link, excerpt);
    return li;
  }

  function share(query) {
    const url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  }

  input.addEventListener(
    "focus",
    () => {
      loadPagefind().catch(() => {});
      loadRows().catch(() => {});
    },
    { once: true },
  );
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      share(input.value);
      run(input.value);
    }, DELAY_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    share(input.value);
    run(input.value);
  });
  more.addEventListener("click", () => showMore(latest));

  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  run(query);
}

// Pages and partnerships in one list: those that hold the words as typed before those found by the words the
// browser cut the query into (ครม: the step that names the Cabinet before partnerships holding ค and รม),
// then best fit first, pages before partnerships of the same fit, each source in its own order within a fit
// (Pagefind's ranking; the directory's order). Results found only loosely or one letter off are left out when
// others hold the words as typed ("feed" lists the open data page, not the partnerships with "fed" in Russian
// Federation).
function merged(pages, found) {
  const all = [...pages, ...found].sort((a, b) => Number(a.cut) - Number(b.cut) || a.fit - b.fit);
  const exact = all.filter((result) => result.fit < partnerships.LOOSE);
  return exact.length ? exact : all;
}

// Partnerships found by every word typed (partnerships.search); when none is, by every word in the loose form
// (กวางสี: กว่างซี); when none is, by the words the browser cuts the query into (for a query typed without spaces
// such as "เชียงใหม่คุนหมิง"); when still none, with one letter off. Marked in the results: the words typed and
// the words as read, and whether they were cut.
async function findPartnerships(source, query, labels) {
  const words = segmented(query).join(" ");
  let read = query;
  let found = await source.search(query, labels, { fuzzy: false });
  const near = found.length ? [] : await source.search(query, labels);
  if (!found.length) found = near.filter(({ fit }) => fit === partnerships.LOOSE);
  let cut = false;
  if (!found.length && words !== query.trim()) {
    found = await source.search(words, labels, { fuzzy: false });
    cut = found.length > 0;
    if (cut) read = words;
  }
  if (!found.length) found = near;
  const terms = [...new Set([...query.trim().split(/\s+/), ...partnerships.analyse(read, source, labels).all])];
  return found.map(({ partnership, fit }) => ({ partnership, fit, terms, cut }));
}

function pageItem({ data, terms }) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const excerpt = document.createElement("p");
  excerpt.append(...highlighted(excerptOf(data.content, terms), terms));
  li.append(link, excerpt);
  return li;
}

function label(labels, value) {
  return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : value;
}

// The page text up to the index's extra words (after the ⁂ mark), around the first term found in it;
// Pagefind's own excerpt cannot see a term inside a Thai word.
const EXTRA_WORDS = "⁂";
const EXCERPT_CHARS = 160;

function excerptOf(content, terms) {
  // Pagefind puts a zero-width space between the words it cut.
  const text = content.split(EXTRA_WORDS)[0].replaceAll("\u200b", "").trim();
  const lower = text.toLocaleLowerCase();
  const hits = terms.map((term) => lower.indexOf(term.toLocaleLowerCase())).filter((at) => at >= 0);
  let start = hits.length ? Math.max(0, Math.min(...hits) - EXCERPT_CHARS / 4) : 0;
  // Never start on a vowel sign or tone mark: it belongs to the letter before it.
  while (start > 0 && /[\p{M}\u0e30\u0e32\u0e33\u0e45]/u.test(text[start])) start -= 1;
  const end = Math.min(text.length, start + EXCERPT_CHARS);
  return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
}

// Text nodes with each term found wrapped in <mark>; nothing from the index or the data is parsed as HTML.
function highlighted(text, terms) {
  const wanted = terms.filter((term) => term).map((term) => term.toLocaleLowerCase());
  const nodes = [];
  let rest = text;
  while (rest) {
    const lower = rest.toLocaleLowerCase();
    const hits = wanted.map((term) => [lower.indexOf(term), term]).filter(([at]) => at >= 0);
    if (!hits.length) break;
    const [at, term] = hits.reduce((a, b) => (b[0] < a[0] || (b[0] === a[0] && b[1].length > a[1].length) ? b : a));
    const mark = document.createElement("mark");
    mark.textContent = rest.slice(at, at + term.length);
    nodes.push(document.createTextNode(rest.slice(0, at)), mark);
    rest = rest.slice(at + term.length);
  }
  nodes.push(document.createTextNode(rest));
  return nodes;
}
