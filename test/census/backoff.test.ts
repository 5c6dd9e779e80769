import {describe, expect, it} from 'vitest';
import {
	clampRateLimitPauseMs,
	MAX_RATE_LIMIT_PAUSE_MS,
	MIN_RATE_LIMIT_PAUSE_MS,
	parseRetryAfterMs,
	rateLimitPauseMs,
	retryDelayMs,
} from '../../source/census/backoff.js';

const options = {baseDelayMs: 500, maxDelayMs: 30_000};
const almostOne = () => 0.999_999;

describe('retryDelayMs', () => {
	it('doubles its ceiling with each retry', () => {
		expect([0, 1, 2, 3].map(retry => retryDelayMs(retry, options, almostOne))).toEqual([499, 999, 1999, 3999]);
	});

	it('never exceeds maxDelayMs however many retries', () => {
		expect(retryDelayMs(40, options, almostOne)).toBe(29_999);
	});

	it('is fully jittered: the random draw scales it down to zero', () => {
		expect(retryDelayMs(2, options, () => 0)).toBe(0);
		expect(retryDelayMs(2, options, () => 0.5)).toBe(1000);
	});
});

describe('rateLimitPauseMs', () => {
	const pauses = {baseDelayMs: 5000, maxDelayMs: 300_000};

	it('starts at a few seconds and grows on consecutive 429s', () => {
		expect([1, 2, 3].map(strike => rateLimitPauseMs(strike, pauses, () => 0))).toEqual([2500, 5000, 10_000]);
		expect([1, 2, 3].map(strike => rateLimitPauseMs(strike, pauses, almostOne))).toEqual([4999, 9999, 19_999]);
	});

	it('is capped', () => {
		expect(rateLimitPauseMs(30, pauses, almostOne)).toBe(299_999);
	});
});

describe('parseRetryAfterMs', () => {
	const now = Date.parse('2026-03-01T12:00:00Z');

	it('reads delta-seconds', () => {
		expect(parseRetryAfterMs('1', now)).toBe(1000);
		expect(parseRetryAfterMs(' 120 ', now)).toBe(120_000);
		expect(parseRetryAfterMs('0', now)).toBe(0);
	});

	it('reads an HTTP date relative to now', () => {
		expect(parseRetryAfterMs('Sun, 01 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
	});

	it('gives 0 for a date in the past', () => {
		expect(parseRetryAfterMs('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
	});

	it.each([null, '', 'soon', '-5', '1e3', '2026-03-01T12:00:30Z'])('gives null for %j', value => {
		expect(parseRetryAfterMs(value, now)).toBeNull();
	});
});

describe('clampRateLimitPauseMs', () => {
	it('stretches tiny pauses and cuts absurd ones', () => {
		expect(clampRateLimitPauseMs(0)).toBe(MIN_RATE_LIMIT_PAUSE_MS);
		expect(clampRateLimitPauseMs(2500)).toBe(2500);
		expect(clampRateLimitPauseMs(10 * 24 * 3600 * 1000)).toBe(MAX_RATE_LIMIT_PAUSE_MS);
	});
});
