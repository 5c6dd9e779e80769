import {describe, expect, it} from 'vitest';
import {BUDGET_WINDOW_MS} from '../../source/polling/budget.js';
import {schedulerConfig} from '../../source/polling/config.js';
import {
	initialSchedulerState,
	onResult,
	onSent,
	planRequests,
	type RunView,
	type SchedulerState,
	type SchedulerView,
	type Target,
} from '../../source/polling/scheduler.js';

// Past the single-lane warm-up, so that a plan shows everything that is due at once.
const config = schedulerConfig({warmupRequests: 0});
const HISTORY_10: Target = {kind: 'sync-history', syncId: 10};

const runView = (id: number, syncId: number, cadence: RunView['cadence'], fetchedAt: number | null = 0): RunView => ({
	id,
	syncId,
	cadence,
	notFound: false,
	fetchedAt,
	failed: false,
});

/** Labels cached, so that only runs and histories are due; `histories` null: the view keeps none. */
const viewOf = (runs: RunView[], histories: Record<number, number> | null = {}): SchedulerView => ({
	runs,
	followedSyncIds: [],
	followAll: false,
	syncs: [...new Set(runs.map(run => run.syncId ?? 0))].map(id => ({id, fetchedAt: 0, failing: false})),
	...(histories === null ? {} : {histories}),
});

const answered = (state: SchedulerState, target: Target, sentAt: number, at: number): SchedulerState =>
	onResult(onSent(state, target, sentAt), target, {kind: 'ok'}, at, () => 0.5, config);

describe('sync history', () => {
	it('goes after the working run itself: not in the same plan, not while it is in flight, and a minimum gap after it', () => {
		const run: Target = {kind: 'run', runId: 1};
		let state = initialSchedulerState();
		expect(planRequests(state, viewOf([runView(1, 10, 'working', 0)]), 5000, config).requests).toEqual([run]);

		state = onSent(state, run, 5000);
		expect(planRequests(state, viewOf([runView(1, 10, 'working', 0)]), 5010, config).requests).toEqual([]);

		state = onResult(state, run, {kind: 'ok'}, 5050, () => 0.5, config);
		const fetched = viewOf([runView(1, 10, 'working', 5050)]);
		expect(planRequests(state, fetched, 5050, config)).toMatchObject({requests: [], wakeAt: 6050});
		expect(planRequests(state, fetched, 6050, config).requests).toEqual([HISTORY_10]);
	});

	it('is asked for only for syncs with a working run', () => {
		const view = viewOf([runView(1, 20, 'queued', 0), runView(2, 30, 'ended', 0), runView(3, 40, 'unknown', 0), runView(4, 50, 'pending', null)]);
		const targets = planRequests(initialSchedulerState(), view, 1000, config).requests;
		expect(targets.filter(target => target.kind === 'sync-history')).toEqual([]);
	});

	it('is asked for again at most every syncHistoryMs, however often the run is refreshed', () => {
		const stored = 6100;
		let state = answered(initialSchedulerState(), HISTORY_10, 6050, stored);
		const view = (fetchedAt: number) => viewOf([runView(1, 10, 'working', fetchedAt)], {10: stored});
		const historyAt = (now: number) =>
			planRequests(state, view(now - 2000), now, config).requests.some(target => target.kind === 'sync-history' && target.syncId === 10);
		expect(historyAt(stored + config.syncHistoryMs - 1)).toBe(false);
		expect(historyAt(stored + config.syncHistoryMs)).toBe(true);
		state = initialSchedulerState();
		// Stored by the view (an earlier session's poller, or another route): the same rule.
		expect(historyAt(stored + 10_000)).toBe(false);
	});

	it('is never asked for when the view keeps no history', () => {
		const view = viewOf([runView(1, 10, 'working', 0)], null);
		expect(planRequests(initialSchedulerState(), view, 2500, config).requests).toEqual([]);
	});

	it('waits while the sync’s list page is in flight', () => {
		const list: Target = {kind: 'sync-runs', syncId: 10, perPage: 4, covers: [1, 2]};
		const state = onSent(initialSchedulerState(), list, 0);
		const view = viewOf([runView(1, 10, 'working', 0), runView(2, 10, 'working', 0)]);
		expect(planRequests(state, view, 2500, config).requests).toEqual([]);
	});

	it('comes after everything else when the budget is short', () => {
		const view = viewOf([runView(1, 10, 'working', 0), runView(2, 20, 'pending', null)]);
		const tight = schedulerConfig({warmupRequests: 0, budgetPerMinute: 1});
		expect(planRequests(initialSchedulerState(), view, 2500, tight).requests).toEqual([{kind: 'run', runId: 2}]);
	});
});

describe('a budget shared with other processes', () => {
	const view = viewOf([runView(1, 10, 'pending', null)], null);
	const limit = schedulerConfig({warmupRequests: 0, budgetPerMinute: 5});

	it('counts the others’ sends of the last minute: nothing goes out until the oldest leaves the window', () => {
		const others = [1000, 2000, 3000, 4000, 5000];
		expect(planRequests(initialSchedulerState(), view, 10_000, limit, others)).toEqual({requests: [], wakeAt: 1000 + BUDGET_WINDOW_MS});
		expect(planRequests(initialSchedulerState(), view, 1000 + BUDGET_WINDOW_MS, limit, others).requests).toEqual([{kind: 'run', runId: 1}]);
	});

	it('adds them to its own sends', () => {
		let state = initialSchedulerState();
		for (const at of [1000, 2000, 3000]) state = answered(state, {kind: 'run', runId: 9}, at, at);
		expect(planRequests(state, view, 10_000, limit, [4000]).requests).toEqual([{kind: 'run', runId: 1}]);
		expect(planRequests(state, view, 10_000, limit, [4000, 5000]).requests).toEqual([]);
	});
});

describe('a wanted sync history (the history screen, --history)', () => {
	it('is asked for once although nothing of the sync works, and not again once stored', () => {
		const runs = [runView(2, 10, 'ended', 0)];
		const wanted = (histories: Record<number, number>): SchedulerView => ({...viewOf(runs, histories), historyWanted: [10]});
		const first = planRequests(initialSchedulerState(), wanted({}), 1000, config).requests;
		expect(first.filter(target => target.kind === 'sync-history')).toEqual([HISTORY_10]);

		const state = answered(initialSchedulerState(), HISTORY_10, 1000, 1100);
		const later = planRequests(state, wanted({10: 1100}), 1100 + 2 * BUDGET_WINDOW_MS, config).requests;
		expect(later.filter(target => target.kind === 'sync-history')).toEqual([]);
	});

	it('is not asked for when not wanted and nothing of the sync works', () => {
		const view = viewOf([runView(2, 10, 'ended', 0)]);
		expect(planRequests(initialSchedulerState(), view, 1000, config).requests.filter(target => target.kind === 'sync-history')).toEqual([]);
	});
});
