import {afterEach, describe, expect, it} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import {createManualClock} from '../../source/simulator/clock.js';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {createRunStore} from '../../source/store/run-store.js';
import {eventually} from './eventually.js';

// A watched run's sync's recent runs, fetched once for its ETA, against the simulator with its clock
// stopped, so that the sync's runs are exactly the ones made here.

const TOKEN = 'secret-token:engine-history';
const START = Date.parse('2026-11-29T10:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const running: {sim: Simulator; poller: Poller}[] = [];
afterEach(async () => {
	for (const {sim, poller} of running.splice(0)) {
		poller.stop();
		await sim.close();
	}
});

describe('sync history', () => {
	it('stores the durations of the sync’s recent completed runs once, and none of those runs joins the watch list', async () => {
		const sim = await startSimulator({port: 0, token: TOKEN, scenario: 'quiet', syncs: 0, clock: createManualClock(START)});
		const {world} = sim;
		const syncId = world.addSync({label: 'orders'});
		const ended = (startMinutesAgo: number, minutes: number, fields: Record<string, unknown> = {}) =>
			world.addRun(syncId, {
				created_at: iso(START - startMinutesAgo * 60_000),
				completed_at: iso(START - (startMinutesAgo - minutes) * 60_000),
				...fields,
			});
		ended(300, 4);
		ended(240, 6, {status: 'failed', error_code: 'X'});
		ended(180, 8);
		ended(120, 1, {canceled: true});
		ended(90, 0, {status: 'skipped'});
		ended(60, 10);
		const workingId = world.addRun(syncId, {status: 'working', created_at: iso(START - 5 * 60_000), completed_at: null});

		const store = createRunStore({watch: {runIds: [workingId], syncIds: [], all: false}});
		const api = createCensusClient({baseUrl: sim.url, token: TOKEN, retry: {limit: 0}, timeoutMs: 5000});
		const poller = createPoller({api, store, config: {intervalMs: 200, minGapMs: 100}});
		running.push({sim, poller});
		poller.start();

		await eventually(() => {
			expect(store.getState().syncHistory[syncId]?.durationsMs).toEqual([10 * 60_000, 8 * 60_000, 4 * 60_000]);
		});
		// Several refreshes of the working run later, still the one history page.
		const refreshes = () => sim.requests.filter(entry => entry.path === `/sync_runs/${workingId}`).length;
		const before = refreshes();
		await eventually(() => {
			expect(refreshes()).toBeGreaterThan(before + 3);
		});
		const history = sim.requests.filter(entry => entry.path === `/syncs/${syncId}/sync_runs`);
		expect(history.map(entry => entry.query)).toEqual([{per_page: '50'}]);
		// The runs themselves, newest first, for the history screen: every outcome, the working one too.
		expect(store.getState().syncHistory[syncId]?.runs.map(run => run.status)).toEqual(['working', 'completed', 'skipped', 'completed', 'completed', 'failed', 'completed']);
		expect(store.getState().runOrder).toEqual([workingId]);
	});

	it('fetches a wanted sync’s history once although none of its runs works, then keeps it fresh from the followed sync’s list pages', async () => {
		const sim = await startSimulator({port: 0, token: TOKEN, scenario: 'quiet', syncs: 0, clock: createManualClock(START)});
		const {world} = sim;
		const syncId = world.addSync({label: 'orders'});
		for (let index = 6; index > 0; index--) {
			world.addRun(syncId, {created_at: iso(START - index * 60 * 60_000), completed_at: iso(START - index * 60 * 60_000 + 5 * 60_000)});
		}

		const store = createRunStore({watch: {runIds: [], syncIds: [syncId], all: false}});
		const api = createCensusClient({baseUrl: sim.url, token: TOKEN, retry: {limit: 0}, timeoutMs: 5000});
		const poller = createPoller({api, store, config: {intervalMs: 200, minGapMs: 100, followExplicitIdleMs: 200}});
		running.push({sim, poller});
		poller.start();
		await eventually(() => {
			expect(store.getState().runOrder).toHaveLength(6);
		});
		expect(store.getState().syncHistory[syncId]).toBeUndefined();

		store.getState().wantSyncHistory(syncId);
		await eventually(() => {
			expect(store.getState().syncHistory[syncId]?.runs).toHaveLength(6);
		});

		const newId = world.addRun(syncId, {status: 'failed', created_at: iso(START - 60_000), completed_at: iso(START)});
		await eventually(() => {
			expect(store.getState().syncHistory[syncId]?.runs[0]).toMatchObject({id: newId, status: 'failed'});
		});
		const historyPages = sim.requests.filter(entry => entry.path === `/syncs/${syncId}/sync_runs` && entry.query.per_page === '50');
		expect(historyPages).toHaveLength(1);
	});
});
