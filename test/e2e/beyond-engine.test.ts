import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ago, e2eSession, waitForRow} from '../helpers/e2e.js';
import {tempHome} from '../helpers/pty.js';

// The built CLI in a pseudo-terminal against the simulator (build first): a followed sync's working run
// moves a step and fails; after a quit and a relaunch with no arguments its step timeline is still there,
// it is still marked unseen until opened, and the header shows the request budget in use.

const TOKEN = 'secret-token:beyondengine0123456789';
const UNLOAD = 'Unloading data from warehouse';
const LOAD = 'Loading data into destination service';

const session = e2eSession();

/** A run's row: the selection mark or a space, then the unseen mark or a space. */
const rowOf = (screen: string, id: number) => screen.split('\n').find(line => /^[› ][•* ]/.test(line) && new RegExp(`\\b${id}\\b`).test(line)) ?? '';


type Saved = {unseenFailures: number[]; timelines: Record<string, {steps: {step: string}[]; endedAt: number | null}>};
const savedState = (home: string): Saved => JSON.parse(readFileSync(path.join(home, 'state', 'census-watch', 'state.json'), 'utf8')) as Saved;

describe('beyond the anchors, engine side, in a real terminal', () => {
	it('keeps a failed run’s timeline and its unseen mark across a restart, and shows the budget in use', {timeout: 60_000}, async () => {
		const sim = await session.simulator({scenario: 'quiet', seed: 5, syncs: 0, history: 0, token: TOKEN});
		const {world} = sim;
		const syncId = world.addSync({label: 'Orders → Salesforce'});
		const runId = world.addRun(syncId, {created_at: ago(60_000), completed_at: null, status: 'working', current_step: UNLOAD});
		const home = tempHome();
		const launch = (args: string[]) => {
			const app = session.launch({args: ['--base-url', sim.url, '--interval', '1', ...args], home, columns: 120, rows: 30, env: {CENSUS_API_TOKEN: TOKEN}});
			return app;
		};

		const first = launch(['--sync', String(syncId)]);
		await waitForRow(first, rowOf, runId, /working/);
		await first.waitForText(/\d+\/120 req\/min/);
		world.updateRun(runId, {current_step: LOAD});
		await waitForRow(first, rowOf, runId, /5\/7/);
		world.updateRun(runId, {status: 'failed', completed_at: ago(0), error_code: 'X', error_message: 'boom'});
		await waitForRow(first, rowOf, runId, /failed/);
		first.press('q');
		expect((await first.exited).exitCode).toBe(0);
		const saved = savedState(home);
		expect(saved.unseenFailures).toEqual([runId]);
		expect(saved.timelines[String(runId)]?.steps.map(step => step.step)).toEqual([UNLOAD, LOAD]);
		expect(saved.timelines[String(runId)]?.endedAt).not.toBeNull();

		const second = launch([]);
		expect(await waitForRow(second, rowOf, runId, /failed/)).toMatch(/[•*]/);
		second.press('\r');
		// The step seen before the restart keeps the time it was first seen ('23:59:58', or 'Dec 5 23:59' once
		// midnight has passed since).
		await second.waitForText(/4 Unload\s+(?:[A-Z][a-z]{2} \d{1,2} )?\d\d:\d\d/);
		second.press('q');
		expect((await second.exited).exitCode).toBe(0);
		expect(savedState(home).unseenFailures).toEqual([]);
		expect(savedState(home).timelines[String(runId)]?.steps.map(step => step.step)).toEqual([UNLOAD, LOAD]);
	});
});
