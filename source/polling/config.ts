import type {BackoffOptions} from '../census/backoff.js';

export type SchedulerConfig = {
	/** Working runs (and active followed syncs) are refreshed this often: `--interval`. */
	intervalMs: number;
	/** Queued runs and the legacy statuses move slowly: polled every intervalMs × slowFactor. */
	slowFactor: number;
	/** A status this app does not know: polled every intervalMs × unknownFactor. */
	unknownFactor: number;
	/** With follow-all, a sync with nothing moving is asked for new runs this often (in turn, within the budget). */
	followIdleMs: number;
	/**
	 * A sync followed by name (--sync, s:ID) with nothing moving: asked this often, so that a run started
	 * elsewhere shows within seconds. One small list request per followed sync; --all uses followIdleMs.
	 */
	followExplicitIdleMs: number;
	/** With follow-all, the (large) sync list is re-read this often. */
	syncListMs: number;
	/** A cached sync (label) of an active or followed sync is refreshed this often. */
	syncInfoMs: number;
	/**
	 * Requests per sliding minute, never exceeded. Census publishes no limit, so this stays modest: two
	 * requests a second is what ten naive per-run pollers at Prefect's 5 s would send, while batching lets
	 * it keep hundreds of runs fresh; the 429 handling covers the case where the real limit is lower.
	 */
	budgetPerMinute: number;
	/**
	 * Share of the budget that background work (idle follow-all checks, labels, the sync list) may fill,
	 * so that a run that starts moving, refresh-now and user actions always find room.
	 */
	backgroundShare: number;
	maxInFlight: number;
	/**
	 * Requests answered one at a time before any go side by side. A 429 can come at any moment, and a
	 * request sent while another is in flight may land after the server's 429, inside its Retry-After;
	 * starting in a single lane means the first 429 usually finds nothing else on the way.
	 */
	warmupRequests: number;
	/**
	 * Requests side by side go in waves: a new wave only once the last one has been answered, or once it
	 * has been out this long (one slow answer must not hold everything up).
	 */
	waveStallMs: number;
	/**
	 * After a 429, requests go one at a time for this long: a request sent while another is in flight
	 * could land after the server's 429 and before its Retry-After, so only a single lane can honour it.
	 */
	rateLimitCalmMs: number;
	/** No target, and no run by any route, is fetched twice within this. */
	minGapMs: number;
	/** Per-target backoff after network, 5xx and malformed answers (full jitter). */
	backoff: BackoffOptions;
	/**
	 * While no request gets any answer at all (the API or the network is down), one request at a time
	 * probes for it, at most this long after the last failure, and no target backs off for longer after a
	 * network error or timeout: the API is found again within about this long of coming back, however
	 * long it was gone.
	 */
	offlineProbeMs: number;
	/** After a 401 polling pauses; the token is checked again with one request this often (r checks at once). */
	authRecheckMs: number;
	/** After an answer that says the API root is gone, one request this often finds out whether it is back. */
	rootProbeMs: number;
	/**
	 * A 404 means "this sync or run is gone" only if a check of the API root (its sync list) succeeded
	 * this recently; otherwise the root is checked first (a wrong base URL answers 404 everywhere).
	 */
	rootProofMs: number;
	/** Global pause after a 429 that gave no Retry-After, doubling per 429 in a row. */
	rateLimitBackoff: BackoffOptions;
	/** Runs listed on the first page of an explicitly followed sync (its recent history). */
	followFirstPerPage: number;
	/** Runs asked for on later idle checks of a followed sync, to catch runs that started meanwhile. */
	followIdlePerPage: number;
	/** Extra rows on a list page for runs created since the last look. */
	pageSlack: number;
	/** Pages of /syncs read in one pass at most (100 syncs each). */
	maxSyncListPages: number;
	/**
	 * A sync's recent run durations (for an ETA) are asked for again at most this often, and only while
	 * one of its runs works: run lengths change slowly, and the watched runs add their own as they end.
	 */
	syncHistoryMs: number;
	/** Runs on a history page (one request, per_page ≤ 100): the history screen shows 50; the ETA's median takes ten. */
	historyPerPage: number;
};

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = {
	intervalMs: 5000,
	slowFactor: 3,
	unknownFactor: 6,
	followIdleMs: 60_000,
	followExplicitIdleMs: 10_000,
	syncListMs: 10 * 60_000,
	syncInfoMs: 30 * 60_000,
	budgetPerMinute: 120,
	backgroundShare: 0.8,
	maxInFlight: 4,
	warmupRequests: 10,
	waveStallMs: 2000,
	rateLimitCalmMs: 10 * 60_000,
	minGapMs: 1000,
	backoff: {baseDelayMs: 2000, maxDelayMs: 5 * 60_000},
	offlineProbeMs: 10_000,
	rateLimitBackoff: {baseDelayMs: 5000, maxDelayMs: 5 * 60_000},
	authRecheckMs: 3 * 60_000,
	rootProbeMs: 60_000,
	rootProofMs: 60_000,
	followFirstPerPage: 10,
	followIdlePerPage: 3,
	pageSlack: 2,
	maxSyncListPages: 50,
	syncHistoryMs: 30 * 60_000,
	historyPerPage: 50,
};

export const schedulerConfig = (overrides: Partial<SchedulerConfig> = {}): SchedulerConfig => ({
	...DEFAULT_SCHEDULER_CONFIG,
	...overrides,
});
