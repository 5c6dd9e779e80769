// Retry-delay arithmetic, kept pure (the random source and the clock are arguments) so that it can be
// tested without timers.

export type BackoffOptions = {
	baseDelayMs: number;
	maxDelayMs: number;
};

/** A server-given pause shorter than this is stretched: `Retry-After: 0` must not turn into a hammer. */
export const MIN_RATE_LIMIT_PAUSE_MS = 1000;
/**
 * A server-given pause longer than this is cut: a bogus header (a day, say) must not freeze the watcher.
 * If the limit still holds afterwards, the next 429 pauses again.
 */
export const MAX_RATE_LIMIT_PAUSE_MS = 10 * 60 * 1000;

const ceiling = (step: number, options: BackoffOptions): number =>
	Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, step));

/**
 * Delay before retry number `retry` (0 for the first retry): "full jitter", uniform in
 * [0, min(max, base·2^retry)), which spreads clients that failed together better than a fixed schedule.
 */
export function retryDelayMs(retry: number, options: BackoffOptions, random: () => number): number {
	return Math.floor(random() * ceiling(retry, options));
}

/**
 * Pause after the `strike`-th 429 in a row (1 for the first) when the server gave no Retry-After:
 * "equal jitter", between half and all of min(max, base·2^(strike-1)), so that it never shrinks to nothing.
 */
export function rateLimitPauseMs(strike: number, options: BackoffOptions, random: () => number): number {
	const cap = ceiling(strike - 1, options);
	return Math.floor(cap / 2 + (random() * cap) / 2);
}

/**
 * Retry-After as milliseconds from `nowMs`: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Null when
 * absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | null {
	if (value === null) {
		return null;
	}

	const text = value.trim();
	if (/^\d+(?:\.\d+)?$/.test(text)) {
		return Math.round(Number(text) * 1000);
	}

	// Date.parse also accepts bare numbers and other loose forms; every HTTP date form opens with a weekday.
	if (!/^[A-Za-z]{3,9}[, ]/.test(text)) {
		return null;
	}

	const at = Date.parse(text);
	return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** The pause the client actually observes for a server-given Retry-After. */
export const clampRateLimitPauseMs = (retryAfterMs: number): number =>
	Math.min(MAX_RATE_LIMIT_PAUSE_MS, Math.max(MIN_RATE_LIMIT_PAUSE_MS, retryAfterMs));
