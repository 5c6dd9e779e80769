// The Census API over HTTP. ky sends the requests; the retry loop is ours so that backoff, the shared
// 429 pause and the per-attempt accounting (onRequest) live in one place.
import {STATUS_CODES} from 'node:http';
import {setTimeout as delay} from 'node:timers/promises';
import ky, {type KyInstance} from 'ky';
import type {CensusApi, RequestEvent, RequestOptions} from './api.js';
import {API_PATHS, LIST_QUERY, versionOfRoot, type ApiVersion} from './api-version.js';
import {assertSafeTransport, parseBaseUrl} from './base-url.js';
import {clampRateLimitPauseMs, parseRetryAfterMs, rateLimitPauseMs, retryDelayMs, type BackoffOptions} from './backoff.js';
import {CensusError, type CensusErrorKind} from './errors.js';
import {
	errorBodyMessage,
	parseCancelAnswer,
	parseEnvelope,
	parseJsonBody,
	parsePage,
	parseSync,
	parseSyncRun,
	parseTriggerAnswer,
} from './parse.js';
import {sharedRateGate, type RateGate, type Sleep} from './rate-gate.js';
import {rootGoneReason, rootGoneText} from './root-gone.js';
import {readBody, untilAborted} from './read-body.js';
import {MAX_PER_PAGE, nextPage} from './pagination.js';
import type {Page, PageQuery, Sync, SyncRun} from './types.js';

const DEFAULT_MAX_PAGES = 50;

// A page of 100 large sync objects is a few MB; far beyond that the answer is not what we asked for.
const MAX_BODY_BYTES = 32 * 1024 * 1024;
// Enough for any message an error body carries; the rest is never read.
const MAX_ERROR_BODY_BYTES = 16 * 1024;
// The reference has no rate limit numbers; the first pause without Retry-After is a few seconds.
const RATE_LIMIT_BACKOFF: BackoffOptions = {baseDelayMs: 5000, maxDelayMs: 5 * 60 * 1000};
// Kinds a GET tries again within one call. bad_response is not among them: a malformed answer is
// usually the same on a second try, and the poller will ask again on its own schedule anyway.
const RETRIED_KINDS: ReadonlySet<CensusErrorKind> = new Set(['server', 'network', 'timeout', 'rate_limited']);

export type CensusClientOptions = {
	baseUrl: string;
	/** Sent as `Authorization: Bearer <token>` exactly as given; empty for a token-less simulator. */
	token: string;
	/** Which API the root serves; by default what its path says (/api/v2), else v1. */
	version?: ApiVersion;
	/** --group: sent as `group_id` on the list requests of a version that takes it (see api-version.ts). */
	groupId?: string | null;
	/** Per attempt, including reading the body. */
	timeoutMs?: number;
	retry?: {
		/** Retries of a GET after the first attempt. */
		limit?: number;
		baseDelayMs?: number;
		maxDelayMs?: number;
		/** First pause after a 429 that gave no Retry-After; it doubles on each further 429 in a row. */
		rateLimitBaseDelayMs?: number;
		/**
		 * Whether an attempt that timed out is tried again (default true). A one-shot look says false: a
		 * server that let one attempt hang for the whole timeout would make it wait three times as long.
		 */
		timeouts?: boolean;
	};
	now?: () => number;
	random?: () => number;
	/** Must reject when `signal` aborts. */
	sleep?: Sleep;
	/** Once per HTTP attempt actually sent; must not throw. */
	onRequest?: (event: RequestEvent) => void;
	userAgent?: string;
};

type Method = 'GET' | 'POST';

type Call<T> = {
	method: Method;
	path: string;
	searchParams?: Record<string, string>;
	parse: (body: unknown) => T;
	signal: AbortSignal | undefined;
};

const sleepWithTimers: Sleep = async (ms, signal) => {
	await delay(ms, undefined, signal === undefined ? undefined : {signal});
};

const describeMs = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)}s`);

/** Replaces the token (and its secret part after a `secret-token:`-style prefix) in text from the server. */
function tokenRedactor(token: string): (text: string) => string {
	const colon = token.indexOf(':');
	const secrets = [token, colon === -1 ? '' : token.slice(colon + 1)].filter(secret => secret.length >= (secret === token ? 1 : 8));
	return text => secrets.reduce((result, secret) => (result.includes(secret) ? result.replaceAll(secret, '[redacted]') : result), text);
}

// Header values cannot hold these; fetch would reject the token with a message that quotes it.
const UNSENDABLE_TOKEN = /[\p{Cc}]/u;

function requireId(value: number, what: string): number {
	if (!Number.isSafeInteger(value) || value <= 0) {
		throw new CensusError('client', `${what} must be a positive integer`);
	}

	return value;
}

function pageParams(query: PageQuery | undefined): Record<string, string> {
	const params: Record<string, string> = {};
	if (query?.page !== undefined) {
		params['page'] = String(Number.isFinite(query.page) ? Math.max(1, Math.floor(query.page)) : 1);
	}

	if (query?.perPage !== undefined) {
		params['per_page'] = String(Number.isFinite(query.perPage) ? Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage))) : MAX_PER_PAGE);
	}

	if (query?.order !== undefined) {
		if (query.order !== 'asc' && query.order !== 'desc') {
			throw new CensusError('client', 'order must be asc or desc');
		}

		params['order'] = query.order;
	}

	return params;
}

const statusName = (status: number): string => `${status} ${STATUS_CODES[status] ?? 'HTTP status'}`;

function httpError(label: string, status: number, said: string | null, retryAfterMs: number | null, pauseMs: number): CensusError {
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

/** Puts the request in front of a message raised while parsing its answer. */
const withLabel = (error: CensusError, label: string, status: number): CensusError =>
	new CensusError(error.kind, `${label}: ${error.message}`, {status, retryAfterMs: error.retryAfterMs, rootGone: error.rootGone});

function errorCode(error: unknown): string | null {
	const cause = error instanceof Error ? error.cause : undefined;
	const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
	return typeof code === 'string' ? code : null;
}

export function createCensusClient(options: CensusClientOptions): CensusApi {
	const baseUrl = parseBaseUrl(options.baseUrl);
	const {token} = options;
	const version = options.version ?? versionOfRoot(baseUrl) ?? 'v1';
	const censusPaths = API_PATHS[version];
	const groupId = options.groupId ?? null;
	const listParams = (query: PageQuery | undefined): Record<string, string> =>
		groupId !== null && LIST_QUERY[version].groupId ? {...pageParams(query), group_id: groupId} : pageParams(query);
	if (token !== '') {
		assertSafeTransport(baseUrl);
		if (UNSENDABLE_TOKEN.test(token)) {
			throw new CensusError('client', 'the API token contains line breaks or control characters; copy it again');
		}
	}

	const timeoutMs = options.timeoutMs ?? 20_000;
	const retryLimit = options.retry?.limit ?? 2;
	const retryTimeouts = options.retry?.timeouts ?? true;
	const backoff: BackoffOptions = {
		baseDelayMs: options.retry?.baseDelayMs ?? 500,
		maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
	};
	const rateLimitBackoff: BackoffOptions = {
		...RATE_LIMIT_BACKOFF,
		baseDelayMs: options.retry?.rateLimitBaseDelayMs ?? RATE_LIMIT_BACKOFF.baseDelayMs,
	};
	const now = options.now ?? Date.now;
	const random = options.random ?? Math.random;
	const sleep = options.sleep ?? sleepWithTimers;
	const redact = tokenRedactor(token);
	const gate: RateGate = sharedRateGate(token, baseUrl);

	const http: KyInstance = ky.create({
		prefixUrl: baseUrl,
		timeout: false,
		retry: 0,
		throwHttpErrors: false,
		// A redirect could carry the token to another host; the API has no reason to send one.
		redirect: 'manual',
		headers: {
			accept: 'application/json',
			'user-agent': options.userAgent ?? 'census-watch',
			...(token === '' ? {} : {authorization: `Bearer ${token}`}),
		},
	});

	const aborted = (label: string): CensusError => new CensusError('aborted', `${label}: aborted`);

	async function pause(ms: number, signal: AbortSignal | undefined, label: string): Promise<void> {
		try {
			await sleep(ms, signal);
		} catch (error) {
			if (signal?.aborted) {
				throw aborted(label);
			}

			throw error;
		}
	}

	async function waitForGate(signal: AbortSignal | undefined, label: string): Promise<void> {
		if (signal?.aborted) {
			throw aborted(label);
		}

		try {
			await gate.waitUntilOpen(now, sleep, signal);
		} catch (error) {
			if (signal?.aborted) {
				throw aborted(label);
			}

			throw error;
		}
	}

	/** Closes the shared gate after a 429 and answers how long for. */
	function closeGate(retryAfterMs: number | null): number {
		const strike = gate.recordRateLimited();
		const pauseMs = retryAfterMs === null ? rateLimitPauseMs(strike, rateLimitBackoff, random) : clampRateLimitPauseMs(retryAfterMs);
		gate.closeUntil(now() + pauseMs);
		return pauseMs;
	}

	async function handleResponse<T>(call: Call<T>, label: string, response: Response, signal: AbortSignal): Promise<T> {
		const {status} = response;
		if (status === 429) {
			const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), now());
			const pauseMs = closeGate(retryAfterMs);
			const said = errorBodyMessage(redact((await readBody(response, MAX_ERROR_BODY_BYTES, signal)).text));
			throw httpError(label, status, said, retryAfterMs, pauseMs);
		}

		gate.recordAnswer();
		if (status < 200 || status >= 300) {
			const said = errorBodyMessage(redact((await readBody(response, MAX_ERROR_BODY_BYTES, signal)).text));
			const gone = rootGoneReason({
				status,
				url: response.url,
				root: baseUrl,
				syncList: call.method === 'GET' && call.path === censusPaths.syncs(),
				location: response.headers.get('location'),
				message: said,
				now: now(),
			});
			if (gone !== null) {
				throw new CensusError('root_gone', `${label}: ${statusName(status)}: ${rootGoneText(gone, baseUrl)}`, {status, rootGone: gone});
			}

			throw httpError(label, status, said, null, 0);
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

			if (timedOut) {
				throw new CensusError('timeout', `${label}: no answer within ${describeMs(timeoutMs)}`, {status});
			}

			const code = errorCode(error);
			throw new CensusError('network', `${label}: network error (${code ?? 'connection failed'})`, {status, cause: error});
		} finally {
			clearTimeout(timeout);
			call.signal?.removeEventListener('abort', onAbort);
			options.onRequest?.({method: call.method, path: `/${call.path}`, status, startedAt, durationMs: now() - startedAt});
		}
	}

	async function send<T>(call: Call<T>): Promise<T> {
		const label = `${call.method} /${call.path}`;
		for (let retry = 0; ; retry++) {
			await waitForGate(call.signal, label);
			try {
				return await attempt(call, label);
			} catch (error) {
				const failure = error as CensusError;
				const retried = RETRIED_KINDS.has(failure.kind) && (retryTimeouts || failure.kind !== 'timeout');
				if (call.method !== 'GET' || retry >= retryLimit || !retried) {
					throw failure;
				}

				// After a 429 the wait is the gate's, at the top of the loop.
				if (failure.kind !== 'rate_limited') {
					await pause(retryDelayMs(retry, backoff, random), call.signal, label);
				}
			}
		}
	}

	const get = <T>(path: string, parse: (body: unknown) => T, signal: AbortSignal | undefined, searchParams?: Record<string, string>): Promise<T> =>
		send({method: 'GET', path, searchParams, parse, signal});

	const listSyncs = async (query?: PageQuery, requestOptions?: RequestOptions): Promise<Page<Sync>> =>
		get(censusPaths.syncs(), body => parsePage(body, parseSync, 'syncs'), requestOptions?.signal, listParams(query));

	return {
		baseUrl,
		listSyncs,

		async listAllSyncs(requestOptions) {
			const maxPages = requestOptions?.maxPages ?? DEFAULT_MAX_PAGES;
			const syncs = new Map<number, Sync>();
			let page = 1;
			// Pages shift while syncs are created: the same sync may show up twice, the first copy stays.
			for (let fetched = 0; fetched < maxPages; fetched++) {
				const {items, pagination} = await listSyncs({page, perPage: MAX_PER_PAGE}, requestOptions);
				for (const sync of items) {
					if (!syncs.has(sync.id)) {
						syncs.set(sync.id, sync);
					}
				}

				const next = nextPage(page, items.length, pagination);
				if (next === null) {
					break;
				}

				page = next;
			}

			return [...syncs.values()];
		},

		getSync: async (syncId, requestOptions) =>
			get(censusPaths.sync(requireId(syncId, 'sync id')), body => parseSync(parseEnvelope(body).data), requestOptions?.signal),

		listSyncRuns: async (syncId, query, requestOptions) =>
			get(
				censusPaths.syncRuns(requireId(syncId, 'sync id')),
				(body): Page<SyncRun> => parsePage(body, (item, where) => parseSyncRun(item, where, syncId), 'sync runs'),
				requestOptions?.signal,
				listParams(query),
			),

		getSyncRun: async (runId, requestOptions) =>
			get(censusPaths.syncRun(requireId(runId, 'sync run id')), body => parseSyncRun(parseEnvelope(body).data), requestOptions?.signal),

		triggerSync: async (syncId, requestOptions) =>
			send({
				method: 'POST',
				path: censusPaths.trigger(requireId(syncId, 'sync id')),
				searchParams: {force_full_sync: String(requestOptions?.fullSync === true)},
				parse: parseTriggerAnswer,
				signal: requestOptions?.signal,
			}),

		cancelSyncRun: async (runId, requestOptions) =>
			send({method: 'POST', path: censusPaths.cancel(requireId(runId, 'sync run id')), parse: parseCancelAnswer, signal: requestOptions?.signal}),

		rateLimitedUntil: () => (gate.openAt > now() ? gate.openAt : null),
	};
}
