// Dates as metadata holds them: ISO 8601 (with or without a time), "2021/03/04", "03/04/2021"
// (month first, unless the first number cannot be a month), "4 March 2021", "March 4, 2021" and
// "Mar 2021". Anything else is not a date: Date.parse is not used, since it reads "1" or "Q4" as dates.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function utc(year: number, month: number, day: number, time = 0): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || year > 9999) return null;
  const ms = Date.UTC(year, month - 1, day) + time;
  // 31 February rolls into March: not a date
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day ? ms : null;
}

const monthOf = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** Milliseconds since 1970 (UTC) of a date written in one of the forms above, else null. */
export function parseDate(text: string): number | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', zone] = m;
    let offset = 0;
    if (zone && zone !== 'Z') offset = (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
    if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
    return utc(Number(y), Number(mo), Number(d), ((Number(h) * 60 + Number(mi)) * 60 + Number(sec)) * 1000 - offset);
  }
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return utc(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return a > 12 ? utc(Number(m[3]), b, a) : utc(Number(m[3]), a, b);
  }
  m = /^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})$/.exec(s);
  if (m && monthOf(m[2]!)) return utc(Number(m[3]), monthOf(m[2]!), Number(m[1]));
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(s);
  if (m && monthOf(m[1]!)) return utc(Number(m[3]), monthOf(m[1]!), Number(m[2]));
  m = /^([A-Za-z]{3,9})\.? (\d{4})$/.exec(s);
  if (m && monthOf(m[1]!)) return utc(Number(m[2]), monthOf(m[1]!), 1);
  return null;
}

/** A day as people read it: 2021-03-04. */
export const dayText = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
