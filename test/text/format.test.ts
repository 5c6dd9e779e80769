import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	agoGranularityMs,
	durationGranularityMs,
	formatAgo,
	formatClock,
	formatCount,
	formatCountFull,
	formatDuration,
	formatPercent,
	msUntilNextChange,
	parseIsoTime,
	progressBar,
} from '../../source/text/format.js';
import {displayWidth} from '../../source/text/text.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatCount', () => {
	it.each([
		[null, '—'],
		[Number.NaN, '—'],
		[0, '0'],
		[7, '7'],
		[1234, '1,234'],
		[999_999, '999,999'],
		[1_000_000, '1.0M'],
		[1_234_567, '1.2M'],
		[1_999_999, '1.9M'],
		[12_345_678, '12.3M'],
		[99_999_999, '99.9M'],
		[123_456_789, '123M'],
		[999_999_999, '999M'],
		[1_000_000_000, '1.0B'],
		[3_456_000_000, '3.4B'],
		[1e12, '1.0T'],
		[999e12, '999T'],
		[1234e12, '1,234T'],
		[-1234, '-1,234'],
		[-2_500_000, '-2.5M'],
		[12.9, '12'],
	])('%s → %s', (count, expected) => {
		expect(formatCount(count)).toBe(expected);
	});

	it('fits in 7 characters up to 999.9 trillion', () => {
		fc.assert(
			fc.property(fc.integer({min: 0, max: 999e12}), count => {
				expect(formatCount(count).length).toBeLessThanOrEqual(7);
			}),
		);
	});
});

describe('formatCountFull', () => {
	it('shows every digit with separators', () => {
		expect(formatCountFull(1_234_567_890)).toBe('1,234,567,890');
		expect(formatCountFull(12)).toBe('12');
		expect(formatCountFull(-1000)).toBe('-1,000');
		expect(formatCountFull(null)).toBe('—');
	});
});

describe('formatDuration', () => {
	it.each([
		[0, '0s'],
		[999, '0s'],
		[42 * S, '42s'],
		[3 * M + 5 * S, '3m 05s'],
		[59 * M + 59 * S, '59m 59s'],
		[H + 2 * M + 30 * S, '1h 02m'],
		[23 * H + 59 * M, '23h 59m'],
		[2 * D + 3 * H + 59 * M, '2d 3h'],
		[400 * D, '400d 0h'],
		[-5 * S, '0s'],
		[null, '—'],
		[Number.POSITIVE_INFINITY, '—'],
	])('%s ms → %s', (ms, expected) => {
		expect(formatDuration(ms)).toBe(expected);
	});
});

describe('formatAgo', () => {
	it.each([
		[0, 'just now'],
		[9999, 'just now'],
		[-60 * S, 'just now'],
		[10 * S, '10s ago'],
		[59 * S, '59s ago'],
		[5 * M + 59 * S, '5m ago'],
		[2 * H + 59 * M, '2h ago'],
		[4 * D + 23 * H, '4d ago'],
		[null, '—'],
	])('%s ms → %s', (ms, expected) => {
		expect(formatAgo(ms)).toBe(expected);
	});
});

describe('granularity', () => {
	it('follows the unit formatAgo shows', () => {
		expect(agoGranularityMs(30 * S)).toBe(S);
		expect(agoGranularityMs(30 * M)).toBe(M);
		expect(agoGranularityMs(5 * H)).toBe(H);
		expect(agoGranularityMs(3 * D)).toBe(D);
	});

	it('follows the unit formatDuration shows', () => {
		expect(durationGranularityMs(30 * S)).toBe(S);
		expect(durationGranularityMs(30 * M)).toBe(S);
		expect(durationGranularityMs(5 * H)).toBe(M);
		expect(durationGranularityMs(3 * D)).toBe(H);
	});

	it('msUntilNextChange reaches the next multiple of the unit', () => {
		expect(msUntilNextChange(0, S)).toBe(S);
		expect(msUntilNextChange(1500, S)).toBe(500);
		expect(msUntilNextChange(61 * S, M)).toBe(59 * S);
		expect(msUntilNextChange(-250, S)).toBe(250);
	});

	it('formatAgo text does not change before the next change is due', () => {
		fc.assert(
			fc.property(fc.integer({min: 0, max: 30 * D}), ms => {
				const wait = msUntilNextChange(ms, agoGranularityMs(ms));
				expect(wait).toBeGreaterThan(0);
				expect(formatAgo(ms + wait - 1)).toBe(formatAgo(ms));
			}),
			{numRuns: 2000},
		);
	});

	it('formatDuration text does not change before the next change is due, and does change then', () => {
		fc.assert(
			fc.property(fc.integer({min: 0, max: 30 * D}), ms => {
				const wait = msUntilNextChange(ms, durationGranularityMs(ms));
				expect(formatDuration(ms + wait - 1)).toBe(formatDuration(ms));
				expect(formatDuration(ms + wait)).not.toBe(formatDuration(ms));
			}),
			{numRuns: 2000},
		);
	});

	it('formatAgo changes when the next change is due, once past "just now"', () => {
		fc.assert(
			fc.property(fc.integer({min: 10 * S, max: 30 * D}), ms => {
				expect(formatAgo(ms + msUntilNextChange(ms, agoGranularityMs(ms)))).not.toBe(formatAgo(ms));
			}),
			{numRuns: 2000},
		);
	});
});

describe('formatClock', () => {
	const now = Date.UTC(2025, 10, 28, 15, 0, 0); // 2025-11-28 15:00 UTC

	it('shows the time with seconds on the same day', () => {
		expect(formatClock(Date.UTC(2025, 10, 28, 14, 3, 22), now, {timeZone: 'UTC'})).toBe('14:03:22');
	});

	it('shows month, day and minutes on another day of the same year', () => {
		expect(formatClock(Date.UTC(2025, 10, 27, 14, 3, 22), now, {timeZone: 'UTC'})).toBe('Nov 27 14:03');
		expect(formatClock(Date.UTC(2025, 0, 5, 0, 0, 0), now, {timeZone: 'UTC'})).toBe('Jan 5 00:00');
	});

	it('shows the date with the year in another year', () => {
		expect(formatClock(Date.UTC(2024, 1, 3, 9, 5, 0), now, {timeZone: 'UTC'})).toBe('2024-02-03 09:05');
	});

	it('decides "today" in the given time zone', () => {
		// 23:30 UTC on the 28th is 08:30 on the 29th in Tokyo, a different day from 15:00 UTC = 00:00 on the 29th.
		const late = Date.UTC(2025, 10, 28, 23, 30, 0);
		expect(formatClock(late, now, {timeZone: 'Asia/Tokyo'})).toBe('08:30:00');
		expect(formatClock(late, now, {timeZone: 'America/Los_Angeles'})).toBe('15:30:00');
		expect(formatClock(late, Date.UTC(2025, 10, 28, 10, 0, 0), {timeZone: 'Asia/Tokyo'})).toBe('Nov 29 08:30');
	});

	it('shows midnight as 00, not 24', () => {
		expect(formatClock(Date.UTC(2025, 10, 28, 0, 0, 5), now, {timeZone: 'UTC'})).toBe('00:00:05');
	});

	it('gives an em dash for null and invalid times', () => {
		expect(formatClock(null, now)).toBe('—');
		expect(formatClock(Number.NaN, now)).toBe('—');
		expect(formatClock(9e15, now)).toBe('—');
	});
});

describe('parseIsoTime', () => {
	it.each([
		['2021-10-20T02:51:07.546Z', Date.UTC(2021, 9, 20, 2, 51, 7, 546)],
		['2021-10-20T02:51:07Z', Date.UTC(2021, 9, 20, 2, 51, 7)],
		['2021-10-20T02:51:07.546123Z', Date.UTC(2021, 9, 20, 2, 51, 7, 546)],
		['2021-10-20T02:51:07.5Z', Date.UTC(2021, 9, 20, 2, 51, 7, 500)],
		['2021-10-19T19:51:07.546-07:00', Date.UTC(2021, 9, 20, 2, 51, 7, 546)],
		['2021-10-20T04:51:07+0200', Date.UTC(2021, 9, 20, 2, 51, 7)],
		['2021-10-20T02:51Z', Date.UTC(2021, 9, 20, 2, 51)],
		['2021-10-20 02:51:07', Date.UTC(2021, 9, 20, 2, 51, 7)],
		['2021-10-20', Date.UTC(2021, 9, 20)],
		['  2021-10-20T02:51:07Z ', Date.UTC(2021, 9, 20, 2, 51, 7)],
		['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
	])('%s', (text, expected) => {
		expect(parseIsoTime(text)).toBe(expected);
	});

	it.each([
		null,
		'',
		'yesterday',
		'Nov 28 2024',
		'2021-13-01T00:00:00Z',
		'2021-02-30T00:00:00Z',
		'2023-02-29T00:00:00Z',
		'2021-10-20T24:00:00Z',
		'2021-10-20T12:60:00Z',
		'2021-10-20T12:00:00+25:00',
		'1634698267546',
		'2021-10-20T02:51:07.546Z trailing',
	])('%j is null', text => {
		expect(parseIsoTime(text)).toBeNull();
	});

	it('round-trips any time that Date writes', () => {
		fc.assert(
			fc.property(fc.integer({min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1)}), ms => {
				expect(parseIsoTime(new Date(ms).toISOString())).toBe(ms);
			}),
		);
	});
});

describe('formatPercent', () => {
	it.each([
		[0, 100, '0%'],
		[42, 100, '42%'],
		[999, 1000, '99%'],
		[1000, 1000, '100%'],
		[1500, 1000, '100%'],
		[-5, 1000, '0%'],
		[1, 3, '33%'],
		[5, 0, '—'],
		[null, 100, '—'],
		[5, null, '—'],
	])('%s of %s → %s', (done, total, expected) => {
		expect(formatPercent(done, total)).toBe(expected);
	});
});

describe('progressBar', () => {
	it('fills whole cells and one eighth block', () => {
		expect(progressBar(0.53, 10, false)).toBe('█████▎    ');
		expect(progressBar(0.55, 10, false)).toBe('█████▌    ');
		expect(progressBar(0.5625, 10, false)).toBe('█████▋    ');
		expect(progressBar(1, 4, false)).toBe('████');
		expect(progressBar(0, 4, false)).toBe('    ');
	});

	it('draws ASCII with # and -', () => {
		expect(progressBar(0.55, 10, true)).toBe('#####-----');
		expect(progressBar(1, 3, true)).toBe('###');
	});

	it('rounds down, so only 1 fills the bar', () => {
		expect(progressBar(0.999, 10, false)).toBe('█████████▉');
		expect(progressBar(0.999, 10, true)).toBe('#########-');
	});

	it('gives an empty track for null and NaN, and clamps out-of-range fractions', () => {
		expect(progressBar(null, 5, true)).toBe('-----');
		expect(progressBar(Number.NaN, 5, false)).toBe('     ');
		expect(progressBar(2, 3, true)).toBe('###');
		expect(progressBar(-1, 3, true)).toBe('---');
	});

	it('is exactly the width for any fraction', () => {
		fc.assert(
			fc.property(fc.option(fc.double()), fc.integer({min: 0, max: 100}), fc.boolean(), (fraction, width, ascii) => {
				expect(displayWidth(progressBar(fraction, width, ascii))).toBe(width);
			}),
			{numRuns: 2000},
		);
	});
});
