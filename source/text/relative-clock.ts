import {agoGranularityMs, durationGranularityMs, formatAgo, formatDuration, msUntilNextChange} from './format.js';

// Relative times ("3m ago", a ticking "1m 05s") and the moment their text next changes, so the screen is
// redrawn only when what it shows changes: every 10 s under a minute, then far less often, and never
// for an ended run's duration. Change times are rounded up onto a shared grid (whole seconds, or 15 s
// once the text counts minutes) so that many rows changing "at about the same time" change in one frame
// rather than one frame each; a minute-level text may thus lag by up to 15 s, which nobody reads.

export type ClockText = {
	text: string;
	/** Epoch ms at which `text` may next change; null when it never will. */
	changesAt: number | null;
};

const SECOND = 1000;
const COARSE_GRID_MS = 15 * SECOND;
const JUST_NOW_MS = 10 * SECOND;
const MINUTE = 60 * SECOND;

/** `at` rounded up onto the grid that suits a text whose smallest unit is `granularityMs`. */
export function onGrid(at: number, granularityMs: number): number {
	const grid = granularityMs < 60 * SECOND ? SECOND : COARSE_GRID_MS;
	return Math.ceil(at / grid) * grid;
}

/** formatAgo of the time since `since`, and when that text next changes. */
export function agoText(since: number | null, now: number): ClockText {
	if (since === null) return {text: formatAgo(null), changesAt: null};
	const elapsed = now - since;
	// formatAgo says 'just now' for the first 10 s (and for the future): no per-second changes there.
	if (elapsed < JUST_NOW_MS) return {text: formatAgo(elapsed), changesAt: onGrid(since + JUST_NOW_MS, SECOND)};
	// Under a minute an age moves in 10 s steps: a per-second "ago" is a redraw a second on an idle
	// screen (the header's "updated" line and every fresh row) for a precision nobody reads.
	if (elapsed < MINUTE) {
		const shown = Math.floor(elapsed / JUST_NOW_MS) * JUST_NOW_MS;
		return {text: formatAgo(shown), changesAt: since + shown + JUST_NOW_MS};
	}
	const granularity = agoGranularityMs(elapsed);
	return {text: formatAgo(elapsed), changesAt: onGrid(now + msUntilNextChange(elapsed, granularity), granularity)};
}

/** formatDuration from `start` to `end`, or to now while `end` is null (ticking). */
export function durationText(start: number | null, end: number | null, now: number): ClockText {
	if (start === null) return {text: formatDuration(null), changesAt: null};
	if (end !== null) return {text: formatDuration(end - start), changesAt: null};
	const elapsed = now - start;
	const granularity = durationGranularityMs(Math.max(0, elapsed));
	return {text: formatDuration(elapsed), changesAt: onGrid(now + msUntilNextChange(elapsed, granularity), granularity)};
}
