import {afterEach, describe, expect, it} from 'vitest';
import type {RequestEvent} from '../../source/census/api.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {eventually} from './eventually.js';
import {recordingClient} from '../census/helpers.js';

// Store + engine + client against the built-in simulator over real HTTP, at a small interval.

const TOKEN = 'secret-token:simulator-engine';

type Rig = {sim: Simulator; store: RunStoreApi; poller: Poller; sent: RequestEvent[]};
const rigs: Rig[] = [];

afterEach(async () => {
	for (const {sim, poller} of rigs.splice(0)) {
		poller.stop();
		await sim.close();
	}
});

async function rig(options: {token?: string; watch?: (sim: Simulator) => number[]; follow?: (sim: Simulator) => number[]} = {}): Promise<Rig> {
	const sim = await startSimulator({port: 0, seed: 7, token: TOKEN, scenario: 'demo', syncs: 4, runDurationMs: 600_000});
	const store = createRunStore({
		watch: {runIds: options.watch?.(sim) ?? [], syncIds: options.follow?.(sim) ?? [], all: false},
	});
	const {api, sent} = recordingClient(sim.url, options.token ?? TOKEN);
	const poller = createPoller({
		api,
		store,
		config: {intervalMs: 250, minGapMs: 100, backoff: {baseDelayMs: 100, maxDelayMs: 400}},
	});
	const made = {sim, store, poller, sent};
	rigs.push(made);
	return made;
}

const newestRuns = (sim: Simulator): number[] => sim.world.syncIds().flatMap(syncId => (sim.world.runIds(syncId) ?? []).slice(0, 2));

const sleep = async (ms: number): Promise<void> =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

describe('engine against the simulator', () => {
	it('shows the watched runs and the followed syncs’ runs, every request with the token', async () => {
		const {sim, store, poller} = await rig({watch: newestRuns, follow: sim => sim.world.syncIds().slice(0, 1)});
		poller.start();
		const watched = newestRuns(sim);
		await eventually(() => {
			for (const id of watched) expect(store.getState().runs[id]?.run?.id).toBe(id);
			expect(Object.keys(store.getState().syncs)).toHaveLength(4);
		});
		expect(sim.requests.length).toBeGreaterThan(0);
		expect(sim.requests.every(entry => entry.authorization === 'bearer')).toBe(true);
		expect(store.getState().health.kind).toBe('live');
	});

	it('shows a run whose first three fetches got 503 once the API recovers', async () => {
		const {sim, store, poller} = await rig({watch: sim => newestRuns(sim).slice(0, 1)});
		const [runId] = newestRuns(sim);
		sim.faults.set({serverErrorEvery: 1, serverErrorStatus: 503}, 'sync_run');
		poller.start();
		await eventually(() => {
			expect(sim.requests.filter(entry => entry.status === 503)).toHaveLength(3);
		});
		sim.faults.clear();
		expect(store.getState().runs[runId!]?.run).toBeNull();
		// Only 503s, three in a row: the API answers, with a server error.
		expect(store.getState().health).toMatchObject({kind: 'api_error', status: 503});
		await eventually(() => {
			expect(store.getState().runs[runId!]?.run?.id).toBe(runId);
		});
		expect(store.getState().runs[runId!]?.lastError).toBeNull();
		expect(store.getState().health.kind).toBe('live');
	});

	it('sends no request before a 429’s Retry-After: 1 has passed', async () => {
		const {sim, store, poller, sent} = await rig({watch: newestRuns});
		sim.faults.set({rateLimitEvery: 4, retryAfterSeconds: 1});
		poller.start();
		await sleep(3500);
		poller.stop();
		const answered = sent.filter(event => event.status === 429).map(event => event.startedAt + event.durationMs);
		expect(answered.length).toBeGreaterThanOrEqual(2);
		for (const at of answered) expect(sent.filter(event => event.startedAt > at && event.startedAt < at + 1000)).toEqual([]);
		// The simulator's log agrees once requests go one at a time (from the first 429 on).
		for (const hit of sim.requests.filter(entry => entry.status === 429).slice(1)) {
			expect(sim.requests.filter(entry => entry.at > hit.at && entry.at < hit.at + 1000)).toEqual([]);
		}

		for (const id of newestRuns(sim)) expect(store.getState().runs[id]?.run?.id).toBe(id);
	});

	it('pauses every request once the token is rejected', async () => {
		const {sim, store, poller} = await rig({watch: newestRuns, token: 'secret-token:not-this-one'});
		poller.start();
		await eventually(() => {
			expect(store.getState().health.kind).toBe('token_rejected');
		});
		await sleep(300);
		const count = sim.requests.length;
		expect(count).toBeLessThanOrEqual(4);
		expect(store.getState().health.kind).toBe('token_rejected');
		await sleep(500);
		expect(sim.requests.length).toBe(count);
	});
});
