// Ids for what an import names (sections, facts, glossary terms, the publication): lower-case
// words joined by "-", as the schema wants, short enough to read, never the same twice.

const MAX = 60;

/** "Kent and its people" → "kent-and-its-people"; accents dropped, cut at a word under 60 characters. */
export function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > MAX) break;
    out = next;
  }
  return out || words[0]?.slice(0, MAX) || '';
}

/** A slug of `text` not in `taken` ("-2", "-3" … when it is), added to `taken`. */
export function uniqueId(text: string, taken: Set<string>, fallback = 'item'): string {
  const base = slug(text) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
