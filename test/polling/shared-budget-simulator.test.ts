import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {RequestEvent} from '../../source/census/api.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import {createSharedBudget} from '../../source/polling/shared-budget.js';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {recordingClient} from '../census/helpers.js';

// Two pollers in one test process stand for two windows: each with its own client, store and
// shared-budget instance, on the same ledger directory, against one simulator. Far more runs than a
// budget of 20 a minute allows, so each alone would fill it.

const TOKEN = 'secret-token:two-windows';
const BUDGET = 20;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

const sleep = async (ms: number): Promise<void> =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

type Window = {poller: Poller; store: RunStoreApi; sent: RequestEvent[]};

function openWindow(sim: Simulator, dir: string, runIds: number[]): Window {
	const {api, sent} = recordingClient(sim.url, TOKEN);
	const store = createRunStore({watch: {runIds, syncIds: [], all: false}});
	const sharedBudget = createSharedBudget({dir, token: TOKEN, baseUrl: sim.url});
	const poller = createPoller({api, store, sharedBudget, config: {budgetPerMinute: BUDGET, intervalMs: 250, minGapMs: 100}});
	cleanup.push(() => {
		poller.stop();
	});
	return {poller, store, sent};
}

describe('one budget per token across windows', () => {
	it('two pollers on one token send no more than one budget within a minute together, and both get some of it', async () => {
		const sim = await startSimulator({port: 0, seed: 3, token: TOKEN, scenario: 'busy', syncs: 16, runDurationMs: 3_600_000});
		cleanup.push(async () => sim.close());
		const dir = mkdtempSync(join(tmpdir(), 'census-watch-two-windows-'));
		cleanup.push(() => {
			rmSync(dir, {recursive: true, force: true});
		});
		const newest = sim.world.syncIds().map(syncId => sim.world.runIds(syncId)?.[0] ?? 0);
		const a = openWindow(sim, join(dir, 'budget'), newest.slice(0, 8));
		const b = openWindow(sim, join(dir, 'budget'), newest.slice(8));
		const startedAt = Date.now();
		a.poller.start();
		b.poller.start();

		// First looks go at once, refreshes at a pace (each window a twenty-fourth of the budget per 2.5 s), so
		// the budget's worth takes a few seconds more than it did.
		await vi.waitFor(
			() => {
				expect(sim.requests.length).toBeGreaterThanOrEqual(BUDGET);
			},
			{timeout: 40_000, interval: 20},
		);
		// Long enough for either alone to have sent a second budget's worth, well inside the minute.
		await sleep(1500);
		a.poller.stop();
		b.poller.stop();
		expect(Date.now() - startedAt).toBeLessThan(50_000);

		expect(sim.requests).toHaveLength(BUDGET);
		expect(a.sent.length + b.sent.length).toBe(BUDGET);
		expect(a.sent.length).toBeGreaterThan(0);
		expect(b.sent.length).toBeGreaterThan(0);
		// Each header counts both windows' requests against the one budget.
		const shown = [a, b].map(window => window.store.getState().budget);
		expect(shown.map(budget => budget?.limit)).toEqual([BUDGET, BUDGET]);
		expect(Math.max(...shown.map(budget => budget?.sent.length ?? 0))).toBe(BUDGET);
		expect(shown[0]?.sent.length).toBeGreaterThan(a.sent.length);
		expect(shown[1]?.sent.length).toBeGreaterThan(b.sent.length);
	}, 60_000);
});
