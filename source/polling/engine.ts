import type {CensusApi} from '../census/api.js';
import {CensusError, isCensusError} from '../census/errors.js';
import {rootGoneText} from '../census/root-gone.js';
import {MAX_PER_PAGE, nextPage} from '../census/pagination.js';
import type {Sync, SyncRun} from '../census/types.js';
import {completedDurationMs} from '../runs/eta.js';
import type {RunStoreApi} from '../store/run-store.js';
import {inWindow, mergeWindows} from './budget.js';
import {schedulerConfig, type SchedulerConfig} from './config.js';
import {extendStreak, healthAfterFailure, type FailureStreak} from './health.js';
import {
	abandonActions,
	abandonInFlight,
	enqueueAction,
	forgetStale,
	holdUntil,
	initialSchedulerState,
	onResult,
	onSent,
	planRequests,
	refreshNow as refreshAll,
	refreshRun,
	setPaused as pauseScheduler,
	type Outcome,
	type Plan,
	type SchedulerState,
	type SchedulerView,
	type Target,
	targetKey,
} from './scheduler.js';
import type {SharedBudget} from './shared-budget.js';
import {schedulerView} from './view.js';

// The I/O loop around the pure scheduler: one timer set to the scheduler's wakeAt (none when nothing is
// due, so an idle watcher costs nothing), one AbortController for everything in flight, and answers
// written to the store in one update per batch so that a list page is one render, not one per run.

export type PollerOptions = {
	api: CensusApi;
	store: RunStoreApi;
	config?: Partial<SchedulerConfig>;
	now?: () => number;
	random?: () => number;
	/** The budget shared with other processes on the same token; without it, this process has its own. */
	sharedBudget?: SharedBudget;
};

export type Poller = {
	start(): void;
	/** Aborts what is in flight and clears every timer: nothing of the poller keeps the process alive. */
	stop(): void;
	refreshNow(): void;
	setPaused(paused: boolean): void;
	/** Starts a run of the sync; the new run is watched and fetched at once. Resolves to its id. */
	trigger(syncId: number, fullSync: boolean): Promise<number>;
	/** Cancels the run, then fetches it again at once. */
	cancel(runId: number): Promise<void>;
	/** Called whenever the poller settles with nothing in flight and nothing scheduled. */
	subscribeIdle(listener: () => void): () => void;
};

/** Runs the watcher keeps per followed sync once they have ended (the store prunes the rest). */
const KEEP_ENDED_PER_SYNC = 10;
/** Another process holds the shared budget's lock for well under this: plan again after it. */
const SHARED_LOCK_RETRY_MS = 20;

type Answer =
	| {kind: 'runs'; runs: SyncRun[]; listedSyncId: number | null}
	| {kind: 'syncs'; syncs: Sync[]}
	/** `runs`: the page's runs, of which those already watched are refreshed (none joins). */
	| {kind: 'history'; syncId: number; durationsMs: number[]; runs: SyncRun[]}
	| {kind: 'none'};

type Settled = {target: Target; outcome: Outcome; answer: Answer; error: CensusError | null; at: number};

type Action = {
	perform: (signal: AbortSignal) => Promise<void>;
	reject: (error: unknown) => void;
};

const asCensusError = (error: unknown): CensusError =>
	isCensusError(error)
		? error
		: new CensusError('bad_response', error instanceof Error ? error.message : 'unexpected failure', {cause: error});

export function createPoller(options: PollerOptions): Poller {
	const {api, store} = options;
	const config = schedulerConfig(options.config);
	const now = options.now ?? Date.now;
	const random = options.random ?? Math.random;

	let state: SchedulerState = initialSchedulerState();
	let running = false;
	let controller = new AbortController();
	let timer: NodeJS.Timeout | null = null;
	let flushHandle: NodeJS.Immediate | null = null;
	let cycleQueued = false;
	let unsubscribeStore: (() => void) | null = null;
	let settled: Settled[] = [];
	const actions = new Map<number, Action>();
	const idleListeners = new Set<() => void>();
	let failureStreak: FailureStreak | null = null;
	/** The stop being told about on screen (said once per episode), so that its end is told too. */
	let stopShown: 'token' | 'root' | null = null;

	const clearTimer = (): void => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
	};

	const requestCycle = (): void => {
		if (!running || cycleQueued) return;
		cycleQueued = true;
		queueMicrotask(() => {
			cycleQueued = false;
			cycle();
		});
	};

	function cycle(): void {
		if (!running) return;
		clearTimer();
		const at = now();
		state = holdUntil(state, api.rateLimitedUntil());
		const view = schedulerView(store.getState());
		state = forgetStale(state, view);
		const planned = plan(view, at);
		if (planned === null) {
			timer = setTimeout(cycle, SHARED_LOCK_RETRY_MS);
			return;
		}

		const {requests, wakeAt} = planned.plan;
		for (const target of requests) {
			state = onSent(state, target, at);
			void send(target, controller.signal);
		}

		store.getState().setBudgetUse({limit: config.budgetPerMinute, sent: mergeWindows(state.sent, planned.others, at)});
		if (wakeAt !== null) {
			timer = setTimeout(cycle, Math.max(0, wakeAt - now()));
		} else if (state.inFlight === 0 && flushHandle === null) {
			for (const listener of idleListeners) listener();
		}
	}

	/**
	 * The plan within this process's budget, or within the one shared with other processes on the token
	 * (their sends count, and a 429 pause one of them met holds here too). Null while another process is
	 * planning on the shared budget.
	 */
	function plan(view: SchedulerView, at: number): {plan: Plan; others: readonly number[]} | null {
		const shared = options.sharedBudget;
		if (shared === undefined) return {plan: planRequests(state, view, at, config), others: []};
		const decided = shared.exchange(at, others => {
			const held = holdUntil(state, others.pauseUntil > 0 ? others.pauseUntil : null);
			const result = planRequests(held, view, at, config, others.sent);
			const sent = [...inWindow(held.sent, at), ...result.requests.map(() => at)];
			return {result: {held, plan: result, others: others.sent}, own: {sent, pauseUntil: held.rateLimitUntil}};
		});
		if (decided === null) return null;
		state = decided.held;
		return {plan: decided.plan, others: decided.others};
	}

	async function fetchTarget(target: Target, signal: AbortSignal): Promise<{answer: Answer; outcome: Outcome}> {
		switch (target.kind) {
			case 'run': {
				const run = await api.getSyncRun(target.runId, {signal});
				return {answer: {kind: 'runs', runs: [run], listedSyncId: null}, outcome: {kind: 'ok'}};
			}

			case 'sync-runs': {
				const page = await api.listSyncRuns(target.syncId, {perPage: target.perPage}, {signal});
				// A page that holds another sync's runs is not trusted to say where this sync's runs are.
				const runs = page.items.filter(run => run.syncId === target.syncId);
				return {
					answer: {kind: 'runs', runs, listedSyncId: target.syncId},
					outcome: {kind: 'ok', pageIds: runs.map(run => run.id)},
				};
			}

			case 'sync-list': {
				const {items, pagination} = await api.listSyncs({page: target.page, perPage: MAX_PER_PAGE}, {signal});
				return {answer: {kind: 'syncs', syncs: items}, outcome: {kind: 'ok', nextPage: nextPage(target.page, items.length, pagination)}};
			}

			case 'sync': {
				const sync = await api.getSync(target.syncId, {signal});
				return {answer: {kind: 'syncs', syncs: [sync]}, outcome: {kind: 'ok'}};
			}

			case 'sync-history': {
				const page = await api.listSyncRuns(target.syncId, {perPage: config.historyPerPage}, {signal});
				const runs = page.items.filter(run => run.syncId === target.syncId);
				const durationsMs: number[] = [];
				for (const run of runs) {
					const duration = completedDurationMs(run);
					if (duration !== null) durationsMs.push(duration);
				}

				return {answer: {kind: 'history', syncId: target.syncId, durationsMs, runs}, outcome: {kind: 'ok'}};
			}

			case 'action': {
				const action = actions.get(target.actionId);
				actions.delete(target.actionId);
				if (action) await action.perform(signal);
				return {answer: {kind: 'none'}, outcome: {kind: 'ok'}};
			}

			case 'root-check': {
				await api.listSyncs({page: 1, perPage: 1}, {signal});
				return {answer: {kind: 'none'}, outcome: {kind: 'ok'}};
			}
		}
	}

	async function send(target: Target, signal: AbortSignal): Promise<void> {
		let result: Settled;
		try {
			const {answer, outcome} = await fetchTarget(target, signal);
			result = {target, outcome, answer, error: null, at: now()};
		} catch (caught) {
			const error = signal.aborted ? new CensusError('aborted', 'stopped') : asCensusError(caught);
			const outcome: Outcome = {kind: 'failed', error: error.kind, retryAfterMs: error.retryAfterMs, status: error.status};
			result = {target, outcome, answer: {kind: 'none'}, error, at: now()};
		}

		if (!running || signal !== controller.signal) return;
		state = onResult(state, target, result.outcome, result.at, random, config);
		settled.push(result);
		flushHandle ??= setImmediate(flush);
	}

	/** Everything answered since the last flush goes to the store together, then the scheduler plans again. */
	function flush(): void {
		flushHandle = null;
		const batch = settled;
		settled = [];
		if (!running) return;

		const runs: SyncRun[] = [];
		for (const result of batch) {
			countAndReport(result);
			const {answer} = result;
			if (answer.kind === 'runs') {
				runs.push(...acceptedRuns(answer.runs, answer.listedSyncId));
				// The pages the scheduler reads anyway keep a fetched history fresh: no request of its own.
				store.getState().refreshSyncHistories(answer.runs);
			}

			if (answer.kind === 'syncs') store.getState().upsertSyncs(answer.syncs, result.at);
			if (answer.kind === 'history') {
				store.getState().setSyncHistory(answer.syncId, answer.durationsMs, result.at, answer.runs);
				runs.push(...acceptedRuns(answer.runs, null));
			}
		}

		// Nothing will be sent until the check passes: an action still waiting for its turn would wait that long.
		const stopped = stopError();
		if (stopped !== null) rejectQueuedActions(stopped);
		const at = batch.at(-1)?.at ?? now();
		if (runs.length > 0) {
			store.getState().applyRuns(runs, at, {origin: 'follow'});
			store.getState().pruneFollowed(KEEP_ENDED_PER_SYNC);
		}

		cycle();
	}

	/**
	 * Runs of a list page that go to the store: those already watched, and, for a followed sync, those
	 * newer than the oldest it keeps (so runs pruned as old do not come back with the next page).
	 */
	function acceptedRuns(runs: SyncRun[], listedSyncId: number | null): SyncRun[] {
		const current = store.getState();
		if (listedSyncId === null) return runs.filter(run => current.runs[run.id] !== undefined);
		const following = current.watch.all || current.watch.syncIds.includes(listedSyncId);
		let oldestKept = Number.POSITIVE_INFINITY;
		for (const entry of Object.values(current.runs)) if (entry.run?.syncId === listedSyncId) oldestKept = Math.min(oldestKept, entry.id);
		const anyKept = Number.isFinite(oldestKept);
		return runs.filter(run => current.runs[run.id] !== undefined || (following && (!anyKept || run.id > oldestKept)));
	}

	/** Why nothing but a check is sent now (a rejected token, a gone root), as the error a user action gets. */
	function stopError(): CensusError | null {
		if (state.rootGone !== null) return new CensusError('root_gone', 'the Census API root is gone; nothing is sent');
		if (state.authPaused !== null) return new CensusError('auth', 'the API token was rejected; polling is paused');
		return null;
	}

	function countAndReport({target, outcome, error, at}: Settled): void {
		const current = store.getState();
		if (outcome.kind === 'ok') {
			current.countRequest(at, 'ok');
			failureStreak = null;
			current.recordSuccess(at);
			announceResumed(at);
			if (state.rateLimitUntil > at) current.setHealth({kind: 'rate_limited', until: state.rateLimitUntil});
			return;
		}

		if (error === null || error.kind === 'aborted') return;
		current.countRequest(at, error.kind === 'rate_limited' ? 'rate_limited' : 'failed');
		switch (error.kind) {
			case 'root_gone':
				reportRootGone(error, at);
				return;
			case 'auth':
			case 'insecure':
				if (state.authPaused === null) reportForbidden(target, at);
				else reportTokenRejected(error, at);
				return;
			case 'rate_limited':
				current.setHealth({kind: 'rate_limited', until: Math.max(state.rateLimitUntil, at)});
				return;
			case 'not_found':
				// Believed only once the root has been shown to work; until then the scheduler checks the root.
				if (state.books[targetKey(target)]?.gone === true) reportNotFound(target, at);
				return;
			default:
				// A refused trigger or cancel is the caller's to show; it says nothing about the connection.
				if (target.kind !== 'action') reportTransient(target, error, at);
		}
	}

	/** The end of a stop told on screen: said once, as the stop was. */
	function announceResumed(at: number): void {
		if (stopShown === null || state.authPaused !== null || state.rootGone !== null) return;
		const text = stopShown === 'token' ? 'The token is accepted again; polling resumed.' : `The Census API at ${api.baseUrl} answers again; polling resumed.`;
		stopShown = null;
		store.getState().pushNotice('info', text, at);
	}

	function reportRootGone(error: CensusError, at: number): void {
		const current = store.getState();
		const reason = error.rootGone ?? 'no_api';
		current.setHealth({kind: 'root_gone', reason, root: api.baseUrl, since: state.rootGone?.since ?? at});
		if (stopShown === 'root') return;
		stopShown = 'root';
		current.pushNotice('error', `${rootGoneText(reason, api.baseUrl)}. Nothing is lost; polling stopped and the API is checked again each minute.`, at);
	}

	function reportTokenRejected(error: CensusError, at: number): void {
		const current = store.getState();
		current.setHealth({kind: 'token_rejected', message: error.message, checkAt: state.authPaused?.checkAt});
		if (stopShown === 'token') return;
		stopShown = 'token';
		const every = Math.round(config.authRecheckMs / 60_000);
		current.pushNotice('error', `Polling paused: ${error.message}. The token is checked again every ${every} min; r checks now.`, at);
	}

	/** A 403 on one resource: that resource alone stops (its row says so); the others go on. */
	function reportForbidden(target: Target, at: number): void {
		const current = store.getState();
		announceResumed(at);
		if (current.health.kind === 'token_rejected') current.setHealth({kind: 'live'});
		if (target.kind === 'run') current.setRunError(target.runId, 'no access (403)');
		if (target.kind === 'sync-runs') current.pushNotice('warn', `Sync ${target.syncId}: no access (403); its runs are not listed.`, at);
		if (target.kind === 'sync-list') current.pushNotice('warn', 'The sync list: no access (403); new syncs are not found.', at);
	}

	function reportNotFound(target: Target, at: number): void {
		const current = store.getState();
		if (target.kind === 'run') current.markNotFound(target.runId, at);
		// Not unfollowed: only the user shrinks the watch list (a 404 the next start does not get brings it back).
		if (target.kind === 'sync-runs' && current.watch.syncIds.includes(target.syncId)) {
			current.pushNotice('warn', `Sync ${target.syncId} was not found (404); it is no longer polled.`, at);
		}
	}

	function reportTransient(target: Target, error: CensusError, at: number): void {
		const current = store.getState();
		if (target.kind === 'run') current.setRunError(target.runId, error.message);
		// A request without an answer while others are answered, and a 4xx (a request this one target got
		// wrong), are that target's trouble, shown on its row; 5xx and malformed answers in a row are the API's.
		if (error.kind === 'server' || error.kind === 'bad_response') failureStreak = extendStreak(failureStreak, error, at);
		if (state.rateLimitUntil > at) return;
		const health = healthAfterFailure(failureStreak, state.unreachable?.since ?? null, error.message);
		if (health !== null) current.setHealth(health);
	}

	function rejectQueuedActions(error: CensusError): void {
		for (const action of actions.values()) action.reject(error);
		actions.clear();
		state = abandonActions(state);
	}

	function runAction<T>(perform: (signal: AbortSignal) => Promise<T>): Promise<T> {
		if (!running) return Promise.reject(new CensusError('aborted', 'the poller is not running'));
		const stopped = stopError();
		if (stopped !== null) return Promise.reject(stopped);
		return new Promise<T>((resolve, reject) => {
			const queued = enqueueAction(state);
			state = queued.state;
			actions.set(queued.actionId, {
				async perform(signal) {
					try {
						resolve(await perform(signal));
					} catch (error) {
						reject(error);
						throw error;
					}
				},
				reject,
			});
			requestCycle();
		});
	}

	return {
		start() {
			if (running) return;
			running = true;
			controller = new AbortController();
			state = pauseScheduler(state, store.getState().paused);
			// A run or sync added from the screens (or a watch list restored) is planned at once.
			unsubscribeStore = store.subscribe((next, previous) => {
				if (next.watch !== previous.watch) requestCycle();
			});
			cycle();
		},

		stop() {
			if (!running) return;
			running = false;
			controller.abort();
			clearTimer();
			if (flushHandle !== null) clearImmediate(flushHandle);
			flushHandle = null;
			settled = [];
			unsubscribeStore?.();
			unsubscribeStore = null;
			rejectQueuedActions(new CensusError('aborted', 'the poller stopped'));
			state = abandonInFlight(state);
		},

		refreshNow() {
			state = refreshAll(state, now());
			requestCycle();
		},

		setPaused(paused) {
			store.getState().setPaused(paused);
			state = pauseScheduler(state, paused);
			requestCycle();
		},

		async trigger(syncId, fullSync) {
			const {syncRunId} = await runAction(signal => api.triggerSync(syncId, {fullSync, signal}));
			store.getState().addRunIds([syncRunId]);
			requestCycle();
			return syncRunId;
		},

		async cancel(runId) {
			await runAction(signal => api.cancelSyncRun(runId, {signal}));
			state = refreshRun(state, runId, now());
			requestCycle();
		},

		subscribeIdle(listener) {
			idleListeners.add(listener);
			return () => {
				idleListeners.delete(listener);
			};
		},
	};
}
