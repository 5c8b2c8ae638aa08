// Dates as residents read them ("Tuesday 11 October 2016"), from ISO dates, in UTC so that
// output never depends on the machine's time zone; and the date a publication's files are
// stamped with, which is never the clock's.
export function longDate(iso: string, weekday = false): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat('en-GB', { ...(weekday ? { weekday: 'long' } : {}), day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/**
 * The date formats need (PDF CreationDate and ModDate, DOCX core properties, ZIP entry times):
 * the publication's date when the source gives one; otherwise 1980-01-01, the earliest date a
 * ZIP entry can hold, which no reader takes for a publication date. Either way the same input
 * gives byte-identical files. This date is never printed: a cover prints only `published`.
 */
export const UNDATED = '1980-01-01';

export function fileDate(published: string | undefined): string {
  return published ?? UNDATED;
}
