// China keeps UTC+8 all year. Every date here is China local time computed from the string
// itself with integer arithmetic, so the machine's time zone never leaks in.

/** A China local date, "YYYY-MM-DD". */
export type LocalDate = string;

export const CHINA_OFFSET_MINUTES = 480;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number): string => String(n).padStart(4, '0');

export function formatYmd(y: number, m: number, d: number): LocalDate {
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** Value of `count` ASCII digits at `from`, or -1 if any is not a digit. No regex: this is hot. */
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Year, month, day of a valid "YYYY-MM-DD", or null. */
export function parseLocalDate(date: string): { y: number; m: number; d: number } | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 2);
  const d = digits(date, 8, 2);
  return isValidYmd(y, m, d) ? { y, m, d } : null;
}

export function isLocalDate(date: string): boolean {
  return parseLocalDate(date) !== null;
}

function dayNumber(date: LocalDate): number {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`日期格式应为 YYYY-MM-DD，收到 ${date}`);
  return daysFromCivil(p.y, p.m, p.d);
}

function fromDayNumber(days: number): LocalDate {
  const { y, m, d } = civilFromDays(days);
  return formatYmd(y, m, d);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: LocalDate): number {
  const n = dayNumber(date);
  return (((n + 3) % 7) + 7) % 7 + 1; // 1970-01-01 was a Thursday
}

/** The Monday that starts the date's calendar week (Mon–Sun): the key of weekly limits. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** "YYYY-MM": the key of monthly limits and monthly claims. */
/** The days of a month ("YYYY-MM"), first to last. */
export function monthDays(month: string): LocalDate[] {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return Array.from({ length: daysInMonth(y, m) }, (_, i) => formatYmd(y, m, i + 1));
}

export function monthKey(date: LocalDate): string {
  return date.slice(0, 7);
}

export type ChinaLocalTime = {
  /** China local date. */
  date: LocalDate;
  /** Minutes after local midnight, 0..1439. */
  minuteOfDay: number;
};

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * China local date and time of day of an ISO-8601 instant such as "2026-03-02T11:45:00+08:00".
 * Other offsets and "Z" are converted to +08:00. Returns null when the string is not such an instant.
 */
export function toChinaLocal(iso: string): ChinaLocalTime | null {
  // Fast path for what the till writes: "YYYY-MM-DDTHH:MM:SS+08:00".
  if (iso.length === 25 && iso.endsWith('+08:00') && iso.charCodeAt(10) === 84 /* T */ && iso.charCodeAt(13) === 58 && iso.charCodeAt(16) === 58) {
    const date = iso.slice(0, 10);
    const h = digits(iso, 11, 2);
    const mi = digits(iso, 14, 2);
    const sec = digits(iso, 17, 2);
    if (parseLocalDate(date) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59) return { date, minuteOfDay: h * 60 + mi };
    return null;
  }
  const m = INSTANT.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!isValidYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  let offset = 0;
  if (m[7] !== 'Z') {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 14 || om > 59) return null;
    offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  if (offset === CHINA_OFFSET_MINUTES) return { date: iso.slice(0, 10), minuteOfDay: h * 60 + mi };
  const total = daysFromCivil(y, mo, d) * 1440 + h * 60 + mi - offset + CHINA_OFFSET_MINUTES;
  const days = Math.floor(total / 1440);
  return { date: fromDayNumber(days), minuteOfDay: total - days * 1440 };
}

/**
 * "2026-11-30 11:40": an instant as people read it, China time to the minute, whatever offset it was written
 * with. A string that is no instant is given back as it is.
 */
export function chinaDateTimeText(iso: string): string {
  const local = toChinaLocal(iso);
  return local ? `${local.date} ${formatHhmm(local.minuteOfDay)}` : iso;
}

/**
 * The same instant written in China time: "2026-03-02T03:45:00Z" → "2026-03-02T11:45:00+08:00" (seconds and any
 * fraction kept, seconds added when absent). Null when the string is not an instant toChinaLocal accepts.
 */
export function toChinaIso(iso: string): string | null {
  const local = toChinaLocal(iso);
  const m = INSTANT.exec(iso);
  if (!local || !m) return null;
  const seconds = m[6] ?? '00';
  const fraction = /\.\d+/.exec(iso.slice(16))?.[0] ?? '';
  return `${local.date}T${formatHhmm(local.minuteOfDay)}:${seconds}${fraction}+08:00`;
}

/** "2026-03-02T11:45:00+08:00" for an epoch-milliseconds instant (e.g. the caller's Date.now()). */
export function chinaIsoFromEpochMs(ms: number, { millis = false } = {}): string {
  const totalSeconds = Math.floor(ms / 1000) + CHINA_OFFSET_MINUTES * 60;
  const days = Math.floor(totalSeconds / 86400);
  const secs = totalSeconds - days * 86400;
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  // Milliseconds where the order of two records made in the same second matters (policy versions).
  const fraction = millis ? `.${String(Math.floor(ms) - Math.floor(ms / 1000) * 1000).padStart(3, '0')}` : '';
  return `${fromDayNumber(days)}T${pad2(hh)}:${pad2(mm)}:${pad2(secs % 60)}${fraction}+08:00`;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** "11:30" → 690; "24:00" → 1440 (end of day). Null when malformed. */
export function parseHhmm(hhmm: string): number | null {
  if (!HHMM.test(hhmm)) return null;
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function formatHhmm(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
