import { describe, expect, it } from 'vitest';
import { dayText, parseDate } from './dates';

describe('dates in metadata', () => {
  it('reads ISO, slashed and written-out dates to the same day', () => {
    const day = Date.UTC(2021, 2, 4);
    for (const text of ['2021-03-04', '2021-03-04T00:00:00Z', '2021/03/04', '03/04/2021', '4 March 2021', 'March 4, 2021', 'Mar 4 2021'])
      expect(parseDate(text), text).toBe(day);
    expect(parseDate('2021-03-04T10:30:00+02:00')).toBe(day + 8.5 * 3_600_000);
    // a first number over 12 is the day
    expect(parseDate('25/12/2020')).toBe(Date.UTC(2020, 11, 25));
    expect(parseDate('Mar 2021')).toBe(Date.UTC(2021, 2, 1));
    expect(dayText(day)).toBe('2021-03-04');
  });

  it('says null for what is not a date', () => {
    for (const text of ['', '1', '2021', 'Q4', 'soon', '2021-02-30', '13/13/2020', 'Smarch 4, 2021', '2021-03-04T25:00', '12.5'])
      expect(parseDate(text), text).toBeNull();
  });
});
