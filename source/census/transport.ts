import ky, {type KyInstance} from 'ky';
import type {RequestEvent} from './api.js';
import {clampRateLimitPauseMs, parseRetryAfterMs, rateLimitPauseMs, retryDelayMs, type BackoffOptions} from './backoff.js';
import {CensusError, type CensusErrorKind} from './errors.js';
import {attemptFailure, httpError, rootGoneError, withLabel} from './http-errors.js';
import {errorBodyMessage, parseJsonBody} from './parse.js';
import {sharedRateGate, type RateGate, type Sleep} from './rate-gate.js';
import {readBody, untilAborted} from './read-body.js';
import {rootGoneReason} from './root-gone.js';
import {tokenRedactor} from './token.js';

// One request to the API, as many HTTP attempts as it takes: ky sends each attempt; the retry loop is ours
// so that backoff, the shared 429 pause and the per-attempt accounting (onRequest) live in one place.

// A page of 100 large sync objects is a few MB; far beyond that the answer is not what we asked for.
const MAX_BODY_BYTES = 32 * 1024 * 1024;
// Enough for any message an error body carries; the rest is never read.
const MAX_ERROR_BODY_BYTES = 16 * 1024;
// Kinds a GET tries again within one call. bad_response is not among them: a malformed answer is
// usually the same on a second try, and the poller will ask again on its own schedule anyway.
const RETRIED_KINDS: ReadonlySet<CensusErrorKind> = new Set(['server', 'network', 'timeout', 'rate_limited']);

export type Call<T> = {
	method: 'GET' | 'POST';
	/** Relative to the API root, without a leading slash. */
	path: string;
	searchParams?: Record<string, string>;
	parse: (body: unknown) => T;
	signal: AbortSignal | undefined;
};

export type TransportSettings = {
	baseUrl: string;
	token: string;
	userAgent: string;
	/** The sync list's path: a 404 there (not elsewhere) may mean that the root is gone. */
	syncListPath: string;
	/** Per attempt, including reading the body. */
	timeoutMs: number;
	/** Retries of a GET after the first attempt. */
	retryLimit: number;
	retryTimeouts: boolean;
	backoff: BackoffOptions;
	rateLimitBackoff: BackoffOptions;
	now: () => number;
	random: () => number;
	sleep: Sleep;
	onRequest: ((event: RequestEvent) => void) | undefined;
};

export type Transport = {
	send<T>(call: Call<T>): Promise<T>;
	/** Epoch ms until which nothing is sent because of a 429, or null. */
	rateLimitedUntil(): number | null;
};

const aborted = (label: string): CensusError => new CensusError('aborted', `${label}: aborted`);

/** Waits, reading an abort of `signal` as the request's abort. */
async function waitOrAbort(wait: () => Promise<void>, signal: AbortSignal | undefined, label: string): Promise<void> {
	try {
		await wait();
	} catch (error) {
		if (signal?.aborted) {
			throw aborted(label);
		}

		throw error;
	}
}

function createHttp({baseUrl, token, userAgent}: TransportSettings): KyInstance {
	return ky.create({
		prefixUrl: baseUrl,
		timeout: false,
		retry: 0,
		throwHttpErrors: false,
		// A redirect could carry the token to another host; the API has no reason to send one.
		redirect: 'manual',
		headers: {
			accept: 'application/json',
			'user-agent': userAgent,
			...(token === '' ? {} : {authorization: `Bearer ${token}`}),
		},
	});
}

export function createTransport(settings: TransportSettings): Transport {
	const {baseUrl, now, random, sleep, timeoutMs} = settings;
	const http = createHttp(settings);
	const redact = tokenRedactor(settings.token);
	const gate: RateGate = sharedRateGate(settings.token, baseUrl);

	async function waitForGate(signal: AbortSignal | undefined, label: string): Promise<void> {
		if (signal?.aborted) {
			throw aborted(label);
		}

		await waitOrAbort(async () => gate.waitUntilOpen(now, sleep, signal), signal, label);
	}

	/** Closes the shared gate after a 429 and answers how long for. */
	function closeGate(retryAfterMs: number | null): number {
		const strike = gate.recordRateLimited();
		const pauseMs = retryAfterMs === null ? rateLimitPauseMs(strike, settings.rateLimitBackoff, random) : clampRateLimitPauseMs(retryAfterMs);
		gate.closeUntil(now() + pauseMs);
		return pauseMs;
	}

	async function errorMessage(response: Response, signal: AbortSignal): Promise<string | null> {
		return errorBodyMessage(redact((await readBody(response, MAX_ERROR_BODY_BYTES, signal)).text));
	}

	/** A status other than 2xx and 429, as its error: the root gone, or what the status says. */
	async function failedAnswer(call: Call<unknown>, label: string, response: Response, signal: AbortSignal): Promise<CensusError> {
		const {status} = response;
		const said = await errorMessage(response, signal);
		const gone = rootGoneReason({
			status,
			url: response.url,
			root: baseUrl,
			syncList: call.method === 'GET' && call.path === settings.syncListPath,
			location: response.headers.get('location'),
			message: said,
			now: now(),
		});
		return gone === null ? httpError(label, status, said, null, 0) : rootGoneError(label, status, gone, baseUrl);
	}

	async function handleResponse<T>(call: Call<T>, label: string, response: Response, signal: AbortSignal): Promise<T> {
		const {status} = response;
		if (status === 429) {
			const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), now());
			const pauseMs = closeGate(retryAfterMs);
			throw httpError(label, status, await errorMessage(response, signal), retryAfterMs, pauseMs);
		}

		gate.recordAnswer();
		if (status < 200 || status >= 300) {
			throw await failedAnswer(call, label, response, signal);
		}

		const body = await readBody(response, MAX_BODY_BYTES, signal);
		if (!body.complete) {
			throw new CensusError('bad_response', `${label}: the answer is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`, {status});
		}

		try {
			return call.parse(parseJsonBody(redact(body.text)));
		} catch (error) {
			throw error instanceof CensusError ? withLabel(error, label, status) : error;
		}
	}

	/**
	 * One HTTP attempt; every failure comes out as a CensusError. The attempt has its own signal, tied to
	 * the caller's by a listener that is taken off afterwards. Not AbortSignal.any: Node 20 keeps a signal
	 * made by any() alive, with everything listening to it, for as long as its sources may still abort, and
	 * the poller's signal lives as long as the app: about a kilobyte per request, for days. The attempt
	 * ends on its signal by itself (read-body.ts): ky's Request can lose its link to the signal to GC.
	 */
	async function attempt<T>(call: Call<T>, label: string): Promise<T> {
		const controller = new AbortController();
		let timedOut = false;
		const timeout = setTimeout(() => {
			timedOut = true;
			controller.abort();
		}, timeoutMs);
		const onAbort = () => {
			controller.abort();
		};

		call.signal?.addEventListener('abort', onAbort, {once: true});
		if (call.signal?.aborted) controller.abort();
		const {signal} = controller;
		const startedAt = now();
		let status: number | null = null;
		try {
			const response = await untilAborted(http(call.path, {method: call.method, searchParams: call.searchParams, signal}), signal);
			status = response.status;
			return await handleResponse(call, label, response, signal);
		} catch (error) {
			if (call.signal?.aborted) {
				throw aborted(label);
			}

			if (error instanceof CensusError) {
				throw error;
			}

			throw attemptFailure(error, label, timedOut ? timeoutMs : null, status);
		} finally {
			clearTimeout(timeout);
			call.signal?.removeEventListener('abort', onAbort);
			settings.onRequest?.({method: call.method, path: `/${call.path}`, status, startedAt, durationMs: now() - startedAt});
		}
	}

	/** Whether a failed attempt of `call` is tried again after `retry` retries. */
	function retried(call: Call<unknown>, failure: CensusError, retry: number): boolean {
		const retriedKind = RETRIED_KINDS.has(failure.kind) && (settings.retryTimeouts || failure.kind !== 'timeout');
		return call.method === 'GET' && retry < settings.retryLimit && retriedKind;
	}

	async function send<T>(call: Call<T>): Promise<T> {
		const label = `${call.method} /${call.path}`;
		for (let retry = 0; ; retry++) {
			await waitForGate(call.signal, label);
			try {
				return await attempt(call, label);
			} catch (error) {
				const failure = error as CensusError;
				if (!retried(call, failure, retry)) {
					throw failure;
				}

				// After a 429 the wait is the gate's, at the top of the loop.
				if (failure.kind !== 'rate_limited') {
					await waitOrAbort(async () => sleep(retryDelayMs(retry, settings.backoff, random), call.signal), call.signal, label);
				}
			}
		}
	}

	return {
		send,
		rateLimitedUntil: () => (gate.openAt > now() ? gate.openAt : null),
	};
}
