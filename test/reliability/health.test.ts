import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import type {SchedulerConfig} from '../../source/polling/config.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import type {WatchList} from '../../source/runs/model.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {attachPersistence, createStateWriter} from '../../source/store/state-file.js';
import {startFakeCensus, type FakeCensus, type FakeRun} from '../polling/fake-census.js';
import {eventually} from '../polling/eventually.js';
import {forbidden, onRun, retryAfterADay, ROOT_GONE_FORMS, serverErrorForever, stall, tokenRejected} from './health-server.js';

// The poller against a hostile server on 127.0.0.1, for what the API's answers mean for the connection
// and the watch list: requests counted, the state file compared before and after.

const TOKEN = 'secret-token:health-test-0123456789';
const INTERVAL_MS = 400;

const FAST: Partial<SchedulerConfig> = {
	budgetPerMinute: 2000,
	intervalMs: INTERVAL_MS,
	minGapMs: 150,
	waveStallMs: 300,
	backoff: {baseDelayMs: 100, maxDelayMs: 400},
	rootProbeMs: 1000,
	authRecheckMs: 1000,
	offlineProbeMs: 1000,
};

const working = (): string => 'working';
const RUNS: FakeRun[] = [
	{id: 1, syncId: 10, status: working},
	{id: 2, syncId: 20, status: working},
	{id: 3, syncId: 30, status: working},
];

type Rig = {fake: FakeCensus; store: RunStoreApi; poller: Poller; statePath: string; detach: () => void; dir: string; now: () => number};
const rigs: Rig[] = [];

afterEach(async () => {
	for (const rig of rigs.splice(0)) {
		rig.poller.stop();
		rig.detach();
		await rig.fake.close();
		rmSync(rig.dir, {recursive: true, force: true});
	}
});

async function rig(options: {watch?: Partial<WatchList>; timeoutMs?: number; config?: Partial<SchedulerConfig>} = {}): Promise<Rig> {
	const fake = await startFakeCensus({token: TOKEN, runs: RUNS});
	// The app's clock runs from a day before v1's retirement, so that a bare 404 reads the same whatever today is.
	const offset = Date.now() - Date.UTC(2026, 11, 6);
	const now = (): number => Date.now() - offset;
	const api = createCensusClient({
		baseUrl: fake.baseUrl,
		token: TOKEN,
		retry: {limit: 0},
		timeoutMs: options.timeoutMs ?? 3000,
		now,
	});
	const store = createRunStore({watch: {runIds: [1, 2, 3], syncIds: [10], all: false, ...options.watch}});
	const dir = mkdtempSync(join(tmpdir(), 'census-watch-health-'));
	const statePath = join(dir, 'state.json');
	const detach = attachPersistence(store, createStateWriter(statePath, {onError: () => undefined}));
	const poller = createPoller({api, store, config: {...FAST, ...options.config}, now});
	const made = {fake, store, poller, statePath, detach, dir, now};
	rigs.push(made);
	return made;
}

const sleep = async (ms: number): Promise<void> =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

/** The server's count of requests once it has stopped changing for 150 ms. */
async function settledHits(fake: FakeCensus): Promise<number> {
	let last = -1;
	while (last !== fake.hits.length) {
		last = fake.hits.length;
		await sleep(150);
	}

	return last;
}

const savedWatch = (path: string): unknown => (JSON.parse(readFileSync(path, 'utf8')) as {watch: unknown}).watch;

const allLoaded = (store: RunStoreApi): void => {
	for (const id of [1, 2, 3]) expect(store.getState().runs[id]?.run).not.toBeNull();
};

describe('a gone API root', () => {
	it.each(Object.entries(ROOT_GONE_FORMS))('%s: one notice, nothing lost, one check a second, and back when it answers', async (form, fault) => {
		const {fake, store, poller, statePath} = await rig();
		poller.start();
		await eventually(() => allLoaded(store));
		const before = savedWatch(statePath);
		expect(before).toEqual({runIds: [1, 2, 3], syncIds: [10], all: false});

		fake.fault = fault;
		await eventually(() => expect(store.getState().health.kind).toBe('root_gone'));
		const health = store.getState().health;
		expect(health).toMatchObject({kind: 'root_gone', reason: form === '404 everywhere' ? 'no_api' : 'retired', root: fake.baseUrl});
		const notices = store.getState().notices.filter(notice => notice.level === 'error');
		expect(notices).toHaveLength(1);
		expect(notices[0]?.text).toContain(form === '404 everywhere' ? `no Census API at ${fake.baseUrl}: check --base-url` : 'Census API v1 has been retired on 2027-01-15');

		// Polling stopped: over three check periods, what was in flight and about one check a period.
		const from = fake.hits.length;
		const started = Date.now();
		await eventually(() => expect(fake.hits.slice(from).filter(hit => hit.path === '/syncs' && hit.query['per_page'] === '1').length).toBeGreaterThanOrEqual(2));
		// However long two checks took on this machine, nothing but them and what was in flight went out.
		const periods = Math.ceil((Date.now() - started) / 1000) + 1;
		expect(fake.hits.length - from).toBeLessThanOrEqual(periods + 4);

		// Nothing lost: every run keeps its data, none is "not found", the sync is still followed, the file is unchanged.
		for (const id of [1, 2, 3]) expect(store.getState().runs[id]).toMatchObject({notFound: false, run: {id}});
		expect(store.getState().watch).toEqual({runIds: [1, 2, 3], syncIds: [10], all: false});
		expect(savedWatch(statePath)).toEqual(before);

		fake.fault = null;
		await eventually(() => expect(store.getState().health.kind).toBe('live'));
		expect(store.getState().notices.at(-1)?.text).toContain('answers again');
		const back = fake.hits.length;
		await eventually(() => expect(fake.hits.slice(back).filter(hit => hit.path === '/sync_runs/2').length).toBeGreaterThan(0));
	});

	it('a 404 for one run, while the root answers, marks that run not found and keeps it on the watch list', async () => {
		const {fake, store, poller, statePath} = await rig();
		poller.start();
		await eventually(() => allLoaded(store));
		fake.fault = hit => (hit.path === '/sync_runs/2' ? {status: 404, body: {status: 404}} : null);
		await eventually(() => expect(store.getState().runs[2]?.notFound).toBe(true));
		expect(fake.hits.some(hit => hit.path === '/syncs' && hit.query['per_page'] === '1')).toBe(true);
		expect(store.getState().health.kind).toBe('live');
		expect(store.getState().runs[1]?.notFound).toBe(false);
		expect(savedWatch(statePath)).toEqual({runIds: [1, 2, 3], syncIds: [10], all: false});
	});

	it('a followed sync whose runs answer 404 is not polled any more, but stays followed', async () => {
		const {fake, store, poller, statePath} = await rig({watch: {runIds: [2], syncIds: [10]}});
		poller.start();
		await eventually(() => expect(store.getState().runs[1]?.run).not.toBeNull());
		fake.fault = hit => (hit.path === '/syncs/10/sync_runs' ? {status: 404, body: {status: 404}} : null);
		await eventually(() => expect(store.getState().notices.at(-1)?.text).toContain('Sync 10 was not found'));
		expect(store.getState().watch.syncIds).toEqual([10]);
		expect(savedWatch(statePath)).toMatchObject({syncIds: [10]});
	});
});

describe('401 and 403', () => {
	it('a 403 on one run touches only that run; removing it clears it', async () => {
		const {fake, store, poller} = await rig({watch: {syncIds: []}});
		fake.fault = onRun(2, forbidden);
		poller.start();
		await eventually(() => expect(store.getState().runs[2]?.lastError).toBe('no access (403)'));
		const at = fake.hits.length;
		// Waits for the healthy run's polls rather than for a time, so that a loaded machine cannot fail it.
		await eventually(() => expect(fake.hits.slice(at).filter(hit => hit.path === '/sync_runs/1').length).toBeGreaterThanOrEqual(2));
		expect(fake.hits.slice(at).filter(hit => hit.path === '/sync_runs/2')).toEqual([]);
		expect(store.getState().health.kind).toBe('live');
		store.getState().removeRun(2);
		expect(store.getState().watch.runIds).toEqual([1, 3]);
	});

	it('a transient 401 pauses polling with a notice and resumes by itself, with no restart', async () => {
		const {fake, store, poller} = await rig({watch: {syncIds: []}});
		poller.start();
		await eventually(() => allLoaded(store));
		fake.fault = tokenRejected;
		await eventually(() => expect(store.getState().health.kind).toBe('token_rejected'));
		expect(store.getState().notices.at(-1)?.text).toMatch(/^Polling paused: .*401.*checked again every/);
		const from = fake.hits.length;
		await sleep(2500);
		// One check a second (authRecheckMs here), not one request per run per interval.
		expect(fake.hits.length - from).toBeLessThanOrEqual(3 + 3);
		fake.fault = null;
		await eventually(() => expect(store.getState().health.kind).toBe('live'));
		expect(store.getState().notices.at(-1)?.text).toContain('accepted again');
		const back = fake.hits.length;
		await eventually(() => {
			for (const id of [1, 2, 3]) expect(fake.hits.slice(back).some(hit => hit.path === `/sync_runs/${id}`)).toBe(true);
		});
	});

	it('a 401 that only one run gets: removing that run (x) lifts the pause at once', async () => {
		const {fake, store, poller} = await rig({watch: {syncIds: []}, config: {authRecheckMs: 600_000}});
		poller.start();
		await eventually(() => allLoaded(store));
		fake.fault = onRun(2, {status: 401, body: {status: 'error', message: 'Unauthorized'}});
		await eventually(() => expect(store.getState().health.kind).toBe('token_rejected'));
		// Requests sent before the poller heard the 401 may still be reaching the server: count from once
		// they have, then nothing more may come (the run interval is 400 ms).
		const paused = await settledHits(fake);
		await sleep(500);
		expect(fake.hits.length).toBe(paused);
		store.getState().removeRun(2);
		await eventually(() => expect(store.getState().health.kind).toBe('live'));
		const back = fake.hits.length;
		await eventually(() => {
			for (const id of [1, 3]) expect(fake.hits.slice(back).some(hit => hit.path === `/sync_runs/${id}`)).toBe(true);
		});
	});

	it('refresh-now re-checks a rejected token at once', async () => {
		const {fake, store, poller} = await rig({watch: {syncIds: []}, config: {authRecheckMs: 600_000}});
		fake.fault = tokenRejected;
		poller.start();
		await eventually(() => expect(store.getState().health.kind).toBe('token_rejected'));
		fake.fault = null;
		await sleep(500);
		expect(store.getState().health.kind).toBe('token_rejected');
		poller.refreshNow();
		await eventually(() => expect(store.getState().health.kind).toBe('live'));
	});
});

describe('say what is wrong', () => {
	it('a 500 forever reads "answers 500", not "unreachable"', async () => {
		const {fake, store, poller} = await rig({watch: {syncIds: []}});
		fake.fault = serverErrorForever;
		poller.start();
		await eventually(() => expect(store.getState().health).toMatchObject({kind: 'api_error', status: 500}));
		await sleep(1500);
		expect(store.getState().health.kind).toBe('api_error');
	});

	it('a Retry-After of a day pauses ten minutes, and says until when', async () => {
		const {fake, store, poller, now} = await rig({watch: {runIds: [1], syncIds: []}});
		fake.fault = retryAfterADay;
		const start = now();
		poller.start();
		await eventually(() => expect(store.getState().health.kind).toBe('rate_limited'));
		const health = store.getState().health;
		const until = health.kind === 'rate_limited' ? health.until : 0;
		expect(until - start).toBeGreaterThan(9 * 60_000);
		expect(until - now()).toBeLessThanOrEqual(10 * 60_000);
		await sleep(500);
		expect(fake.hits).toHaveLength(1);
	});
});

describe('one run whose answer stalls', () => {
	it('the other runs stay updated within two intervals and the API is never called unreachable', async () => {
		const {fake, store, poller} = await rig({watch: {syncIds: []}, timeoutMs: 1500});
		fake.fault = onRun(1, stall);
		poller.start();
		const healths = new Set<string>();
		const unsubscribe = store.subscribe(state => healths.add(state.health.kind));
		await eventually(() => {
			expect(store.getState().runs[2]?.run).not.toBeNull();
			expect(store.getState().runs[3]?.run).not.toBeNull();
		});
		const from = Date.now();
		await sleep(5000);
		unsubscribe();
		for (const id of [2, 3]) {
			const times = (fake.served.get(id) ?? []).filter(at => at >= from);
			const gaps = times.slice(1).map((at, i) => at - (times[i] ?? 0));
			expect(times.length).toBeGreaterThan(5);
			expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * INTERVAL_MS);
		}

		expect(healths.has('offline')).toBe(false);
		expect(store.getState().runs[1]?.lastError).toMatch(/no answer within/);
	});
});
