// Numbers, durations and times as the screens and the plain output show them. Counts and times from the
// API can be null (a run that has not started counting, a run that has not ended), so every formatter
// takes null and shows an em dash for it. Counts and durations round DOWN: a running count or a progress
// bar never looks finished before it is.

export const MISSING = '—';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const JUST_NOW_MS = 10 * SECOND;

const isNumber = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

const withSeparators = (value: number): string => {
	const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return value < 0 ? `-${digits}` : digits;
};

/** A count with thousands separators, for detail tables: 1234567 → '1,234,567'. */
export function formatCountFull(count: number | null): string {
	if (!isNumber(count)) return MISSING;
	return withSeparators(Math.trunc(count));
}

const COMPACT_UNITS = [
	{suffix: 'M', size: 1e6},
	{suffix: 'B', size: 1e9},
	{suffix: 'T', size: 1e12},
] as const;

/**
 * A count for a narrow column, at most 7 characters up to 999.9T: in full up to 999,999, then compact with
 * one decimal under 100 of the unit and none from 100 ('1.2M', '34.5B', '123T'), rounded down.
 */
export function formatCount(count: number | null): string {
	if (!isNumber(count)) return MISSING;
	const whole = Math.trunc(count);
	const magnitude = Math.abs(whole);
	if (magnitude < 1e6) return withSeparators(whole);
	const sign = whole < 0 ? '-' : '';
	for (const [index, unit] of COMPACT_UNITS.entries()) {
		const scaled = magnitude / unit.size;
		const isLast = index === COMPACT_UNITS.length - 1;
		if (scaled >= 1000 && !isLast) continue;
		const text = scaled < 100 ? (Math.floor(scaled * 10) / 10).toFixed(1) : withSeparators(Math.floor(scaled));
		return `${sign}${text}${unit.suffix}`;
	}

	return MISSING;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** Elapsed time: '42s', '3m 05s', '1h 02m', '2d 3h'. Negative (clock skew) counts as 0. */
export function formatDuration(ms: number | null): string {
	if (!isNumber(ms)) return MISSING;
	const elapsed = Math.max(0, ms);
	if (elapsed < MINUTE) return `${Math.floor(elapsed / SECOND)}s`;
	if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m ${pad2(Math.floor((elapsed % MINUTE) / SECOND))}s`;
	if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h ${pad2(Math.floor((elapsed % HOUR) / MINUTE))}m`;
	return `${Math.floor(elapsed / DAY)}d ${Math.floor((elapsed % DAY) / HOUR)}h`;
}

/** Time since something: 'just now' under 10 s (and for times in the future), then '42s ago', '3m ago', '2h ago', '4d ago'. */
export function formatAgo(ms: number | null): string {
	if (!isNumber(ms)) return MISSING;
	if (ms < JUST_NOW_MS) return 'just now';
	if (ms < MINUTE) return `${Math.floor(ms / SECOND)}s ago`;
	if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m ago`;
	if (ms < DAY) return `${Math.floor(ms / HOUR)}h ago`;
	return `${Math.floor(ms / DAY)}d ago`;
}

/**
 * The smallest unit formatAgo shows at this age, so a screen can re-render only as often as the text can
 * change: 1 s under a minute, 1 min under an hour, 1 h under a day, 1 day after.
 */
export function agoGranularityMs(ms: number): number {
	if (ms < MINUTE) return SECOND;
	if (ms < HOUR) return MINUTE;
	if (ms < DAY) return HOUR;
	return DAY;
}

/** The same for formatDuration, which shows one unit more: 1 s under an hour, 1 min under a day, 1 h after. */
export function durationGranularityMs(ms: number): number {
	if (ms < HOUR) return SECOND;
	if (ms < DAY) return MINUTE;
	return HOUR;
}

/** Milliseconds from `ms` to the next multiple of `granularityMs`: when the shown text may next change. */
export function msUntilNextChange(ms: number, granularityMs: number): number {
	if (ms < 0) return -ms;
	return granularityMs - (ms % granularityMs);
}

export type ClockOptions = {
	/** IANA time zone; the process's local zone when absent. */
	timeZone?: string;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_DATE_MS = 8.64e15;
const isDateMs = (value: number | null): value is number => isNumber(value) && Math.abs(value) <= MAX_DATE_MS;

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

const clockFormatter = (timeZone: string | undefined): Intl.DateTimeFormat => {
	const key = timeZone ?? '';
	let formatter = clockFormatters.get(key);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: 'short',
			day: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23',
		});
		clockFormatters.set(key, formatter);
	}

	return formatter;
};

type ClockParts = {year: string; month: string; day: string; hour: string; minute: string; second: string};

const clockParts = (epochMs: number, timeZone: string | undefined): ClockParts => {
	const parts: ClockParts = {year: '', month: '', day: '', hour: '', minute: '', second: ''};
	for (const {type, value} of clockFormatter(timeZone).formatToParts(epochMs)) {
		if (Object.hasOwn(parts, type)) parts[type as keyof ClockParts] = value;
	}

	return parts;
};

/**
 * A wall-clock time: '14:03:22' on the same day as `now`, 'Nov 28 14:03' on another day of the same year,
 * '2024-11-28 14:03' in another year. Local time unless `options.timeZone` says otherwise.
 */
export function formatClock(epochMs: number | null, now: number = Date.now(), options: ClockOptions = {}): string {
	if (!isDateMs(epochMs)) return MISSING;
	const time = clockParts(epochMs, options.timeZone);
	const today = isDateMs(now) ? clockParts(now, options.timeZone) : null;
	const hhmm = `${time.hour}:${time.minute}`;
	if (today !== null && today.year === time.year && today.month === time.month && today.day === time.day) {
		return `${hhmm}:${time.second}`;
	}

	if (today !== null && today.year === time.year) return `${time.month} ${time.day} ${hhmm}`;
	return `${time.year}-${pad2(MONTHS.indexOf(time.month) + 1)}-${time.day.padStart(2, '0')} ${hhmm}`;
}

const ISO_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Epoch ms of an ISO 8601 time as the API writes it ('2021-10-20T02:51:07.546Z', offsets like '-07:00'),
 * or null for null and anything that is not a real ISO time (Date.parse alone accepts 'Nov 28' and rolls
 * Feb 30 over to March). A time without an offset is taken as UTC; fractions beyond milliseconds are cut.
 */
export function parseIsoTime(text: string | null): number | null {
	if (typeof text !== 'string') return null;
	const match = ISO_TIME.exec(text.trim());
	if (match === null) return null;
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', , sign, offsetHours = '0', offsetMinutes = '0'] = match;
	const fields = {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: Number(second),
		offsetHours: Number(offsetHours),
		offsetMinutes: Number(offsetMinutes),
	};
	if (fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > daysInMonth(fields.year, fields.month)) return null;
	if (fields.hour > 23 || fields.minute > 59 || fields.second > 59 || fields.offsetHours > 23 || fields.offsetMinutes > 59) return null;
	const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
	const utc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, ms);
	const offset = (fields.offsetHours * 60 + fields.offsetMinutes) * MINUTE;
	return sign === '-' ? utc + offset : sign === '+' ? utc - offset : utc;
}

/** Whole percent, rounded down so that 100% means done: '42%'; an em dash without a positive total. */
export function formatPercent(done: number | null, total: number | null): string {
	if (!isNumber(done) || !isNumber(total) || total <= 0) return MISSING;
	const percent = Math.floor((Math.min(Math.max(done, 0), total) / total) * 100);
	return `${percent}%`;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A bar exactly `width` cells wide. Unicode fills with '█' and one eighth-block for the remainder, the
 * track is spaces ('█████▌    '); ASCII is '#####-----'. A fraction that is null or NaN gives an empty
 * track; it is clamped to 0..1 and rounded down, so only 1 fills the bar.
 */
export function progressBar(fraction: number | null, width: number, ascii: boolean): string {
	const cells = Number.isFinite(width) ? Math.max(0, Math.floor(width)) : 0;
	const track = ascii ? '-' : ' ';
	const filled = isNumber(fraction) ? Math.min(Math.max(fraction, 0), 1) * cells : 0;
	const full = Math.floor(filled);
	if (ascii) return '#'.repeat(full) + track.repeat(cells - full);
	const partial = full < cells ? (EIGHTHS[Math.floor((filled - full) * 8)] ?? '') : '';
	return '█'.repeat(full) + partial + track.repeat(cells - full - (partial === '' ? 0 : 1));
}

/** ISO 8601 UTC to the second: the time at the head of a plain line, in an incident block, in a log. */
export const isoSeconds = (epochMs: number): string => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
