import type {ConnectionHealth} from '../runs/model.js';

// What the header says about the API after answers that were errors (not a rejected token, a gone root or
// a 429, which have states of their own). One failure between successes is that target's business and
// shows on its row; only failures in a row, with no success between, speak for the whole API, and then
// in the terms of what came back: "answers 500", not "unreachable", when it answers.

/** Failures in a row with no success between; reset by any success. */
export type FailureStreak = {since: number; failures: number; status: number | null; message: string};

/** Failures in a row after which the header speaks of the API rather than leaving it to the rows. */
const STREAK_FOR_HEALTH = 2;

export const extendStreak = (streak: FailureStreak | null, failure: {status: number | null; message: string}, at: number): FailureStreak => ({
	since: streak?.since ?? at,
	failures: (streak?.failures ?? 0) + 1,
	status: failure.status,
	message: failure.message,
});

/**
 * The health after a failed request. `unreachableSince`: when the scheduler found that no request gets any
 * answer at all. Null: no change (a single failure among successes, or one target's own trouble).
 */
export function healthAfterFailure(streak: FailureStreak | null, unreachableSince: number | null, message: string): ConnectionHealth | null {
	if (unreachableSince !== null) return {kind: 'offline', since: unreachableSince, message};
	if (streak === null || streak.failures < STREAK_FOR_HEALTH) return null;
	if (streak.status !== null && streak.status >= 400) return {kind: 'api_error', status: streak.status, since: streak.since, message: streak.message};
	return {kind: 'retrying', since: streak.since, message: streak.message};
}
