// The lines of a draft's front matter (under its title, before the first heading) that say a
// field: "Published 24 August 2017", "Reference PJ 24/8/17", "Kent County Council, Adult Social
// Care". Only lines that say exactly that are taken; any other front text stays text.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "24 August 2017", "2017-08-24", "24/08/2017" as YYYY-MM-DD; undefined when it is no real date. */
export function isoDate(s: string): string | undefined {
  let y: number, m: number, d: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\d{4})$/i.exec(s)) && MONTHS.includes(r[2].toLowerCase())) [d, m, y] = [Number(r[1]), MONTHS.indexOf(r[2].toLowerCase()) + 1, Number(r[3])];
  else if ((r = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else return undefined;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(iso) ? iso : undefined;
}

export interface FrontFields {
  published?: string;
  reference?: string;
  department?: string;
}

/**
 * What a front-matter line says, or undefined when it is ordinary text. The organisation, when
 * known (from the profile), lets "Organisation, Department" be read as the department.
 */
export function frontField(line: string, organisation?: string): FrontFields | undefined {
  const text = line.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  const pub = /^(?:published|date(?: of publication)?|dated)\s*:?\s+(.+?)(?:\.\s*reference:?\s+(.+))?$/i.exec(text);
  if (pub) {
    const published = isoDate(pub[1].trim());
    if (published) return { published, ...(pub[2] ? { reference: pub[2].trim() } : {}) };
  }
  const bare = isoDate(text);
  if (bare) return { published: bare };
  const ref = /^reference\s*:?\s+(.+)$/i.exec(text);
  if (ref) return { reference: ref[1].trim() };
  if (organisation && text.toLowerCase().startsWith(`${organisation.toLowerCase()},`)) {
    const department = text.slice(organisation.length + 1).trim();
    if (department) return { department };
  }
  if (organisation && text.toLowerCase() === organisation.toLowerCase()) return {};
  return undefined;
}
