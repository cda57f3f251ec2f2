// Runs queries through content/assets/javascripts/partnerships.js, as the search page and the directory filter
// load it, over the directory's data in one JSON file ({meta, rows, labels, queries}); started by
// tests/test_partnership_queries.py. Prints {fits: {WORD_START, INSIDE, CONTEXT, LOOSE, FUZZY}, found: {query: [[id, fit], ...]},
// corrected: {query: the query with misspelt places put right, or null}} as JSON.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const [source, input] = process.argv.slice(2);
// The site's scripts are browser modules in a folder without "type": "module": load them from one that has it.
const folder = mkdtempSync(join(tmpdir(), "partnerships-"));
try {
  writeFileSync(join(folder, "package.json"), '{"type": "module"}');
  for (const name of ["partnerships.js", "query.js", "normalize.js"]) copyFileSync(join(dirname(source), name), join(folder, name));
  const partnerships = await import(pathToFileURL(join(folder, "partnerships.js")).href);
  const { meta, rows, labels, queries } = JSON.parse(readFileSync(input, "utf8"));
  const list = partnerships.prepare({ ...meta, rows });
  const found = {};
  const corrected = {};
  for (const query of queries) {
    found[query] = partnerships.search(list, query, labels).map(({ partnership, fit }) => [partnership.id, fit]);
    corrected[query] = partnerships.corrected(query, list);
  }
  const fits = { WORD_START: partnerships.WORD_START, INSIDE: partnerships.INSIDE, CONTEXT: partnerships.CONTEXT, LOOSE: partnerships.LOOSE, FUZZY: partnerships.FUZZY };
  console.log(JSON.stringify({ fits, found, corrected }));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
