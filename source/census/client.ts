// The Census API over HTTP: each method is a path, its parameters and a parser, sent by transport.ts
// (attempts, retries, the shared 429 pause) and read by parse.ts.
import {setTimeout as delay} from 'node:timers/promises';
import type {CensusApi, RequestEvent, RequestOptions} from './api.js';
import {API_PATHS, versionOfRoot, type ApiVersion} from './api-version.js';
import {parseBaseUrl} from './base-url.js';
import type {BackoffOptions} from './backoff.js';
import {MAX_PER_PAGE, nextPage} from './pagination.js';
import {parseCancelAnswer, parseEnvelope, parsePage, parseSync, parseSyncRun, parseTriggerAnswer} from './parse.js';
import type {Sleep} from './rate-gate.js';
import {listParams, requireId} from './request-params.js';
import {assertSendableToken} from './token.js';
import {createTransport, type TransportSettings} from './transport.js';
import type {Page, PageQuery, Sync, SyncRun} from './types.js';

const DEFAULT_MAX_PAGES = 50;
// The reference has no rate limit numbers; the first pause without Retry-After is a few seconds.
const RATE_LIMIT_BACKOFF: BackoffOptions = {baseDelayMs: 5000, maxDelayMs: 5 * 60 * 1000};

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

const sleepWithTimers: Sleep = async (ms, signal) => {
	await delay(ms, undefined, signal === undefined ? undefined : {signal});
};

/** The options with their defaults, as the transport takes them. */
function transportSettings(options: CensusClientOptions, baseUrl: string, syncListPath: string): TransportSettings {
	return {
		baseUrl,
		token: options.token,
		userAgent: options.userAgent ?? 'census-watch',
		syncListPath,
		timeoutMs: options.timeoutMs ?? 20_000,
		retryLimit: options.retry?.limit ?? 2,
		retryTimeouts: options.retry?.timeouts ?? true,
		backoff: {
			baseDelayMs: options.retry?.baseDelayMs ?? 500,
			maxDelayMs: options.retry?.maxDelayMs ?? 30_000,
		},
		rateLimitBackoff: {
			...RATE_LIMIT_BACKOFF,
			baseDelayMs: options.retry?.rateLimitBaseDelayMs ?? RATE_LIMIT_BACKOFF.baseDelayMs,
		},
		now: options.now ?? Date.now,
		random: options.random ?? Math.random,
		sleep: options.sleep ?? sleepWithTimers,
		onRequest: options.onRequest,
	};
}

export function createCensusClient(options: CensusClientOptions): CensusApi {
	const baseUrl = parseBaseUrl(options.baseUrl);
	const version = options.version ?? versionOfRoot(baseUrl) ?? 'v1';
	const censusPaths = API_PATHS[version];
	const groupId = options.groupId ?? null;
	assertSendableToken(options.token, baseUrl);
	const {send, rateLimitedUntil} = createTransport(transportSettings(options, baseUrl, censusPaths.syncs()));

	const get = <T>(path: string, parse: (body: unknown) => T, signal: AbortSignal | undefined, searchParams?: Record<string, string>): Promise<T> =>
		send({method: 'GET', path, searchParams, parse, signal});

	const listSyncs = async (query?: PageQuery, requestOptions?: RequestOptions): Promise<Page<Sync>> =>
		get(censusPaths.syncs(), body => parsePage(body, parseSync, 'syncs'), requestOptions?.signal, listParams(query, version, groupId));

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
				listParams(query, version, groupId),
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

		rateLimitedUntil,
	};
}
