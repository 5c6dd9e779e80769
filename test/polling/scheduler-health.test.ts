import {describe, expect, it} from 'vitest';
import {
	forgetStale,
	initialSchedulerState,
	onResult,
	onSent,
	planRequests,
	refreshNow,
	type Outcome,
	type SchedulerState,
	type SchedulerView,
	type Target,
} from '../../source/polling/scheduler.js';
import {MAX_RATE_LIMIT_PAUSE_MS} from '../../source/census/backoff.js';
import {mulberry32} from '../../source/simulator/random.js';
import {Sim, working, type WorldRun} from './sim.js';

// What the API's answers mean for the connection and for the watch list, at the scheduler level (pure,
// simulated time): one slow target does not make the API "unreachable"; a 401 pauses and is re-checked;
// a 403 stops one resource; a gone API root is checked once a minute and nothing else is sent; a 404 is
// believed only from a root that answered within the minute.

const TIMEOUT_MS = 20_000;
const INTERVAL_MS = 5000;

/** Runs each in a sync of its own, so that each is fetched by itself. */
const ownSyncRuns = (count: number): WorldRun[] => Array.from({length: count}, (_, i) => ({id: i + 1, syncId: 100 + i, statusAt: working}));

const isRun = (target: Target, runId: number): boolean => target.kind === 'run' && target.runId === runId;

const fetchGaps = (sim: Sim, runId: number, from: number): number[] => {
	const times = (sim.fetches.get(runId) ?? []).filter(at => at >= from);
	return times.slice(1).map((at, i) => at - (times[i] ?? 0));
};

describe('one target that stalls', () => {
	const stallRun1 = (): Sim =>
		new Sim({
			runs: ownSyncRuns(5),
			watch: [1, 2, 3, 4, 5],
			latencyMs: 5,
			// Run 1's answer never comes: the client gives up at its timeout.
			latencyOf: target => (isRun(target, 1) ? TIMEOUT_MS : null),
			fault: target => (isRun(target, 1) ? {kind: 'failed', error: 'timeout'} : null),
		});

	it('backs off alone: the API is never called unreachable and the other runs stay fresh (within two intervals)', () => {
		const sim = stallRun1();
		let everUnreachable = false;
		for (let at = 1000; at <= 15 * 60_000; at += 1000) {
			sim.runUntil(at);
			everUnreachable ||= sim.state.unreachable !== null;
		}

		expect(everUnreachable).toBe(false);
		for (const id of [2, 3, 4, 5]) {
			expect(sim.fetches.get(id)?.[0]).toBeLessThan(2 * INTERVAL_MS);
			expect(Math.max(...fetchGaps(sim, id, 0))).toBeLessThanOrEqual(2 * INTERVAL_MS);
		}

		// Run 1 is asked again less and less often, not every interval.
		const run1 = sim.sent.filter(s => isRun(s.target, 1)).map(s => s.at);
		expect(run1.length).toBeGreaterThan(2);
		expect(run1.length).toBeLessThan(20);
	});

	it.each([1, 2, 3, 4, 5])('when nothing answers, the probe is a target that answered recently, not the one that stalls (seed %i)', seed => {
		const sim = new Sim({
			runs: ownSyncRuns(3),
			watch: [1, 2, 3],
			latencyMs: 5,
			latencyOf: target => (isRun(target, 1) ? TIMEOUT_MS : null),
			fault: (target, at) => (isRun(target, 1) || at >= 60_000 ? {kind: 'failed', error: 'network'} : null),
			random: mulberry32(seed),
		});
		sim.runUntil(120_000);
		expect(sim.state.unreachable).not.toBeNull();
		const probes = sim.sent.filter(s => s.at >= 70_000);
		expect(probes.length).toBeGreaterThan(2);
		expect(probes.filter(s => isRun(s.target, 1))).toEqual([]);
	});

	it('when every request times out, the API is unreachable after two in a row, with one probe at a time', () => {
		const sim = new Sim({
			runs: ownSyncRuns(3),
			watch: [1, 2, 3],
			latencyMs: TIMEOUT_MS,
			fault: () => ({kind: 'failed', error: 'timeout'}),
		});
		sim.runUntil(10 * 60_000);
		expect(sim.state.unreachable).not.toBeNull();
		// After the first wave, never two out at once.
		const later = sim.sent.filter(s => s.at >= 2 * TIMEOUT_MS).map(s => s.at);
		for (const [i, at] of later.entries()) if (i > 0) expect(at - (later[i - 1] ?? 0)).toBeGreaterThanOrEqual(TIMEOUT_MS);
	});
});

const oneRunView: SchedulerView = {
	runs: [1, 2].map(id => ({id, syncId: 100 + id, cadence: 'working' as const, notFound: false, fetchedAt: 0, failed: false})),
	followedSyncIds: [],
	followAll: false,
	syncs: [{id: 101, fetchedAt: 0, failing: false}, {id: 102, fetchedAt: 0, failing: false}],
};

function answer(state: SchedulerState, target: Target, outcome: Outcome, at: number): SchedulerState {
	return onResult(onSent(state, target, at), target, outcome, at, () => 0.5);
}

describe('401 and 403', () => {
	it('a 403 on one run stops that run only; refresh-now asks it again; removing it forgets it', () => {
		let state = answer(initialSchedulerState(), {kind: 'run', runId: 2}, {kind: 'ok'}, 0);
		state = answer(state, {kind: 'run', runId: 1}, {kind: 'failed', error: 'auth', status: 403}, 0);
		expect(state.authPaused).toBeNull();
		const later = planRequests(state, oneRunView, 60_000);
		expect(later.requests).toEqual([{kind: 'run', runId: 2}]);
		expect(planRequests(refreshNow(state, 60_000), oneRunView, 60_000).requests).toContainEqual({kind: 'run', runId: 1});
		const withoutRun1 = {...oneRunView, runs: oneRunView.runs.filter(run => run.id !== 1)};
		expect(forgetStale(state, withoutRun1).books['run:1']).toBeUndefined();
	});

	it('a 403 mark outlives an outage and a 401 pause: the recoveries do not ask the run again, refresh-now does', () => {
		const run1 = {kind: 'run', runId: 1} as const;
		const run2 = {kind: 'run', runId: 2} as const;
		let state = answer(initialSchedulerState(), run2, {kind: 'ok'}, 0);
		state = answer(state, run1, {kind: 'failed', error: 'auth', status: 403}, 0);
		state = answer(state, run2, {kind: 'failed', error: 'timeout'}, 10_000);
		state = answer(state, run2, {kind: 'failed', error: 'timeout'}, 20_000);
		expect(state.unreachable).not.toBeNull();
		state = answer(state, run2, {kind: 'ok'}, 30_000);
		expect(state.unreachable).toBeNull();
		expect(state.books['run:1']?.forbidden).toBe(true);
		state = answer(state, run2, {kind: 'failed', error: 'auth', status: 401}, 40_000);
		state = answer(state, run2, {kind: 'ok'}, 220_000);
		expect(state.authPaused).toBeNull();
		expect(state.books['run:1']?.forbidden).toBe(true);
		expect(planRequests(state, oneRunView, 300_000).requests).toEqual([run2]);
		expect(planRequests(refreshNow(state, 300_000), oneRunView, 300_000).requests).toContainEqual(run1);
	});

	it('a 401 is re-checked with the target that answered most recently, and an answer resumes polling', () => {
		let state = answer(initialSchedulerState(), {kind: 'run', runId: 2}, {kind: 'ok'}, 0);
		state = answer(state, {kind: 'run', runId: 1}, {kind: 'failed', error: 'auth', status: 401}, 10);
		expect(planRequests(state, oneRunView, 60_000)).toEqual({requests: [], wakeAt: 180_010});
		expect(planRequests(state, oneRunView, 180_010).requests).toEqual([{kind: 'run', runId: 2}]);
		state = answer(state, {kind: 'run', runId: 2}, {kind: 'failed', error: 'auth', status: 401}, 180_010);
		expect(planRequests(state, oneRunView, 180_020).wakeAt).toBe(360_010);
		state = answer(state, {kind: 'run', runId: 2}, {kind: 'ok'}, 360_010);
		expect(state.authPaused).toBeNull();
		expect(planRequests(state, oneRunView, 361_010).requests).toContainEqual({kind: 'run', runId: 1});
	});

	it('removing the run whose 401 paused polling lifts the pause', () => {
		const state = answer(initialSchedulerState(), {kind: 'run', runId: 1}, {kind: 'failed', error: 'auth', status: 401}, 0);
		const withoutRun1 = {...oneRunView, runs: oneRunView.runs.filter(run => run.id !== 1)};
		const after = forgetStale(state, withoutRun1);
		expect(after.authPaused).toBeNull();
		expect(planRequests(after, withoutRun1, 5000).requests).toEqual([{kind: 'run', runId: 2}]);
	});
});

describe('a gone API root', () => {
	it('sends nothing but one root check a minute, and resumes when it answers', () => {
		let gone = true;
		const sim = new Sim({
			runs: ownSyncRuns(4),
			watch: [1, 2, 3, 4],
			latencyMs: 50,
			fault: (_target, at) => (gone && at >= 30_000 ? {kind: 'failed', error: 'root_gone'} : null),
		});
		sim.runUntil(30_000);
		const before = sim.sent.length;
		sim.runUntil(30_000 + 10 * 60_000);
		const during = sim.sent.slice(before);
		expect(sim.state.rootGone).not.toBeNull();
		// What was in flight when it went, then one check a minute.
		const checks = during.filter(s => s.target.kind === 'root-check');
		expect(during.length - checks.length).toBeLessThanOrEqual(4);
		expect(checks.length).toBeGreaterThanOrEqual(9);
		expect(checks.length).toBeLessThanOrEqual(11);
		gone = false;
		const back = sim.now;
		sim.runUntil(back + 3 * 60_000);
		expect(sim.state.rootGone).toBeNull();
		expect(Math.min(...[1, 2, 3, 4].map(id => (sim.fetches.get(id) ?? []).find(at => at > back) ?? Number.POSITIVE_INFINITY))).toBeLessThan(
			back + 62_000,
		);
	});

	it('a 404 from a root not known to work is not believed: the root is checked, and a gone root marks nothing', () => {
		const sim = new Sim({
			runs: ownSyncRuns(2),
			watch: [1, 2],
			latencyMs: 50,
			fault: target => (target.kind === 'root-check' ? {kind: 'failed', error: 'root_gone'} : {kind: 'failed', error: 'not_found'}),
		});
		sim.runUntil(10 * 60_000);
		expect(sim.state.rootGone).not.toBeNull();
		expect([...sim.view.runs.values()].map(run => run.notFound)).toEqual([false, false]);
		expect(Object.values(sim.state.books).some(book => book.gone)).toBe(false);
	});

	it('a 404 is believed once the root has answered within the minute: that run alone is gone', () => {
		const sim = new Sim({
			runs: ownSyncRuns(2),
			watch: [1, 2],
			latencyMs: 50,
			fault: (target, at) => (isRun(target, 1) && at > 20_000 ? {kind: 'failed', error: 'not_found'} : null),
		});
		sim.runUntil(60_000);
		expect(sim.view.runs.get(1)?.notFound).toBe(true);
		expect(sim.view.runs.get(2)?.notFound).toBe(false);
		expect(sim.sentOf('root-check')).toHaveLength(1);
	});
});

describe('an absurd Retry-After', () => {
	it('a day is cut to ten minutes', () => {
		const state = answer(initialSchedulerState(), {kind: 'run', runId: 1}, {kind: 'failed', error: 'rate_limited', retryAfterMs: 86_400_000}, 1000);
		expect(MAX_RATE_LIMIT_PAUSE_MS).toBe(600_000);
		expect(state.rateLimitUntil).toBe(601_000);
		expect(planRequests(state, oneRunView, 2000).wakeAt).toBe(601_000);
	});
});
