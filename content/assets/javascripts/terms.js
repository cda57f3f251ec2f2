// The ASCII code of the search index's extra words: the JavaScript half of generator/search_terms.py (encode,
// UNSPACED_RUN), which says why words are coded. Both halves pass one table of vectors
// (tests/fixtures/search_terms_vectors.json, tests/test_search_terms.py). Used by search.js.

// Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, Hangul, kana, CJK ideographs).
export const UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\uac00-\ud7af\u3040-\u30ff\u3400-\u9fff]+/gu;
const MARK = "qx";
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

// The runs of unspaced script in a text, in order.
export function runs(text) {
  return text.match(UNSPACED) || [];
}

// A run of unspaced script as one ASCII word, prefix-preserving: Thai and Lao letters take 2 symbols, the other
// letters of the basic plane 4, starting with 8 or 9.
export function encode(run) {
  return MARK + [...run].map(code).join("");
}

// Query words with each run of unspaced script replaced by its code, as a word apart: what Pagefind is asked.
export function coded(terms) {
  return terms.map((term) => term.replace(UNSPACED, (run) => ` ${encode(run)} `)).join(" ");
}

function code(letter) {
  const n = letter.codePointAt(0);
  if (n >= 0xe00 && n <= 0xeff) return DIGITS[Math.floor((n - 0xe00) / 36)] + DIGITS[(n - 0xe00) % 36];
  const symbols = [8 + Math.floor(n / 46656), Math.floor(n / 1296) % 36, Math.floor(n / 36) % 36, n % 36];
  return symbols.map((i) => DIGITS[i]).join("");
}
