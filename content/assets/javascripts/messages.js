// Messages of the strings files (generator/strings/<lang>.yaml) as the pages' scripts show them.

const rules = new Map();

// A message with its {name} slots filled in one pass: a value is never read as a slot or a replacement pattern, and
// a number is written as the language writes numbers. A message in forms by plural category ({one, other}: the
// Unicode CLDR's categories, which generator/strings.py chooses with Babel) takes the form for count.
export function fill(template, values, language, count = 0) {
  if (!rules.has(language)) rules.set(language, new Intl.PluralRules(language));
  const text = typeof template === "string" ? template : (template[rules.get(language).select(count)] ?? template.other);
  return text.replace(/\{(\w+)\}/g, (slot, name) => {
    if (!Object.hasOwn(values, name)) return slot;
    const value = values[name];
    return typeof value === "number" ? value.toLocaleString(language) : String(value);
  });
}
