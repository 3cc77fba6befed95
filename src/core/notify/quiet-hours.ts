// `imessage.notify.quietHours`: one or more local-time ranges such as "22:00-07:00" (crossing
// midnight) or "12:00-13:00, 22:00-07:00". Start is inclusive, end exclusive; "24:00" may end one,
// so "00:00-24:00" is the whole day.

export interface QuietRange {
  /** Minutes since local midnight. */
  start: number;
  end: number;
}

export type QuietHoursResult = { ok: true; ranges: QuietRange[] } | { ok: false; message: string };

const RANGE = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

export function parseQuietHours(text: string): QuietHoursResult {
  const ranges: QuietRange[] = [];
  if (text.trim() === '') return { ok: true, ranges };
  for (const part of text.split(',')) {
    const m = RANGE.exec(part.trim());
    if (!m) return { ok: false, message: `"${part.trim()}" is not a range like "22:00-07:00"` };
    const start = minutes(m[1]!, m[2]!, false);
    const end = minutes(m[3]!, m[4]!, true);
    if (start === undefined || end === undefined) return { ok: false, message: `"${part.trim()}" has a time outside 00:00-23:59` };
    if (start === end) return { ok: false, message: `"${part.trim()}" starts and ends at the same time` };
    ranges.push({ start, end });
  }
  return { ok: true, ranges };
}

/** Whether local time `at` falls in one of the ranges. */
export function isQuiet(ranges: readonly QuietRange[], at: Date): boolean {
  const t = at.getHours() * 60 + at.getMinutes();
  return ranges.some(({ start, end }) => (start < end ? t >= start && t < end : t >= start || t < end));
}

function minutes(h: string, m: string, isEnd: boolean): number | undefined {
  const hours = Number(h);
  const mins = Number(m);
  if (isEnd && hours === 24 && mins === 0) return 1440;
  if (hours > 23 || mins > 59) return undefined;
  return hours * 60 + mins;
}
