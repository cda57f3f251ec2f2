// Runs the shared vectors of the index's word code (tests/fixtures/search_terms_vectors.json) through the
// JavaScript half, content/assets/javascripts/terms.js, as the browser loads it; started by
// tests/test_search_terms.py. Prints one line per vector that differs, then "N passed, N failed"; exits 1 when any
// failed.
import { readFileSync } from "node:fs";

const [source, vectors] = process.argv.slice(2);
// The site's scripts are browser modules in a folder without "type": "module": import the text itself.
const terms = await import("data:text/javascript;base64," + Buffer.from(readFileSync(source, "utf8")).toString("base64"));
const data = JSON.parse(readFileSync(vectors, "utf8"));
let passed = 0;
let failed = 0;

function check(what, got, want) {
  if (JSON.stringify(got) === JSON.stringify(want)) passed++;
  else {
    failed++;
    console.log(`${what} = ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
  }
}

for (const [run, code] of data.encode) {
  check(`encode(${JSON.stringify(run)})`, terms.encode(run), code);
  check(`coded([${JSON.stringify(run)}])`, terms.coded([run]), ` ${code} `);
}
for (const [text, runs] of data.runs) check(`runs(${JSON.stringify(text)})`, terms.runs(text), runs);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
