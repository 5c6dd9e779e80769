// Every failure of the Census client is one of these kinds, so that the scheduler and the screens can
// decide what to do (retry, back off, stop, tell the user) without looking at HTTP details.

export type CensusErrorKind =
	| 'auth' // 401 or 403: bad, revoked or insufficient token. Never retried.
	| 'not_found' // 404. Never retried.
	| 'rate_limited' // 429; retryAfterMs when the server said.
	| 'server' // 5xx
	| 'client' // any other 4xx (400, 409, 422, …)
	| 'network' // connection refused/reset/dropped, DNS
	| 'timeout' // no answer within the per-request timeout
	| 'bad_response' // not JSON, truncated, or the wrong shape
	| 'insecure' // refused to send a token over plain http to a non-loopback host
	| 'root_gone' // the API root itself is gone (v1 retired, or no Census API at a wrong base URL). Never retried.
	| 'aborted'; // the caller aborted (quit, unmount)

export type RootGoneReason = 'retired' | 'no_api';

export class CensusError extends Error {
	override readonly name = 'CensusError';
	readonly kind: CensusErrorKind;
	/** HTTP status when there was one. */
	readonly status: number | null;
	/** For rate_limited: milliseconds the server asked us to wait, when it said. */
	readonly retryAfterMs: number | null;
	/** For root_gone: `retired` when the answer says API v1 was retired, `no_api` when nothing there is a Census API. */
	readonly rootGone: RootGoneReason | null;

	constructor(
		kind: CensusErrorKind,
		message: string,
		options: {status?: number | null; retryAfterMs?: number | null; rootGone?: RootGoneReason | null; cause?: unknown} = {},
	) {
		super(message, options.cause === undefined ? undefined : {cause: options.cause});
		this.kind = kind;
		this.status = options.status ?? null;
		this.retryAfterMs = options.retryAfterMs ?? null;
		this.rootGone = options.rootGone ?? null;
	}
}

export const isCensusError = (error: unknown): error is CensusError => error instanceof CensusError;
