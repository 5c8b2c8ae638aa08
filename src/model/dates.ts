// Dates as residents read them ("Tuesday 11 October 2016"), from ISO dates, in UTC so that
// output never depends on the machine's time zone.
export function longDate(iso: string, weekday = false): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat('en-GB', { ...(weekday ? { weekday: 'long' } : {}), day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
