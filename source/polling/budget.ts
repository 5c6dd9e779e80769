// The request budget is a sliding window: at any moment, the requests sent in the last minute (the
// moment itself included) number at most the limit. Keeping send times, not a per-minute counter, is
// what makes "never exceeded in ANY 60 s window" hold, not just in calendar minutes.

export const BUDGET_WINDOW_MS = 60_000;

/** Send times still inside the window at `now`, oldest first. */
export const inWindow = (sent: readonly number[], now: number): readonly number[] => {
	const from = sent.findIndex(at => at > now - BUDGET_WINDOW_MS);
	if (from === 0) return sent;
	return from === -1 ? [] : sent.slice(from);
};

/** When the window at `now` will have room for one more request under `limit` (now if it has room). */
export const slotFreeAt = (sent: readonly number[], now: number, limit: number): number => {
	const window = inWindow(sent, now);
	if (window.length < limit) return now;
	if (limit <= 0) return Number.POSITIVE_INFINITY;
	// The oldest `window.length - limit + 1` sends must leave the window first.
	const leaving = window[window.length - limit];
	return leaving === undefined ? now : leaving + BUDGET_WINDOW_MS;
};

/** Two lists of send times as one, oldest first, keeping what is inside the window at `now`. */
export const mergeWindows = (a: readonly number[], b: readonly number[], now: number): number[] =>
	[...inWindow(a, now), ...inWindow(b, now)].sort((x, y) => x - y);
