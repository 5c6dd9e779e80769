import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {spawnApp, tempHome, type PtyApp} from '../helpers/pty.js';

// The built CLI in a pseudo-terminal against the simulator (build first): a followed sync's working run
// moves a step and fails; after a quit and a relaunch with no arguments its step timeline is still there,
// it is still marked unseen until opened, and the header shows the request budget in use.

const TOKEN = 'secret-token:beyondengine0123456789';
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const UNLOAD = 'Unloading data from warehouse';
const LOAD = 'Loading data into destination service';

const apps: PtyApp[] = [];
const simulators: Simulator[] = [];

afterEach(async () => {
	for (const app of apps.splice(0)) app.kill('SIGKILL');
	await Promise.all(simulators.splice(0).map(async simulator => simulator.close()));
});

const settle = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** A run's row: the selection mark or a space, then the unseen mark or a space. */
const rowOf = (screen: string, id: number) => screen.split('\n').find(line => /^[› ][•* ]/.test(line) && new RegExp(`\\b${id}\\b`).test(line)) ?? '';

async function waitForRow(app: PtyApp, id: number, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = await app.screenText();
		const row = rowOf(screen, id);
		if (pattern.test(row)) return row;
		if (Date.now() > deadline) throw new Error(`row ${id} never matched ${String(pattern)}; screen:\n${screen}`);
		await settle(50);
	}
}

type Saved = {unseenFailures: number[]; timelines: Record<string, {steps: {step: string}[]; endedAt: number | null}>};
const savedState = (home: string): Saved => JSON.parse(readFileSync(path.join(home, 'state', 'census-watch', 'state.json'), 'utf8')) as Saved;

describe('beyond the anchors, engine side, in a real terminal', () => {
	it('keeps a failed run’s timeline and its unseen mark across a restart, and shows the budget in use', {timeout: 60_000}, async () => {
		const sim = await startSimulator({scenario: 'quiet', seed: 5, syncs: 0, history: 0, token: TOKEN});
		simulators.push(sim);
		const {world} = sim;
		const syncId = world.addSync({label: 'Orders → Salesforce'});
		const runId = world.addRun(syncId, {created_at: ago(60_000), completed_at: null, status: 'working', current_step: UNLOAD});
		const home = tempHome();
		const launch = (args: string[]) => {
			const app = spawnApp({args: ['--base-url', sim.url, '--interval', '1', ...args], home, columns: 120, rows: 30, env: {CENSUS_API_TOKEN: TOKEN}});
			apps.push(app);
			return app;
		};

		const first = launch(['--sync', String(syncId)]);
		await waitForRow(first, runId, /working/);
		await first.waitForText(/\d+\/120 req\/min/);
		world.updateRun(runId, {current_step: LOAD});
		await waitForRow(first, runId, /5\/7/);
		world.updateRun(runId, {status: 'failed', completed_at: ago(0), error_code: 'X', error_message: 'boom'});
		await waitForRow(first, runId, /failed/);
		first.press('q');
		expect((await first.exited).exitCode).toBe(0);
		const saved = savedState(home);
		expect(saved.unseenFailures).toEqual([runId]);
		expect(saved.timelines[String(runId)]?.steps.map(step => step.step)).toEqual([UNLOAD, LOAD]);
		expect(saved.timelines[String(runId)]?.endedAt).not.toBeNull();

		const second = launch([]);
		expect(await waitForRow(second, runId, /failed/)).toMatch(/[•*]/);
		second.press('\r');
		// The step seen before the restart keeps the time it was first seen.
		await second.waitForText(/4 Unload\s+\d\d:\d\d:\d\d/);
		second.press('q');
		expect((await second.exited).exitCode).toBe(0);
		expect(savedState(home).unseenFailures).toEqual([]);
		expect(savedState(home).timelines[String(runId)]?.steps.map(step => step.step)).toEqual([UNLOAD, LOAD]);
	});
});
