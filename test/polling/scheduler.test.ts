import {describe, expect, it} from 'vitest';
import {
	enqueueAction,
	initialSchedulerState,
	onResult,
	onSent,
	planRequests,
	refreshNow,
	setPaused,
	type Target,
} from '../../source/polling/scheduler.js';
import {PACE_WINDOW_MS, paceLimit} from '../../source/polling/budget.js';
import {endsAt, Sim, working, type WorldRun} from './sim.js';

const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - (times[i] ?? 0));

const runTargets = (sim: Sim, runId: number): number[] =>
	sim.sent.filter(s => s.target.kind === 'run' && s.target.runId === runId).map(s => s.at);

const listTargets = (sim: Sim, syncId: number) =>
	sim.sent.filter(s => s.target.kind === 'sync-runs' && s.target.syncId === syncId);

describe('cadence by status', () => {
	it('polls working runs every interval, queued ×3 and unknown statuses ×6', () => {
		const sim = new Sim({
			runs: [
				{id: 1, syncId: 10, statusAt: working},
				{id: 2, syncId: 20, statusAt: () => 'queued'},
				{id: 3, syncId: 30, statusAt: () => 'mystery'},
			],
			watch: [1, 2, 3],
		});
		sim.runUntil(90_000);
		expect(new Set(gaps(sim.fetches.get(1) ?? []))).toEqual(new Set([5000]));
		expect(new Set(gaps(sim.fetches.get(2) ?? []))).toEqual(new Set([15_000]));
		expect(new Set(gaps(sim.fetches.get(3) ?? []))).toEqual(new Set([30_000]));
	});

	it('follows --interval', () => {
		const sim = new Sim({runs: [{id: 1, syncId: 10, statusAt: working}], watch: [1], config: {intervalMs: 2000}});
		sim.runUntil(20_000);
		expect(sim.fetches.get(1)).toEqual([0, 2000, 4000, 6000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000, 20_000]);
	});
});

describe('ended runs', () => {
	it('fetches a run that has already ended once, then never again, and sleeps with no timer', () => {
		const sim = new Sim({runs: [{id: 1, syncId: 10, statusAt: () => 'completed'}], watch: [1]});
		sim.runUntil(3_600_000);
		expect(sim.fetches.get(1)).toEqual([0]);
		expect(sim.plan()).toEqual({requests: [], wakeAt: null});
	});

	it('fetches a run once after it ends (the answer that says so) and then stays silent', () => {
		const sim = new Sim({runs: [{id: 1, syncId: 10, statusAt: endsAt(12_000)}], watch: [1]});
		sim.runUntil(600_000);
		expect(sim.fetches.get(1)).toEqual([0, 5000, 10_000, 15_000]);
		expect(sim.plan().wakeAt).toBeNull();
	});
});

describe('batching through the list endpoint', () => {
	const syncRuns = (syncId: number, ids: number[], statusAt: (t: number) => string = working): WorldRun[] => ids.map(id => ({id, syncId, statusAt}));

	it('refreshes two or more moving runs of one sync with one list request that covers them', () => {
		const sim = new Sim({runs: [...syncRuns(7, [101, 102, 103]), ...syncRuns(8, [50])], watch: [101, 102, 103, 50]});
		sim.runUntil(30_000);
		for (const id of [101, 102, 103]) expect(runTargets(sim, id)).toEqual([0]);
		const lists = listTargets(sim, 7);
		expect(lists.map(s => s.at)).toEqual([5000, 10_000, 15_000, 20_000, 25_000, 30_000]);
		expect(lists[0]?.target).toEqual({kind: 'sync-runs', syncId: 7, perPage: 5, covers: [101, 102, 103]});
		expect(runTargets(sim, 50)).toEqual([0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000]);
		expect(listTargets(sim, 8)).toEqual([]);
	});

	it('never lists a sync for one moving run, nor for ended runs', () => {
		const sim = new Sim({
			runs: [...syncRuns(7, [101]), ...syncRuns(7, [90, 91], () => 'completed')],
			watch: [90, 91, 101],
		});
		sim.runUntil(60_000);
		expect(sim.sentOf('sync-runs')).toEqual([]);
		expect(sim.fetches.get(90)).toEqual([0]);
		expect(sim.fetches.get(91)).toEqual([0]);
	});

	it('stops the page above a watched run that has ended, so that it is not fetched again', () => {
		const sim = new Sim({
			runs: [...syncRuns(7, [100, 101, 103, 104]), ...syncRuns(7, [102], () => 'completed')],
			watch: [100, 101, 102, 103, 104],
		});
		sim.runUntil(60_000);
		expect(sim.fetches.get(102)).toEqual([0]);
		for (const list of listTargets(sim, 7)) expect(list.target).toMatchObject({perPage: 2, covers: [103, 104]});
		expect(runTargets(sim, 100).length).toBeGreaterThan(10);
	});

	it('fetches runs too old for the page one by one, after one deeper look', () => {
		// Sync 7 has 200 runs; the watched old one sits below the newest 100.
		const world = syncRuns(7, Array.from({length: 200}, (_, i) => i + 1), (): string => 'completed');
		for (const id of [50, 195, 198]) world[id - 1] = {id, syncId: 7, statusAt: working};
		const sim = new Sim({runs: world, watch: [50, 195, 198]});
		sim.runUntil(60_000);
		const lists = listTargets(sim, 7);
		expect(lists[0]?.target).toMatchObject({perPage: 5, covers: [50, 195, 198]});
		expect(lists[1]?.target).toMatchObject({perPage: 100});
		expect(lists.slice(2).every(s => s.target.kind === 'sync-runs' && !s.target.covers.includes(50))).toBe(true);
		const single = runTargets(sim, 50);
		expect(gaps(single.slice(1)).every(gap => gap === 5000)).toBe(true);
		expect(single.length).toBeGreaterThanOrEqual(11);
	});

	it('never fetches a run twice within the minimum gap, whichever route', () => {
		const world = syncRuns(7, [1, 2, 3, 4, 5, 6], endsAt(17_000));
		world.push(...syncRuns(8, [20, 21], endsAt(31_000, 'queued', 'failed')));
		const sim = new Sim({runs: world, watch: [1, 2, 3, 5, 20, 21], follow: [8], latencyMs: 300});
		sim.runUntil(300_000);
		for (const times of sim.fetches.values()) expect(Math.min(...gaps(times), Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(1000);
	});
});

describe('the budget', () => {
	it('is never exceeded in any 60 s window over an hour with 500 runs in 50 syncs', () => {
		const runs: WorldRun[] = [];
		for (let sync = 1; sync <= 50; sync++) {
			for (let i = 0; i < 10; i++) {
				const id = sync * 1000 + i;
				// Some runs end during the hour, some at odd moments, the rest keep working.
				const end = (id * 7919) % 5 === 0 ? ((id * 104_729) % 3_000_000) + 1 : Number.POSITIVE_INFINITY;
				runs.push({id, syncId: sync, statusAt: endsAt(end, i % 3 === 0 ? 'queued' : 'working')});
			}
		}

		const sim = new Sim({runs, watch: runs.map(run => run.id), config: {budgetPerMinute: 120}, latencyMs: 150});
		sim.runUntil(3_600_000);
		expect(sim.sent.length).toBeGreaterThan(60 * 100);
		expect(sim.busiestMinute()).toBeLessThanOrEqual(120);
	}, 60_000);

	it('paces refreshes through the minute instead of repeating the first minute’s burst', () => {
		// 100 working runs in 100 syncs want 1,200 requests a minute: the first looks spend the first budget at
		// once. Without a pace every later minute repeats that burst (each send's slot frees 60 s after it) and
		// the screen then stands still for most of the minute. First fetches (each run, each sync's label) are
		// not paced and are done within the first few minutes; from then on only refreshes are sent.
		const runs: WorldRun[] = Array.from({length: 100}, (_, i) => ({id: i + 1, syncId: 500 + i, statusAt: working}));
		const sim = new Sim({runs, watch: runs.map(run => run.id), config: {budgetPerMinute: 120}, latencyMs: 100});
		sim.runUntil(900_000);
		const later = sim.sent.map(sent => sent.at).filter(at => at >= 300_000);
		let busiestPace = 0;
		let start = 0;
		for (let end = 0; end < later.length; end++) {
			while ((later[end] ?? 0) - (later[start] ?? 0) >= PACE_WINDOW_MS) start++;
			busiestPace = Math.max(busiestPace, end - start + 1);
		}
		expect(busiestPace).toBe(paceLimit(120));
		expect(Math.max(...gaps(later))).toBeLessThanOrEqual(PACE_WINDOW_MS);
		expect(sim.busiestMinute(300_000)).toBe(120);
	});

	it('keeps to the budget’s rate behind a slow API: paced refreshes do not wait for each other’s answers', () => {
		const runs: WorldRun[] = Array.from({length: 100}, (_, i) => ({id: i + 1, syncId: 500 + i, statusAt: working}));
		const sim = new Sim({runs, watch: runs.map(run => run.id), config: {budgetPerMinute: 120}, latencyMs: 2000});
		sim.runUntil(600_000);
		const perMinute = sim.sent.filter(sent => sent.at >= 300_000 && sent.at < 600_000).length / 5;
		expect(perMinute).toBeGreaterThanOrEqual(115);
	});

	it('holds a small budget with many single runs and follow-all', () => {
		const runs: WorldRun[] = Array.from({length: 300}, (_, i) => ({id: i + 1, syncId: 1000 + i, statusAt: working}));
		const sim = new Sim({runs, watch: runs.map(run => run.id), followAll: true, config: {budgetPerMinute: 30}, latencyMs: 40});
		sim.runUntil(1_800_000);
		expect(sim.busiestMinute()).toBe(30);
	});

	it('keeps background work below its share, leaving room for moving runs', () => {
		const sim = new Sim({
			runs: Array.from({length: 500}, (_, i) => ({id: i + 1, syncId: i + 1, statusAt: (): string => 'completed'})),
			watch: [],
			followAll: true,
			config: {budgetPerMinute: 100},
		});
		sim.runUntil(1_200_000);
		// The first pass over the sync list is not background: it may add its other 4 pages on top.
		expect(sim.busiestMinute()).toBe(84);
		expect(sim.busiestMinute(60_000)).toBe(80);
	});

	it('caps requests in flight and never sends two for one target at once', () => {
		const runs: WorldRun[] = Array.from({length: 20}, (_, i) => ({id: i + 1, syncId: 100 + i, statusAt: working}));
		const sim = new Sim({runs, watch: runs.map(run => run.id), latencyMs: 7000, config: {maxInFlight: 4}});
		sim.runUntil(60_000);
		const intervals = sim.sent.map(s => ({start: s.at, end: s.at + 7000, key: JSON.stringify(s.target)}));
		for (const {start} of intervals) {
			const open = intervals.filter(i => i.start <= start && start < i.end);
			expect(open.length).toBeLessThanOrEqual(4);
			expect(new Set(open.map(i => i.key)).size).toBe(open.length);
		}
	});
});

describe('errors', () => {
	const target: Target = {kind: 'run', runId: 1};
	const view = {
		runs: [{id: 1, syncId: null, cadence: 'pending' as const, notFound: false, fetchedAt: null, failed: false}],
		followedSyncIds: [],
		followAll: false,
		syncs: [],
	};

	it('backs off per target, exponentially with full jitter, up to 5 minutes', () => {
		let state = initialSchedulerState();
		const waits: number[] = [];
		let now = 0;
		for (let failure = 0; failure < 10; failure++) {
			state = onSent(state, target, now);
			state = onResult(state, target, {kind: 'failed', error: 'server'}, now, () => 0.999_999);
			const {requests, wakeAt} = planRequests(state, view, now);
			expect(requests).toEqual([]);
			waits.push((wakeAt ?? 0) - now);
			now = wakeAt ?? now;
		}

		expect(waits).toEqual([2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000].map(ms => ms - 1));
		// Another target is not held back.
		const other = planRequests(state, {...view, runs: [...view.runs, {...view.runs[0]!, id: 2}]}, now - 1);
		expect(other.requests).toEqual([{kind: 'run', runId: 2}]);
	});

	it('draws the jitter from the random source, never below the minimum gap', () => {
		let state = onSent(initialSchedulerState(), target, 0);
		state = onResult(state, target, {kind: 'failed', error: 'network'}, 0, () => 0);
		expect(planRequests(state, view, 0).wakeAt).toBe(1000);
	});

	it('a success resets the backoff', () => {
		let state = initialSchedulerState();
		for (let i = 0; i < 5; i++) {
			state = onSent(state, target, 0);
			state = onResult(state, target, {kind: 'failed', error: 'timeout'}, 0, () => 0.5);
		}

		state = onSent(state, target, 0);
		state = onResult(state, target, {kind: 'ok'}, 10, () => 0.5);
		state = onSent(state, target, 20);
		state = onResult(state, target, {kind: 'failed', error: 'bad_response'}, 20, () => 0.999);
		expect(planRequests(state, view, 20).wakeAt).toBe(20 + 1998);
	});

	it('after a 429 with Retry-After nothing at all goes out before it has passed', () => {
		const sim = new Sim({
			runs: [1, 2, 3, 4, 5].map(id => ({id, syncId: id, statusAt: working})),
			watch: [1, 2, 3, 4, 5],
			config: {intervalMs: 2000},
			latencyMs: 20,
			fault: (_target, _at, index) => (index % 4 === 3 ? {kind: 'failed', error: 'rate_limited', retryAfterMs: 2000} : null),
		});
		sim.runUntil(60_000);
		const answeredAt = sim.sent.filter((_, index) => index % 4 === 3).map(s => s.at + 20);
		expect(answeredAt.length).toBeGreaterThan(5);
		for (const at of answeredAt) expect(sim.sent.filter(s => s.at >= at && s.at < at + 2000)).toEqual([]);
		for (const id of [1, 2, 3, 4, 5]) expect(sim.fetches.get(id)?.length).toBeGreaterThan(5);
	});

	it('goes one request at a time for a while after a 429, so that none can land inside its pause', () => {
		// Longer than the refreshes' spacing at their pace (500 ms): faster answers never overlap at all.
		const latencyMs = 600;
		const sim = new Sim({
			runs: Array.from({length: 12}, (_, i) => ({id: i + 1, syncId: i + 1, statusAt: working})),
			watch: Array.from({length: 12}, (_, i) => i + 1),
			config: {rateLimitCalmMs: 60_000, warmupRequests: 0},
			latencyMs,
			fault: (_target, _at, index) => (index === 20 ? {kind: 'failed', error: 'rate_limited', retryAfterMs: 1000} : null),
		});
		sim.runUntil(180_000);
		const answeredAt = (sim.sent[20]?.at ?? 0) + latencyMs;
		const overlapping = (from: number, to: number): number =>
			sim.sent.filter(s => s.at >= from && s.at < to && sim.sent.some(o => o !== s && o.at <= s.at && s.at < o.at + latencyMs)).length;
		expect(overlapping(0, answeredAt)).toBeGreaterThan(0);
		expect(overlapping(answeredAt, answeredAt + 60_000)).toBe(0);
		expect(sim.sent.filter(s => s.at >= answeredAt && s.at < answeredAt + 1000)).toEqual([]);
		expect(overlapping(answeredAt + 61_000, 180_000)).toBeGreaterThan(0);
	});

	it('answers its first requests one at a time, then sends side by side in waves', () => {
		const sim = new Sim({
			runs: Array.from({length: 12}, (_, i) => ({id: i + 1, syncId: 1, statusAt: (): string => 'completed'})),
			watch: Array.from({length: 12}, (_, i) => i + 1),
			config: {warmupRequests: 5, maxInFlight: 3, waveStallMs: 2000},
			latencyMs: 100,
		});
		sim.runUntil(10_000);
		expect(sim.sent.map(s => s.at)).toEqual([0, 100, 200, 300, 400, 500, 500, 500, 600, 600, 600, 700, 700]);
	});

	it('holds a new request while a wave is out, for at most the stall time', () => {
		const completed = (): string => 'completed';
		const sim = new Sim({
			runs: [1, 2, 3].map(id => ({id, syncId: id, statusAt: completed})),
			watch: [1, 2],
			config: {warmupRequests: 0, maxInFlight: 3, waveStallMs: 2000},
			latencyMs: 5000,
		});
		sim.runUntil(500);
		sim.view.runs.set(3, {id: 3, syncId: null, cadence: 'pending', notFound: false, fetchedAt: null, failed: false});
		sim.runUntil(4000);
		expect(sim.sent.map(s => [s.at, s.target])).toEqual([
			[0, {kind: 'run', runId: 1}],
			[0, {kind: 'run', runId: 2}],
			[2000, {kind: 'run', runId: 3}],
		]);
	});

	it('after a 429 without Retry-After waits 5 s, doubling while 429s continue, up to 5 minutes', () => {
		let state = initialSchedulerState();
		const pauses: number[] = [];
		for (let strike = 0; strike < 8; strike++) {
			state = onSent(state, target, 0);
			state = onResult(state, target, {kind: 'failed', error: 'rate_limited'}, 0, () => 0.999_999);
			pauses.push(state.rateLimitUntil);
			state = {...state, rateLimitUntil: 0};
		}

		expect(pauses.map(ms => Math.round(ms / 1000))).toEqual([5, 10, 20, 40, 80, 160, 300, 300]);
		expect(planRequests({...state, rateLimitUntil: 5000}, view, 0)).toEqual({requests: [], wakeAt: 5000});
	});

	it('after a 401 pauses everything but one check of the token every 3 minutes; refresh-now checks at once', () => {
		let state = onSent(initialSchedulerState(), target, 0);
		state = onResult(state, target, {kind: 'failed', error: 'auth', status: 401}, 0, Math.random);
		expect(planRequests(state, view, 0)).toEqual({requests: [], wakeAt: 180_000});
		expect(planRequests(state, view, 180_000)).toEqual({requests: [{kind: 'root-check'}], wakeAt: null});
		expect(planRequests(refreshNow(state, 5), view, 5)).toEqual({requests: [{kind: 'root-check'}], wakeAt: null});
	});

	it('never polls a run again after its 404 once the API root is shown to work', () => {
		const sim = new Sim({
			runs: [{id: 1, syncId: 1, statusAt: working}],
			watch: [1],
			fault: target => (target.kind === 'run' ? {kind: 'failed', error: 'not_found'} : null),
		});
		sim.runUntil(600_000);
		expect(sim.sent.map(s => s.target)).toEqual([{kind: 'run', runId: 1}, {kind: 'root-check'}, {kind: 'run', runId: 1}]);
		expect(sim.view.runs.get(1)?.notFound).toBe(true);
		expect(sim.plan().wakeAt).toBeNull();
	});

	it('fetches a list’s runs one by one while the list backs off, and batches again once it works', () => {
		const sim = new Sim({
			runs: [1, 2].map(id => ({id, syncId: 7, statusAt: working})),
			watch: [1, 2],
			fault: (target, at) => (target.kind === 'sync-runs' && at < 6000 ? {kind: 'failed', error: 'server'} : null),
		});
		sim.runUntil(60_000);
		expect(runTargets(sim, 1)).toEqual([0, 5000]);
		expect(runTargets(sim, 2)).toEqual([0, 5000]);
		expect(listTargets(sim, 7).map(s => s.at)).toEqual([5000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 55_000, 60_000]);
		expect(new Set(gaps(sim.fetches.get(1) ?? []))).toEqual(new Set([5000]));
	});
});

describe('follow', () => {
	it('lists a followed sync at once, picks up new runs, polls it often while active and less often while idle', () => {
		const sim = new Sim({
			runs: [
				{id: 1, syncId: 9, statusAt: (): string => 'completed'},
				{id: 2, syncId: 9, statusAt: endsAt(20_000)},
			],
			watch: [],
			follow: [9],
		});
		sim.runUntil(19_000);
		expect(listTargets(sim, 9)[0]?.target).toMatchObject({perPage: 10});
		expect(sim.view.runs.has(2)).toBe(true);
		sim.runUntil(300_000);
		const times = listTargets(sim, 9).map(s => s.at);
		expect(times.filter(t => t <= 20_000)).toEqual([0, 5000, 10_000, 15_000, 20_000]);
		// Idle: every followExplicitIdleMs (10 s), so that a run started elsewhere shows within seconds.
		expect(times.filter(t => t > 20_000 && t <= 60_000)).toEqual([30_000, 40_000, 50_000, 60_000]);
		expect(sim.sentOf('run')).toEqual([]);
	});

	it('follow-all reads the sync list in pages, then checks each sync’s newest run within the budget', () => {
		const runs: WorldRun[] = Array.from({length: 250}, (_, i) => ({id: 5000 + i, syncId: i + 1, statusAt: (): string => 'completed'}));
		runs.push({id: 9999, syncId: 3, statusAt: endsAt(50_000)});
		const sim = new Sim({runs, watch: [], followAll: true, config: {budgetPerMinute: 120}});
		sim.runUntil(2000);
		expect(sim.sentOf('sync-list').map(s => s.target)).toEqual([
			{kind: 'sync-list', page: 1},
			{kind: 'sync-list', page: 2},
			{kind: 'sync-list', page: 3},
		]);
		sim.runUntil(40_000);
		// The active sync's new run was found and is refreshed at the interval.
		expect(sim.view.runs.get(9999)?.cadence).toBe('working');
		const active = listTargets(sim, 3).map(s => s.at);
		expect(gaps(active.slice(1)).every(gap => gap === 5000)).toBe(true);
		sim.runUntil(700_000);
		expect(sim.sentOf('sync-list').filter(s => s.at > 2000).map(s => s.target)).toEqual([
			{kind: 'sync-list', page: 1},
			{kind: 'sync-list', page: 2},
			{kind: 'sync-list', page: 3},
		]);
		const checked = new Set(sim.sentOf('sync-runs').map(s => (s.target.kind === 'sync-runs' ? s.target.syncId : 0)));
		expect(checked.size).toBe(250);
		expect(sim.busiestMinute()).toBeLessThanOrEqual(120);
		expect(sim.sentOf('sync')).toEqual([]);
	});

	it('checks failing syncs before idle ones', () => {
		const runs: WorldRun[] = Array.from({length: 300}, (_, i) => ({
			id: 5000 + i,
			syncId: i + 1,
			statusAt: (): string => (i >= 290 ? 'failed' : 'completed'),
		}));
		const sim = new Sim({runs, watch: [], followAll: true, config: {budgetPerMinute: 60}});
		sim.runUntil(900_000);
		const checks = (syncId: number) => listTargets(sim, syncId).length;
		expect(checks(295)).toBeGreaterThanOrEqual(checks(5) * 3);
	});
});

describe('refresh now, pause and actions', () => {
	it('refresh-now makes moving runs due at once but not ended ones', () => {
		const sim = new Sim({
			runs: [
				{id: 1, syncId: 1, statusAt: working},
				{id: 2, syncId: 2, statusAt: (): string => 'completed'},
			],
			watch: [1, 2],
		});
		sim.runUntil(2500);
		sim.state = refreshNow(sim.state, sim.now);
		expect(sim.plan().requests).toEqual([{kind: 'run', runId: 1}]);
	});

	it('refresh-now waits for the budget and for a 429 pause', () => {
		const runs: WorldRun[] = Array.from({length: 6}, (_, i) => ({id: i + 1, syncId: i + 1, statusAt: working}));
		const sim = new Sim({runs, watch: runs.map(run => run.id), config: {budgetPerMinute: 12, backgroundShare: 1}});
		sim.runUntil(2000);
		expect(sim.sent.length).toBe(12);
		sim.state = refreshNow(sim.state, sim.now);
		expect(sim.plan()).toEqual({requests: [], wakeAt: 60_000});

		sim.state = {...sim.state, rateLimitUntil: 90_000};
		expect(sim.plan(), 'a 429 pause beyond the budget').toEqual({requests: [], wakeAt: 90_000});
	});

	it('pause stops polling (wakeAt null) and resume picks up where it left', () => {
		const sim = new Sim({runs: [{id: 1, syncId: 1, statusAt: working}], watch: [1]});
		sim.runUntil(100);
		sim.state = setPaused(sim.state, true);
		sim.runUntil(60_000);
		expect(sim.fetches.get(1)).toEqual([0]);
		expect(sim.plan()).toEqual({requests: [], wakeAt: null});
		sim.state = setPaused(sim.state, false);
		expect(sim.plan().requests).toEqual([{kind: 'run', runId: 1}]);
	});

	it('user actions go first, spend the budget, and go even while paused', () => {
		let state = setPaused(initialSchedulerState(), true);
		const queued = enqueueAction(state);
		state = queued.state;
		const view = {
			runs: [{id: 1, syncId: null, cadence: 'pending' as const, notFound: false, fetchedAt: null, failed: false}],
			followedSyncIds: [],
			followAll: false,
			syncs: [],
		};
		expect(planRequests(state, view, 0).requests).toEqual([{kind: 'action', actionId: queued.actionId}]);
		const action: Target = {kind: 'action', actionId: queued.actionId};
		state = onSent(setPaused(state, false), action, 0);
		expect(state.sent).toEqual([0]);
		state = onResult(state, action, {kind: 'ok'}, 10, Math.random);
		expect(planRequests(state, view, 10).requests).toEqual([{kind: 'run', runId: 1}]);
	});
});

describe('idle', () => {
	it('has nothing to do and no wake time with an empty watch list', () => {
		expect(planRequests(initialSchedulerState(), {runs: [], followedSyncIds: [], followAll: false, syncs: []}, 0)).toEqual({
			requests: [],
			wakeAt: null,
		});
	});

	it('has no wake time once every watched run has ended and labels are in', () => {
		const sim = new Sim({
			runs: [1, 2, 3].map(id => ({id, syncId: 4, statusAt: endsAt(9000)})),
			watch: [1, 2, 3],
		});
		sim.runUntil(120_000);
		expect(sim.plan()).toEqual({requests: [], wakeAt: null});
		expect(sim.sentOf('sync').map(s => s.at)).toEqual([0]);
	});
});
