// The directory filter on directory/: loads the partnerships in pieces (pieces.js: the first rows first, then the
// pieces a filter needs) and filters them in the browser. The filter state lives in the URL query (?q=…&country=JP&status=active&from=2000&to=2020
// &claim=signed&verification=verified&sort=activity), so a filtered view can be shared. Every string and option comes from templates/pages/directory.md.j2; data is
// shown with textContent only. No request leaves the site. A module: it shares how partnerships are matched
// with the search page (partnerships.js).
import { fill } from "./messages.js";
import * as partnerships from "./partnerships.js";
import * as pieces from "./pieces.js";

const PAGE_SIZE = 200;
const DELAY_MS = 100;
// The page's language (th or en): which names come first, the order of the rows, how numbers are written.
const LANGUAGE = document.documentElement.lang || "th";

const root = document.querySelector(".sc-browse");
if (root) {
  start(root);
}

function start(root) {
  const form = root.querySelector("form");
  const controls = Array.from(form.querySelectorAll("input[name], select[name]"));
  const count = root.querySelector(".sc-count");
  const table = root.querySelector(".sc-results");
  const body = table.querySelector("tbody");
  const headings = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent);
  const more = root.querySelector(".sc-more");
  const text = JSON.parse(root.querySelector(".sc-browse-strings").textContent);
  // The facets to filter by, as generator/facets.py declares them: [{param, column, to?}].
  const facets = JSON.parse(root.querySelector(".sc-browse-facets").textContent);
  const base = root.dataset.base;
  let source = null;
  let rows = null;
  let partial = false;
  let matches = [];
  let current = null;
  let latest = 0;
  let timer = 0;

  root.hidden = false;
  readUrl();
  form.addEventListener("input", (event) => {
    clearTimeout(timer);
    if (event.target.tagName === "SELECT") update();
    else timer = setTimeout(update, DELAY_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });
  form.addEventListener("reset", () => setTimeout(update, 0));
  more.addEventListener("click", () => showMore(body.children.length + PAGE_SIZE));
  pieces
    .open(root.dataset.index, LANGUAGE)
    .then((opened) => {
      source = opened;
      update();
    })
    .catch(failed);

  function failed() {
    current = null;
    count.textContent = text.failed;
  }

  // Set the controls from the URL; a value no option offers falls back to "any" (years to the nearest one).
  function readUrl() {
    const params = new URLSearchParams(location.search);
    for (const control of controls) {
      const wanted = params.get(control.name) || "";
      control.value = wanted;
      if (control.value !== wanted) control.value = nearestYear(control, wanted);
    }
  }

  function nearestYear(select, wanted) {
    const years = Array.from(select.options, (o) => o.value).filter(Boolean).map(Number);
    const year = parseInt(wanted, 10);
    if ((select.name !== "from" && select.name !== "to") || !years.length || isNaN(year)) return "";
    return String(Math.min(Math.max(year, years[0]), years[years.length - 1]));
  }

  function writeUrl(state) {
    const params = new URLSearchParams();
    for (const control of controls) {
      if (state[control.name]) params.set(control.name, state[control.name]);
    }
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  async function update() {
    const state = {};
    for (const control of controls) {
      const value = control.value.trim();
      if (value) state[control.name] = value;
    }
    const key = JSON.stringify(state);
    if (!source || key === current) return;
    current = key;
    writeUrl(state);
    const ticket = ++latest;
    let loaded;
    try {
      // The rows this state can keep (all of them once a filter is chosen; the first pieces without one).
      loaded = await source.forState(state, text, PAGE_SIZE);
    } catch {
      if (ticket === latest) failed();
      return;
    }
    if (ticket !== latest) return;
    performance.mark("sc-filter-start");
    ({ rows, partial } = loaded);
    const [test, similar] = matcher(state);
    matches = rows.filter(test);
    if (state.sort === "activity") matches = byActivity(matches);
    const n = partial ? source.total : matches.length;
    const counted = similar ? text.similar : text.count;
    count.textContent = n ? fill(counted, { n, total: source.total, q: state.q }, LANGUAGE, source.total) : text.none;
    body.replaceChildren();
    show(PAGE_SIZE);
    performance.mark("sc-filter-end");
    // A named measure for benchmarks/directory_scale.py; the marks are dropped so they do not pile up.
    performance.clearMeasures("sc-filter");
    performance.measure("sc-filter", "sc-filter-start", "sc-filter-end");
    performance.clearMarks("sc-filter-start");
    performance.clearMarks("sc-filter-end");
  }

  // Without a filter only the first pieces are loaded: the next ones come with "show more".
  async function showMore(limit) {
    if (partial && limit > matches.length) {
      const ticket = latest;
      const loaded = await source.leading(limit).catch(() => null);
      if (!loaded || ticket !== latest) return;
      ({ rows, partial } = loaded);
      matches = rows;
    }
    show(limit);
  }

  function show(limit) {
    const fragment = document.createDocumentFragment();
    const end = Math.min(limit, matches.length);
    for (let i = body.children.length; i < end; i++) fragment.append(row(matches[i]));
    body.append(fragment);
    table.hidden = matches.length === 0;
    const left = (partial ? source.total : matches.length) - end;
    more.hidden = left <= 0;
    const next = Math.min(left, PAGE_SIZE);
    more.textContent = fill(text.more, { n: next }, LANGUAGE, next);
  }

  function row(r) {
    const tr = document.createElement("tr");
    // The names in the page's language, the partner's in the other language below them (partnerships.js, shown).
    const names = partnerships.shown(r, LANGUAGE);
    cell(tr, headings[0]).textContent = names.thai;
    const partner = cell(tr, "");
    const link = document.createElement("a");
    link.href = base + encodeURIComponent(r.id) + "/";
    link.textContent = names.partner;
    partner.append(link);
    if (r.native) {
      const native = element("span", "sc-native", r.native);
      native.lang = r.lang;
      partner.append(" ", native);
    }
    const second = element("small", "", names.second);
    second.lang = names.other;
    partner.append(document.createElement("br"), second);
    cell(tr, headings[2]).textContent = names.country;
    cell(tr, headings[3]).textContent = label(text.type, r.type);
    const status = cell(tr, "");
    const claim = own(text.claim, r.claim) ? "sc-badge sc-claim sc-claim-" + r.claim : "sc-badge sc-claim";
    status.append(element("span", claim, label(text.claim, r.claim)), " ");
    const known = own(text.status, r.status);
    status.append(element("span", known ? "sc-badge sc-status-" + r.status : "sc-badge", label(text.status, r.status)));
    for (const alert of r.alerts) status.append(" ", element("span", "sc-badge sc-alert", label(text.alert, alert)));
    const checked = own(text.verification, r.verification) ? " sc-verification--" + r.verification : "";
    const verification = element("small", "sc-verification" + checked, label(text.verification, r.verification));
    status.append(document.createElement("br"), verification);
    const dates = cell(tr, headings[5]);
    dates.textContent = r.year === null ? "–" : String(r.year + text.be_offset);
    const last = element("small", "sc-last", text.last_activity + " " + (r.last === null ? "–" : shortDate(r.last)));
    dates.append(document.createElement("br"), last);
    return tr;
  }

  // The test of a row for the state, and whether the rows the query finds are found only spelled alike (loosely or
  // one letter off).
  function matcher(state) {
    // Typing variants, other names, places named in the query, one letter off: see partnerships.js.
    const results = state.q ? partnerships.search(rows, state.q, text) : null;
    const found = results ? new Set(results.map(({ partnership }) => partnership)) : null;
    const tests = facetTests(facets, state, rows.columns);
    const alike = Boolean(results && results.length) && results.every(({ fit }) => fit >= partnerships.LOOSE);
    return [(r) => tests.every((test) => test(r.values)) && (!found || found.has(r)), alike];
  }

  // A date as written in YAML (2015, 2015-03-01, "by 2006") as its year in the page's era (be_offset: Buddhist
  // Era on Thai pages, CE on English ones), with its bound.
  function shortDate(value) {
    const [, bound, year] = DATE.exec(value) || [null, null, null];
    if (year === null) return value;
    const shown = String(Number(year) + text.be_offset);
    return bound && own(text.bound, bound) ? text.bound[bound].replace("{date}", shown) : shown;
  }
}

// One test per facet parameter the state sets, on a row's values: the value, one of a list of values, or within a
// range. Facets sharing a parameter (status: a status or an alert) pass a row that has the value in any of them.
function facetTests(facets, state, at) {
  const tests = [];
  const shared = new Map();
  for (const facet of facets) {
    if (facet.to !== undefined) {
      const [low, high] = [state[facet.param], state[facet.to]];
      if (low || high) tests.push(rangeTest(at[facet.column], low, high));
    } else if (state[facet.param]) {
      if (!shared.has(facet.param)) shared.set(facet.param, []);
      shared.get(facet.param).push(at[facet.column]);
    }
  }
  for (const [param, columns] of shared) {
    const wanted = state[param];
    tests.push((values) => columns.some((i) => has(values[i], wanted)));
  }
  return tests;
}

function has(value, wanted) {
  if (Array.isArray(value)) return value.some((item) => String(item) === wanted);
  return value !== null && value !== undefined && String(value) === wanted;
}

function rangeTest(column, low, high) {
  const from = low ? Number(low) : -Infinity;
  const to = high ? Number(high) : Infinity;
  return (values) => values[column] !== null && values[column] >= from && values[column] <= to;
}

// A date as written in YAML: an optional bound, then the year, month and day.
const DATE = /^(?:(before|by|about) )?(\d{4})/;

// Newest last recorded activity first, records without one last; the listing order within a date.
function byActivity(rows) {
  const key = (r) => (r.last === null ? "" : r.last.replace(/^[a-z]+ /, ""));
  return rows
    .map((r, i) => [key(r), i, r])
    .sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? 1 : -1))
    .map((entry) => entry[2]);
}

function own(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function label(labels, value) {
  return own(labels, value) ? labels[value] : value;
}

// A cell labelled with its column heading, which the phone layout shows in front of it.
function cell(tr, heading) {
  const td = tr.appendChild(document.createElement("td"));
  if (heading) td.dataset.label = heading;
  return td;
}

function element(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = content;
  return node;
}
