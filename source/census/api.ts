import type {Page, PageQuery, Sync, SyncRun} from './types.js';

export type RequestOptions = {
	signal?: AbortSignal;
};

/** What the rest of the app needs from Census. client.ts implements it over HTTP with ky. */
export type CensusApi = {
	/** The API root requests go to, e.g. https://app.getcensus.com/api/v1 (never holds the token). */
	readonly baseUrl: string;
	listSyncs(query?: PageQuery, options?: RequestOptions): Promise<Page<Sync>>;
	/** Every page of /syncs, stopping at last_page and when next_page does not advance. */
	listAllSyncs(options?: RequestOptions & {maxPages?: number}): Promise<Sync[]>;
	getSync(syncId: number, options?: RequestOptions): Promise<Sync>;
	/** Newest first unless order says otherwise. */
	listSyncRuns(syncId: number, query?: PageQuery, options?: RequestOptions): Promise<Page<SyncRun>>;
	getSyncRun(runId: number, options?: RequestOptions): Promise<SyncRun>;
	/** POST /syncs/{id}/trigger; answers the new run's id. Never retried. */
	triggerSync(syncId: number, options?: RequestOptions & {fullSync?: boolean}): Promise<{syncRunId: number}>;
	/** POST /sync_runs/{id}/cancel. Never retried. */
	cancelSyncRun(runId: number, options?: RequestOptions): Promise<void>;
	/** Epoch ms until which the client sends nothing because of a 429, or null. */
	rateLimitedUntil(): number | null;
};

export type RequestEvent = {
	method: string;
	path: string;
	/** HTTP status, or null for a network error/timeout. */
	status: number | null;
	startedAt: number;
	durationMs: number;
};
