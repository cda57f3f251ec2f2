// The search page: reads ?q= from the address, queries the Pagefind bundle built with the site, and lists
// the results as links titled with the page title. Every string comes from data attributes written by
// templates/pages/search.md.j2 (from generator/strings); no request leaves the site.
const PAGE_SIZE = 10;
const DELAY_MS = 200;

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
  const bundle = new URL(root.dataset.bundle, document.baseURI);
  let pagefind = null;
  let shown = [];
  let terms = [];
  let latest = 0;
  let timer = 0;

  async function load() {
    if (!pagefind) {
      pagefind = await import(bundle.href);
      // Result URLs are site-relative: prefix them with wherever the site is served from.
      await pagefind.options({ baseUrl: new URL("../", bundle).pathname });
    }
    return pagefind;
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
    status.textContent = root.dataset.searching;
    let found;
    try {
      found = await find(await load(), query);
    } catch (error) {
      status.textContent = root.dataset.unavailable;
      list.setAttribute("aria-busy", "false");
      return;
    }
    if (ticket !== latest) return;
    shown = found.results;
    terms = found.terms;
    status.textContent = shown.length
      ? root.dataset.count.replace("{n}", shown.length.toLocaleString("th-TH"))
      : root.dataset.none.replace("{q}", query);
    await showMore(ticket);
    if (ticket === latest) list.setAttribute("aria-busy", "false");
  }

  async function showMore(ticket) {
    const start = list.children.length;
    const page = await Promise.all(shown.slice(start, start + PAGE_SIZE).map((result) => result.data()));
    if (ticket !== latest) return;
    list.append(...page.map((data) => item(data, terms)));
    more.hidden = list.children.length >= shown.length;
  }

  function share(query) {
    const url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  }

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

// Words in scripts written without spaces are indexed as coded tails that start at each word
// (generator/search_terms.py), so a query is first taken as typed and coded the same way: "สัมพันธ์" finds
// "ความสัมพันธ์", "คุนหมิง" finds คุนหมิง. Only when that finds nothing is it cut into words by the browser,
// for queries like "เชียงใหม่คุนหมิง". The ranges and the code are those of search_terms.py.
const UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\uac00-\ud7af\u3040-\u30ff\u3400-\u9fff]+/gu;
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

async function find(pagefind, query) {
  const typed = query.trim().split(/\s+/);
  const found = await pagefind.search(coded(typed));
  const words = segmented(query);
  if (found.results.length || words.join(" ") === typed.join(" ")) return { results: found.results, terms: typed };
  return { results: (await pagefind.search(coded(words))).results, terms: words };
}

function coded(terms) {
  return terms.map((term) => term.replace(UNSPACED, (run) => ` qx${[...run].map(code).join("")} `)).join(" ");
}

function code(letter) {
  const n = letter.codePointAt(0);
  if (n >= 0xe00 && n <= 0xeff) return DIGITS[Math.floor((n - 0xe00) / 36)] + DIGITS[(n - 0xe00) % 36];
  const symbols = [8 + Math.floor(n / 46656), Math.floor(n / 1296) % 36, Math.floor(n / 36) % 36, n % 36];
  return symbols.map((i) => DIGITS[i]).join("");
}

function segmented(query) {
  const segmenter = new Intl.Segmenter(document.documentElement.lang, { granularity: "word" });
  return [...segmenter.segment(query)].filter((part) => part.isWordLike).map((part) => part.segment);
}

function item(data, terms) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const excerpt = document.createElement("p");
  excerpt.append(...highlighted(excerptOf(data.content, terms), terms));
  li.append(link, excerpt);
  return li;
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

// Text nodes with each term found wrapped in <mark>; nothing from the index is parsed as HTML.
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
