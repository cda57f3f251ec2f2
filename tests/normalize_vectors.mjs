// Runs the shared normaliser vectors (tests/fixtures/normalize_vectors.json) through the JavaScript half,
// content/assets/javascripts/normalize.js, as the browser loads it; started by tests/test_normalize.py.
// Prints one line per vector that differs, then "N passed, N failed"; exits 1 when any failed.
import { readFileSync } from "node:fs";

const [source, vectors] = process.argv.slice(2);
// The site's scripts are browser modules in a folder without "type": "module": import the text itself.
const code = readFileSync(source, "utf8");
const normaliser = await import("data:text/javascript;base64," + Buffer.from(code).toString("base64"));
let passed = 0;
let failed = 0;
for (const vector of JSON.parse(readFileSync(vectors, "utf8")).normalize) {
  const got = {
    normal: normaliser.normalize(vector.input),
    compact: normaliser.compact(vector.input),
    loose: normaliser.loose(vector.input),
  };
  for (const [form, value] of Object.entries(got)) {
    if (value === vector[form]) passed++;
    else {
      failed++;
      console.log(`${form}(${JSON.stringify(vector.input)}) = ${JSON.stringify(value)}, not ${JSON.stringify(vector[form])}`);
    }
  }
}
const data = JSON.parse(readFileSync(vectors, "utf8"));
for (const [a, b, want] of data.within_one_edit) {
  if (normaliser.withinOneEdit(a, b) === want) passed++;
  else {
    failed++;
    console.log(`withinOneEdit(${a}, ${b}) is not ${want}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
