// One normal form for names and queries: the JavaScript half of generator/normalize.py, which says what each
// step is for. Both halves pass the same vectors (tests/fixtures/normalize_vectors.json, tests/test_normalize.py).
// Used by partnerships.js, so by the search page and the directory filter alike.

const ZERO_WIDTH = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g;
const LATIN_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const STROKES = { "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ħ": "h", "ı": "i" };
const STROKE = /[đðłøħı]/g;
// Thai (๐–๙) and Lao (໐–໙) digits.
const DIGIT = /[\u0e50-\u0e59\u0ed0-\u0ed9]/g;
const SPACES = /[\s\-‐‑‒–—―_/\\·・]+/g;
const DROPPED = /['’‘`´ʼ.\u0e2f]/g;
const SAINT = /(?<![0-9a-z])st(?![0-9a-z])/g;
const SARA_E_TWICE = /\u0e40\u0e40/g;
const SARA_AM_APART = /\u0e4d([\u0e48-\u0e4b]?)\u0e32/g;
const LAO_AM_APART = /\u0ecd([\u0ec8-\u0ecb]?)\u0eb2/g;
const TONE_FIRST = /([\u0e48-\u0e4c])([\u0e31\u0e34-\u0e3a\u0e47])/g;
const AM_FIRST = /\u0e33([\u0e48-\u0e4b])/g;
const MARK_TWICE = /([\u0e31\u0e33-\u0e3a\u0e47-\u0e4e])\1+/g;
const LOOSE_DROPPED = /[\u0e47-\u0e4c ]/g;
// Long vowels to short, ใ to ไ, and consonants of one sound to one of them (generator/normalize.py, LOOSE_FOLDED).
const LOOSE_FOLDED = {
  "\u0e39": "\u0e38",
  "\u0e35": "\u0e34",
  "\u0e37": "\u0e36",
  "\u0e43": "\u0e44",
  "ข": "ค",
  "ฃ": "ค",
  "ฅ": "ค",
  "ฆ": "ค",
  "ฉ": "ช",
  "ฌ": "ช",
  "ซ": "ส",
  "ศ": "ส",
  "ษ": "ส",
  "ญ": "ย",
  "ฎ": "ด",
  "ฏ": "ต",
  "ฐ": "ท",
  "ฑ": "ท",
  "ฒ": "ท",
  "ถ": "ท",
  "ธ": "ท",
  "ณ": "น",
  "ผ": "พ",
  "ภ": "พ",
  "ฝ": "ฟ",
  "ฮ": "ห",
  "ฬ": "ล",
};
const LOOSE_FOLD = new RegExp(`[${Object.keys(LOOSE_FOLDED).join("")}]`, "g");

// Each step runs only when the text has a character it changes: names are many, and most need few steps.
const LATIN = /[\u00c0-\u04ff\u1e00-\u1fff\u20d0-\u20ff\ufe20-\ufe2f]/;
// Any Thai or Lao sequence that thai() changes (the patterns above, in one scan).
const THAI_VARIANT =
  /\u0e40\u0e40|[\u0e4d\u0ecd]|([\u0e31\u0e33-\u0e3a\u0e47-\u0e4e])\1|[\u0e48-\u0e4c][\u0e31\u0e34-\u0e3a\u0e47]|\u0e33[\u0e48-\u0e4b]/;
const PUNCTUATION = /['’‘`´ʼ.\u0e2f\s\-‐‑‒–—―_/\\·・]/;

export function normalize(text) {
  let value = String(text);
  if (/[\u00ad\u200b-\u200d\u2060\ufeff]/.test(value)) value = value.replace(ZERO_WIDTH, "");
  value = value.normalize("NFKC").toLowerCase();
  if (LATIN.test(value)) {
    value = value.replace(STROKE, (c) => STROKES[c]);
    value = value.normalize("NFD").replace(LATIN_MARKS, "").normalize("NFC");
  }
  // search(), unlike test(), ignores the global flag's lastIndex.
  if (value.search(DIGIT) >= 0) value = value.replace(DIGIT, (c) => String(c.charCodeAt(0) & 0xf));
  if (THAI_VARIANT.test(value)) value = thai(value);
  if (PUNCTUATION.test(value)) value = value.replace(DROPPED, "").replace(SPACES, " ").trim();
  return value.includes("st") ? value.replace(SAINT, "saint") : value;
}

function thai(text) {
  let value = text.replace(SARA_E_TWICE, "\u0e41").replace(SARA_AM_APART, "$1\u0e33");
  value = value.replace(LAO_AM_APART, "$1\u0eb3").replace(MARK_TWICE, "$1");
  for (let i = 0; i < 2; i++) value = value.replace(TONE_FIRST, "$2$1");
  return value.replace(AM_FIRST, "$1\u0e33");
}

export function compact(text) {
  return normalize(text).replaceAll(" ", "");
}

export function loose(text) {
  return looseOfNormal(normalize(text));
}

// The loose form of a text already in normal form.
export function looseOfNormal(value) {
  return value.replace(LOOSE_DROPPED, "").replace(LOOSE_FOLD, (c) => LOOSE_FOLDED[c]);
}

// Words of at least this many letters may be found with one slip (withinOneEdit); a shorter one must be there as
// typed (loosely).
export const FUZZY_MIN = 4;

// Whether b is a with at most one character changed, added or removed, or two neighbouring characters swapped
// (chaing: chiang), the typing slips a word of a name may have and still be found (code units: Thai and Latin are
// one each).
export function withinOneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length > b.length) [a, b] = [b, a];
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length !== b.length) return a.slice(i) === b.slice(i + 1);
  const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return swapped || a.slice(i + 1) === b.slice(i + 1);
}

// How many slips (characters changed, added or removed, two neighbouring characters swapped) turn a into b, or
// limit + 1 when it takes more than limit (the optimal string alignment distance, computed row by row).
export function editsUpTo(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let above = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
    }
    if (Math.min(...row) > limit) return limit + 1;
    [before, above] = [above, row];
  }
  return Math.min(above[b.length], limit + 1);
}

// What a text within one edit of term must hold (withinOneEdit): any one of these lists of parts, every part of
// it. One edit leaves one half of the term whole, or, when it swaps the two letters around the middle, the parts
// before and after them.
export function oneEditParts(term) {
  const half = Math.floor(term.length / 2);
  return [[term.slice(0, half)], [term.slice(half)], [term.slice(0, half - 1), term.slice(half + 1)]];
}
