import type {CensusApi} from '../census/api.js';
import {CensusError, isCensusError} from '../census/errors.js';
import type {RunStoreApi} from '../store/run-store.js';
import {createActionQueue} from './action-queue.js';
import {inWindow} from '../store/budget-window.js';
import {BUDGET_WINDOW_MS, mergeWindows} from './budget.js';
import {schedulerConfig, type SchedulerConfig} from './config.js';
import {fetchTarget, type Answer, type FetchContext} from './fetch-target.js';
import {createHealthReporter, type SettledRequest} from './health-report.js';
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
} from './scheduler.js';
import type {SharedBudget} from './shared-budget.js';
import {applyBatchRuns, emptyBatch, storeAnswer} from './store-answers.js';
import {schedulerView} from './view.js';

// The I/O loop around the pure scheduler: one timer set to the scheduler's wakeAt (none when nothing is
// due, so an idle watcher costs nothing), one AbortController for everything in flight, and answers
// written to the store in one update per batch so that a list page is one render, not one per run.
// The calls themselves are fetch-target.ts's, the store writes store-answers.ts's, what the user is told
// about the connection health-report.ts's, and queued user actions action-queue.ts's.

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

/** Another process holds the shared budget's lock for well under this: plan again after it. */
const SHARED_LOCK_RETRY_MS = 20;

type Settled = SettledRequest & {answer: Answer};

const asCensusError = (error: unknown): CensusError =>
	isCensusError(error)
		? error
		: new CensusError('bad_response', error instanceof Error ? error.message : 'unexpected failure', {cause: error});

/** Why nothing but a check is sent now (a rejected token, a gone root), as the error a user action gets. */
function stopError(state: SchedulerState): CensusError | null {
	if (state.rootGone !== null) return new CensusError('root_gone', 'the Census API root is gone; nothing is sent');
	if (state.authPaused !== null) return new CensusError('auth', 'the API token was rejected; polling is paused');
	return null;
}

type Planned = {state: SchedulerState; plan: Plan; others: readonly number[]};

/**
 * The plan within this process's budget, or within the one shared with other processes on the token
 * (their sends count, and a 429 pause one of them met holds here too). Null while another process is
 * planning on the shared budget.
 */
function planWithin(state: SchedulerState, view: SchedulerView, at: number, config: SchedulerConfig, shared: SharedBudget | undefined): Planned | null {
	if (shared === undefined) return {state, plan: planRequests(state, view, at, config), others: []};
	return shared.exchange(at, others => {
		const held = holdUntil(state, others.pauseUntil > 0 ? others.pauseUntil : null);
		const plan = planRequests(held, view, at, config, others.sent);
		const sent = [...inWindow(held.sent, at, BUDGET_WINDOW_MS), ...plan.requests.map(() => at)];
		return {result: {state: held, plan, others: others.sent}, own: {sent, pauseUntil: held.rateLimitUntil}};
	});
}

export function createPoller(options: PollerOptions): Poller {
	const {api, store} = options;
	const config = schedulerConfig(options.config);
	const now = options.now ?? Date.now;
	const random = options.random ?? Math.random;
	const reporter = createHealthReporter({store, baseUrl: api.baseUrl, authRecheckMs: config.authRecheckMs});
	const actions = createActionQueue();
	const fetchContext: FetchContext = {api, historyPerPage: config.historyPerPage, performAction: actions.perform};

	let state: SchedulerState = initialSchedulerState();
	let running = false;
	let controller = new AbortController();
	let timer: NodeJS.Timeout | null = null;
	let flushHandle: NodeJS.Immediate | null = null;
	let cycleQueued = false;
	let unsubscribeStore: (() => void) | null = null;
	let settled: Settled[] = [];
	const idleListeners = new Set<() => void>();

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
		const planned = planWithin(state, view, at, config, options.sharedBudget);
		if (planned === null) {
			timer = setTimeout(cycle, SHARED_LOCK_RETRY_MS);
			return;
		}

		state = planned.state;
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

	async function send(target: Target, signal: AbortSignal): Promise<void> {
		let result: Settled;
		try {
			const {answer, outcome} = await fetchTarget(target, signal, fetchContext);
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

		const gathered = emptyBatch();
		for (const result of batch) {
			reporter.report(result, state);
			storeAnswer(store, result.answer, result.at, gathered);
		}

		// Nothing will be sent until the check passes: an action still waiting for its turn would wait that long.
		const stopped = stopError(state);
		if (stopped !== null) rejectQueuedActions(stopped);
		applyBatchRuns(store, gathered, batch.at(-1)?.at ?? now());
		cycle();
	}

	function rejectQueuedActions(error: CensusError): void {
		actions.rejectAll(error);
		state = abandonActions(state);
	}

	function runAction<T>(perform: (signal: AbortSignal) => Promise<T>): Promise<T> {
		if (!running) return Promise.reject(new CensusError('aborted', 'the poller is not running'));
		const stopped = stopError(state);
		if (stopped !== null) return Promise.reject(stopped);
		return new Promise<T>((resolve, reject) => {
			const queued = enqueueAction(state);
			state = queued.state;
			actions.add(queued.actionId, perform, resolve, reject);
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
