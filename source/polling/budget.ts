// The request budget is a sliding window: at any moment, the requests sent in the last minute (the
// moment itself included) number at most the limit. Keeping send times, not a per-minute counter, is
// what makes "never exceeded in ANY 60 s window" hold, not just in calendar minutes.

import {inWindow} from '../store/budget-window.js';

export const BUDGET_WINDOW_MS = 60_000;

/** When the window (a minute unless given) at `now` will have room for one more request under `limit` (now if it has room). */
export const slotFreeAt = (sent: readonly number[], now: number, limit: number, windowMs: number = BUDGET_WINDOW_MS): number => {
	const window = inWindow(sent, now, windowMs);
	if (window.length < limit) return now;
	if (limit <= 0) return Number.POSITIVE_INFINITY;
	// The oldest `window.length - limit + 1` sends must leave the window first.
	const leaving = window[window.length - limit];
	return leaving === undefined ? now : leaving + windowMs;
};

/**
 * Refreshes may use at most this window's share of the minute's budget within any such window. Without it a
 * minute that began with a burst (the first look at every run) repeats that burst every minute, as each
 * send's slot frees 60 s later: ~26 requests in 10 s, then the screen stands still for 20-30 s. A short
 * window keeps the refreshes that a full budget allows evenly spread: 5 per 2.5 s for 120 a minute.
 */
export const PACE_WINDOW_MS = 2500;

/** The pace limit for a minute's budget, rounded up, so that the pace alone never keeps a minute below its budget. */
export const paceLimit = (budgetPerMinute: number): number =>
	Math.max(1, Math.ceil((budgetPerMinute * PACE_WINDOW_MS) / BUDGET_WINDOW_MS));

/** Two lists of send times as one, oldest first, keeping what is inside the window at `now`. */
export const mergeWindows = (a: readonly number[], b: readonly number[], now: number): number[] =>
	[...inWindow(a, now, BUDGET_WINDOW_MS), ...inWindow(b, now, BUDGET_WINDOW_MS)].sort((x, y) => x - y);
