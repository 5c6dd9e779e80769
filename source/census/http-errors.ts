import {STATUS_CODES} from 'node:http';
import {CensusError, type RootGoneReason} from './errors.js';
import {rootGoneText} from './root-gone.js';

// How an HTTP attempt's failure reads: one CensusError with a kind the retry loop and the poller act on,
// and a message that starts with the request ("GET /sync_runs/9: ...").

const describeMs = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)}s`);

const statusName = (status: number): string => `${status} ${STATUS_CODES[status] ?? 'HTTP status'}`;

/** A status other than 2xx. `said`: the error body's message; `pauseMs`: after a 429, how long all requests wait. */
export function httpError(label: string, status: number, said: string | null, retryAfterMs: number | null, pauseMs: number): CensusError {
	const suffix = said === null ? '' : `: ${said}`;
	const options = {status, retryAfterMs};
	if (status === 401 || status === 403) {
		const what = status === 401 ? 'the API rejected the token' : 'the token has no access to this';
		return new CensusError('auth', `${label}: ${what} (${statusName(status)})${suffix}`, options);
	}

	if (status === 404) {
		return new CensusError('not_found', `${label}: 404 not found${suffix}`, options);
	}

	if (status === 429) {
		return new CensusError('rate_limited', `${label}: 429 rate limited; pausing all requests for ${describeMs(pauseMs)}${suffix}`, options);
	}

	if (status >= 500) {
		return new CensusError('server', `${label}: ${statusName(status)}${suffix}`, options);
	}

	if (status >= 300 && status < 400) {
		return new CensusError('bad_response', `${label}: unexpected redirect (${statusName(status)})`, options);
	}

	return new CensusError('client', `${label}: ${statusName(status)}${suffix}`, options);
}

export const rootGoneError = (label: string, status: number, reason: RootGoneReason, root: string): CensusError =>
	new CensusError('root_gone', `${label}: ${statusName(status)}: ${rootGoneText(reason, root)}`, {status, rootGone: reason});

/** Puts the request in front of a message raised while parsing its answer. */
export const withLabel = (error: CensusError, label: string, status: number): CensusError =>
	new CensusError(error.kind, `${label}: ${error.message}`, {status, retryAfterMs: error.retryAfterMs, rootGone: error.rootGone});

function errorCode(error: unknown): string | null {
	const cause = error instanceof Error ? error.cause : undefined;
	const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
	return typeof code === 'string' ? code : null;
}

/** A failure that is not already a CensusError: the attempt's own timeout, or the network. */
export function attemptFailure(error: unknown, label: string, timedOutAfterMs: number | null, status: number | null): CensusError {
	if (timedOutAfterMs !== null) return new CensusError('timeout', `${label}: no answer within ${describeMs(timedOutAfterMs)}`, {status});
	return new CensusError('network', `${label}: network error (${errorCode(error) ?? 'connection failed'})`, {status, cause: error});
}
