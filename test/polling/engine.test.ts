import {afterEach, describe, expect, it} from 'vitest';
import type {RequestEvent} from '../../source/census/api.js';
import type {SchedulerConfig} from '../../source/polling/config.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import type {WatchList} from '../../source/runs/model.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {startFakeCensus, type FakeCensus, type FakeRun} from './fake-census.js';
import {eventually} from './eventually.js';
import {recordingClient} from '../census/helpers.js';

const TOKEN = 'secret-token:engine-test-0123456789';

// Scaled down from the acceptance run (interval 2 s, 1 s minimum gap) so that a test takes seconds.
// The interval is ~16x faster than the default, so is the budget: at 120 a minute the refreshes' pace
// (5 per 2.5 s) would hold these tests' runs back.
const FAST: Partial<SchedulerConfig> = {
	budgetPerMinute: 2000,
	intervalMs: 300,
	minGapMs: 150,
	backoff: {baseDelayMs: 100, maxDelayMs: 400},
};

type Rig = {fake: FakeCensus; store: RunStoreApi; poller: Poller; sent: RequestEvent[]};
const rigs: Rig[] = [];

afterEach(async () => {
	for (const rig of rigs.splice(0)) {
		rig.poller.stop();
		await rig.fake.close();
	}
});

async function rig(options: {
	runs: FakeRun[];
	watch?: Partial<WatchList>;
	config?: Partial<SchedulerConfig>;
	token?: string;
	syncIds?: number[];
}): Promise<Rig> {
	const fake = await startFakeCensus({token: TOKEN, runs: options.runs, syncIds: options.syncIds});
	const {api, sent} = recordingClient(fake.baseUrl, options.token ?? TOKEN);
	const store = createRunStore({watch: {runIds: [], syncIds: [], all: false, ...options.watch}});
	const poller = createPoller({api, store, config: {...FAST, ...options.config}});
	const made = {fake, store, poller, sent};
	rigs.push(made);
	return made;
}

const always =
	(status: string) =>
	(): string =>
		status;
const until =
	(ms: number, before: string, after: string) =>
	(elapsed: number): string =>
		elapsed < ms ? before : after;

const sleep = async (ms: number): Promise<void> =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

const hitsOf = (fake: FakeCensus, path: string) => fake.hits.filter(hit => hit.path === path);

const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - (times[i] ?? 0));

describe('polling a mix of runs over real HTTP', () => {
	it('keeps runs fresh, fetches ended runs no more than needed, batches one sync, and recovers from 503s', async () => {
		let failuresLeft = 3;
		const {fake, store, poller} = await rig({
			runs: [
				{id: 1, syncId: 10, status: always('working')},
				{id: 2, syncId: 10, status: always('completed')},
				{id: 3, syncId: 20, status: until(900, 'working', 'failed')},
				{id: 4, syncId: 30, status: always('working')},
				{id: 5, syncId: 30, status: always('working')},
				{id: 6, syncId: 40, status: always('queued')},
				{id: 7, syncId: 50, status: always('working')},
			],
			watch: {runIds: [1, 2, 3, 4, 5, 6, 7]},
		});
		fake.fault = hit => {
			if (hit.path === '/sync_runs/7' && failuresLeft > 0) {
				failuresLeft--;
				return {status: 503, body: 'upstream unavailable'};
			}

			return null;
		};

		poller.start();
		await eventually(() => {
			expect(store.getState().runs[7]?.run?.status).toBe('working');
		});
		await sleep(2500);
		poller.stop();

		expect(fake.hits.length).toBeGreaterThan(10);
		expect(fake.hits.every(hit => hit.authorization === `Bearer ${TOKEN}`)).toBe(true);
		// A working run's sync's recent runs, once, for an ETA (sync 20's only while run 3 worked; none for the
		// queued run's sync 40): the only other pages runs 2 and 3 are on.
		const history = fake.hits.filter(hit => hit.query['per_page'] === '50');
		const historyOf = (syncId: number) => history.filter(hit => hit.path === `/syncs/${syncId}/sync_runs`).length;
		expect([10, 30, 50].map(historyOf)).toEqual([1, 1, 1]);
		expect(historyOf(20)).toBeLessThanOrEqual(1);
		expect(history).toHaveLength(3 + historyOf(20));
		// Ended at start: its first answer already has completed_at, so it is never asked for again.
		expect(fake.served.get(2)).toHaveLength(2);
		// Ended while watched: at most one answer after it ended.
		const endedAt = fake.startedAt + 900;
		const historyAfterEnd = history.filter(hit => hit.path === '/syncs/20/sync_runs' && hit.at >= endedAt).length;
		expect((fake.served.get(3) ?? []).filter(at => at >= endedAt).length - historyAfterEnd).toBeLessThanOrEqual(1);
		// Two working runs of one sync go through one list request; each was fetched singly only at first.
		expect(hitsOf(fake, '/sync_runs/4')).toHaveLength(1);
		const batches = hitsOf(fake, '/syncs/30/sync_runs').filter(hit => hit.query['per_page'] !== '10');
		expect(batches.length).toBeGreaterThan(2);
		expect(batches[0]?.query).toEqual({per_page: '4'});
		// Never twice within the minimum gap, by any route.
		for (const times of fake.served.values()) for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(140);
		expect(hitsOf(fake, '/sync_runs/7').length).toBeGreaterThan(4);
		expect(store.getState().runs[7]?.lastError).toBeNull();
		expect(store.getState().requests.failed).toBe(3);
		expect(store.getState().health.kind).toBe('live');
		expect(store.getState().syncs[30]?.label).toBe('sync 30');
	});

	it('polls over HTTP once started and sends nothing after stop', async () => {
		const {fake, store, poller} = await rig({runs: [{id: 1, syncId: 2, status: always('working')}], watch: {runIds: [1]}});
		poller.start();
		await eventually(() => {
			expect(fake.hits.filter(hit => hit.path === '/sync_runs/1').length).toBeGreaterThanOrEqual(2);
		});
		poller.stop();
		const sent = fake.hits.length;
		await sleep(600);
		expect(fake.hits.length).toBe(sent);
		expect(store.getState().runs[1]?.run?.status).toBe('working');
	});

	it('sends nothing at all while a 429 Retry-After pause lasts, and still shows the runs', async () => {
		const {fake, store, poller, sent} = await rig({
			runs: [1, 2, 3, 4, 5].map(id => ({id, syncId: id * 10, status: always('working')})),
			watch: {runIds: [1, 2, 3, 4, 5]},
		});
		fake.fault = (_hit, index) => (index % 4 === 3 ? {status: 429, headers: {'retry-after': '2'}, body: {status: 'error', message: 'slow down'}} : null);
		poller.start();
		await sleep(5000);
		poller.stop();

		// As sent: nothing starts between a 429 coming back and the end of its Retry-After.
		const answered = sent.filter(event => event.status === 429).map(event => event.startedAt + event.durationMs);
		expect(answered.length).toBeGreaterThanOrEqual(2);
		for (const at of answered) expect(sent.filter(event => event.startedAt > at && event.startedAt < at + 2000)).toEqual([]);
		// As received: after the first 429 requests go one at a time, so none can even land inside a pause.
		const limited = fake.hits.filter((_, index) => index % 4 === 3);
		for (const hit of limited.slice(1)) expect(fake.hits.filter(other => other.at > hit.at && other.at < hit.at + 2000)).toEqual([]);
		for (const id of [1, 2, 3, 4, 5]) expect(store.getState().runs[id]?.run?.status).toBe('working');
	}, 15_000);
});

describe('stopping', () => {
	it('pauses every request on 401 and says the token was rejected, once; refresh-now checks it with one request', async () => {
		const {fake, store, poller} = await rig({
			runs: [1, 2, 3].map(id => ({id, syncId: id, status: always('working')})),
			watch: {runIds: [1, 2, 3]},
			token: 'secret-token:wrong-wrong-wrong',
		});
		poller.start();
		await eventually(() => {
			expect(store.getState().health.kind).toBe('token_rejected');
		});
		await sleep(600);
		const count = fake.hits.length;
		expect(count).toBeLessThanOrEqual(3);
		expect(store.getState().notices.filter(notice => notice.level === 'error')).toHaveLength(1);
		expect(JSON.stringify(store.getState())).not.toContain('wrong-wrong-wrong');
		poller.refreshNow();
		await eventually(() => {
			expect(fake.hits.length).toBe(count + 1);
		});
		await sleep(600);
		expect(fake.hits.length).toBe(count + 1);
		expect(store.getState().notices.filter(notice => notice.level === 'error')).toHaveLength(1);
	});

	it('marks a run not found on 404 once the API root is shown to work, and never asks for it again', async () => {
		const {fake, store, poller} = await rig({runs: [{id: 1, syncId: 1, status: always('working')}], watch: {runIds: [1, 99]}});
		poller.start();
		await eventually(() => {
			expect(store.getState().runs[99]?.notFound).toBe(true);
		});
		await sleep(1000);
		// The first 404 came before the root was checked: one look at the sync list, then the run once more.
		expect(hitsOf(fake, '/syncs').map(hit => hit.query['per_page'])).toEqual(['1']);
		expect(hitsOf(fake, '/sync_runs/99')).toHaveLength(2);
		expect(hitsOf(fake, '/sync_runs/1').length).toBeGreaterThan(2);
	});

	it('stops polling a followed sync that is not found, with a notice, and keeps it on the watch list', async () => {
		const {store, poller} = await rig({runs: [], watch: {syncIds: [404]}, syncIds: []});
		poller.start();
		await eventually(() => {
			expect(store.getState().notices.map(notice => notice.text)).toEqual(['Sync 404 was not found (404); it is no longer polled.']);
		});
		expect(store.getState().watch.syncIds).toEqual([404]);
	});

	it('stop() aborts what is in flight and leaves no timer behind', async () => {
		const timeouts = (): number => process.getActiveResourcesInfo().filter(kind => kind === 'Timeout').length;
		const {fake, store, poller} = await rig({
			runs: [1, 2].map(id => ({id, syncId: id, status: always('working')})),
			watch: {runIds: [1, 2]},
			// Side by side from the start, so that a hanging request does not hold the other run up.
			config: {warmupRequests: 0, waveStallMs: 200},
		});
		await sleep(200);
		const before = timeouts();
		poller.start();
		await eventually(() => {
			expect(store.getState().runs[2]?.run).not.toBeNull();
		});
		// Run 1's requests hang; run 2 keeps the poller's own timer busy.
		fake.fault = hit => (hit.path === '/sync_runs/1' ? {status: 200, hold: true} : null);
		await eventually(() => {
			expect(hitsOf(fake, '/sync_runs/1').length).toBeGreaterThan(1);
			expect(hitsOf(fake, '/sync_runs/2').length).toBeGreaterThan(2);
		});
		expect(timeouts(), 'a request in flight and the next wake').toBeGreaterThan(before + 1);
		poller.stop();
		// The aborted requests let go of their per-request timeouts as their promises settle. (Measured
		// outside vi.waitFor, whose own timers would count.)
		await sleep(200);
		expect(timeouts()).toBeLessThanOrEqual(before);
		const sent = fake.hits.length;
		fake.fault = null;
		await sleep(700);
		expect(fake.hits.length).toBe(sent);
		expect(store.getState().runs[1]?.lastError).toBeNull();
	});
});

describe('follow, actions, pause', () => {
	it('a followed sync brings its recent runs and new ones join by themselves', async () => {
		const runs: FakeRun[] = Array.from({length: 15}, (_, i) => ({id: 100 + i, syncId: 9, status: always('completed')}));
		const {fake, store, poller} = await rig({runs, watch: {syncIds: [9]}, config: {followExplicitIdleMs: 400}});
		poller.start();
		await eventually(() => {
			expect(store.getState().runOrder).toEqual([114, 113, 112, 111, 110, 109, 108, 107, 106, 105]);
		});
		expect(hitsOf(fake, '/syncs/9/sync_runs')[0]?.query).toEqual({per_page: '10'});
		fake.runs.set(200, {id: 200, syncId: 9, status: always('working')});
		await eventually(() => {
			expect(store.getState().runs[200]?.origin).toBe('follow');
		});
		// Old runs pruned by the store do not come back with the next page.
		await sleep(600);
		expect(store.getState().runOrder).toEqual([200, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105]);
	});

	it('trigger watches the new run and fetches it at once; cancel fetches it again', async () => {
		const {fake, store, poller} = await rig({runs: [{id: 1, syncId: 5, status: always('completed')}], watch: {runIds: [1]}, config: {intervalMs: 60_000}});
		poller.start();
		await eventually(() => {
			expect(store.getState().runs[1]?.run).not.toBeNull();
		});
		const runId = await poller.trigger(5, true);
		expect(store.getState().watch.runIds).toContain(runId);
		expect(hitsOf(fake, '/syncs/5/trigger')[0]?.query).toEqual({force_full_sync: 'true'});
		await eventually(() => {
			expect(store.getState().runs[runId]?.run?.status).toBe('queued');
		});
		await sleep(200);
		await poller.cancel(runId);
		await eventually(() => {
			expect(store.getState().runs[runId]?.run?.canceled).toBe(true);
		});
		expect(hitsOf(fake, `/sync_runs/${runId}`)).toHaveLength(2);
	});

	it('rejects an action the API refuses, without calling the connection unhealthy', async () => {
		const {fake, store, poller} = await rig({runs: [{id: 1, syncId: 5, status: always('working')}], watch: {runIds: [1]}});
		fake.fault = hit => (hit.method === 'POST' ? {status: 422, body: {status: 'error', message: 'sync is paused'}} : null);
		poller.start();
		await expect(poller.trigger(5, false)).rejects.toMatchObject({kind: 'client'});
		await eventually(() => {
			expect(store.getState().health.kind).toBe('live');
		});
	});

	it('holds an action during a 429 pause, and rejects it if the poller stops meanwhile', async () => {
		const {fake, store, poller} = await rig({runs: [{id: 1, syncId: 5, status: always('working')}], watch: {runIds: [1]}});
		fake.fault = () => ({status: 429, headers: {'retry-after': '30'}});
		poller.start();
		await eventually(() => {
			expect(store.getState().health.kind).toBe('rate_limited');
		});
		const triggered = poller.trigger(5, false);
		await sleep(300);
		expect(hitsOf(fake, '/syncs/5/trigger')).toEqual([]);
		poller.stop();
		await expect(triggered).rejects.toMatchObject({kind: 'aborted'});
	});

	it('pause stops requests, resume and refresh-now bring them back', async () => {
		const {fake, store, poller} = await rig({
			runs: [{id: 1, syncId: 5, status: always('working')}],
			watch: {runIds: [1]},
			config: {intervalMs: 30_000},
		});
		poller.start();
		await eventually(() => {
			expect(store.getState().runs[1]?.run).not.toBeNull();
		});
		poller.setPaused(true);
		expect(store.getState().paused).toBe(true);
		poller.refreshNow();
		await sleep(400);
		expect(hitsOf(fake, '/sync_runs/1')).toHaveLength(1);
		poller.setPaused(false);
		poller.refreshNow();
		await eventually(() => {
			expect(hitsOf(fake, '/sync_runs/1')).toHaveLength(2);
		});
	});

	it('writes a list page into the store with one applyRuns', async () => {
		const {store, poller} = await rig({
			runs: [1, 2, 3].map(id => ({id, syncId: 8, status: always('working')})),
			watch: {syncIds: [8]},
		});
		const calls: number[] = [];
		const original = store.getState().applyRuns;
		store.setState({
			applyRuns(runs, now, options) {
				calls.push(runs.length);
				original(runs, now, options);
			},
		});
		poller.start();
		await eventually(() => {
			expect(calls.length).toBeGreaterThanOrEqual(3);
		});
		expect(calls.every(length => length === 3)).toBe(true);
	});

	it('plans at once when a run is added to the watch list', async () => {
		const {fake, store, poller} = await rig({runs: [{id: 1, syncId: 5, status: always('working')}]});
		poller.start();
		await sleep(100);
		expect(fake.hits).toEqual([]);
		store.getState().addRunIds([1]);
		await eventually(() => {
			expect(store.getState().runs[1]?.run?.status).toBe('working');
		});
	});
});
