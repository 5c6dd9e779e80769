import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Simulator} from '../../source/simulator/server.js';
import {ago, e2eSession, settle, waitForRow} from '../helpers/e2e.js';
import {tempHome, type PtyApp} from '../helpers/pty.js';

// The actions issue's acceptance script in a real pseudo-terminal against the simulator (build first):
// cancel and trigger each send exactly one POST and show their outcome; --read-only sends none; the
// watch list, with the triggered run, survives a restart, and the token stays out of the state files.

const TOKEN = 'secret-token:actionse2e0123456789abcdef';

const session = e2eSession();

async function workspace() {
	const sim = await session.simulator({scenario: 'quiet', seed: 7, syncs: 0, history: 0, token: TOKEN});
	const {world} = sim;
	const syncId = world.addSync({label: 'Users → Salesforce Contacts'});
	const completed = world.addRun(syncId, {created_at: ago(10 * 60_000), completed_at: ago(9 * 60_000), status: 'completed'});
	const working = world.addRun(syncId, {
		created_at: ago(60_000),
		updated_at: ago(5000),
		completed_at: null,
		status: 'working',
		current_step: 'Loading data into destination service',
	});
	return {sim, syncId, completed, working};
}

const launch = (args: string[], home: string): PtyApp =>
	session.launch({args, home, columns: 120, rows: 30, env: {CENSUS_API_TOKEN: TOKEN}});

const posts = (sim: Simulator, route: 'trigger' | 'cancel') => sim.requests.filter(request => request.method === 'POST' && request.route === route);

/** A run's row: rows start with the selection mark or two spaces; the message line starts with a letter. */
const rowOf = (screen: string, id: number) => screen.split('\n').find(line => /^(› | {2})/.test(line) && new RegExp(`\\b${id}\\b`).test(line)) ?? '';


const filesUnder = (directory: string): string[] =>
	readdirSync(directory, {withFileTypes: true}).flatMap(entry =>
		entry.isDirectory() ? filesUnder(path.join(directory, entry.name)) : [path.join(directory, entry.name)],
	);

describe('actions in a real terminal', () => {
	it('c y cancels the working run and t y triggers exactly one run, which stays watched after a restart', async () => {
		const {sim, syncId, completed, working} = await workspace();
		const home = tempHome();
		const app = launch(['--base-url', sim.url, String(completed), String(working)], home);
		await app.waitForText(/working/, 30_000);
		await app.waitForText(String(completed));

		app.press('c');
		await app.waitForText(`Cancel run ${working} (working)? y/N`);
		app.press('y');
		await app.waitForText(`canceled run ${working}`);
		await waitForRow(app, rowOf, working, /canceled/);
		expect(posts(sim, 'cancel').map(request => request.path)).toEqual([`/sync_runs/${working}/cancel`]);

		app.press('t');
		await app.waitForText(`Trigger a run of sync ${syncId} (Users → Salesforce Contacts)? y/N`);
		app.press('y');
		const triggeredLine = await app.waitForText(/triggered run \d+ of sync/);
		const triggered = Number(/triggered run (\d+) of sync/.exec(triggeredLine)?.[1]);
		expect(sim.world.runIds(syncId)?.[0]).toBe(triggered);
		await app.waitForText(new RegExp(`^› .*\\b${triggered}\\b`, 'm'));
		await settle(1500);
		expect(posts(sim, 'trigger').map(request => request.path)).toEqual([`/syncs/${syncId}/trigger`]);
		expect(posts(sim, 'cancel')).toHaveLength(1);

		app.press('q');
		expect((await app.exited).exitCode).toBe(0);

		const again = launch(['--base-url', sim.url], home);
		const resumed = await again.waitForText(String(triggered), 30_000);
		expect(resumed).toContain(String(completed));
		expect(resumed).toContain(String(working));
		again.press('q');
		expect((await again.exited).exitCode).toBe(0);

		const stateFiles = filesUnder(path.join(home, 'state'));
		expect(stateFiles.length).toBeGreaterThan(0);
		for (const file of stateFiles) {
			const text = readFileSync(file, 'utf8');
			expect(text).not.toContain(TOKEN);
			expect(text).not.toContain('actionse2e0123456789abcdef');
		}
	}, 120_000);

	it('--read-only: t and c say so and send no POST', async () => {
		const {sim, working} = await workspace();
		const app = launch(['--read-only', '--base-url', sim.url, String(working)], tempHome());
		await app.waitForText(/working/, 30_000);
		await app.waitForText('t trigger (off: read-only)');

		app.press('t');
		await app.waitForText('read-only: trigger is disabled (--read-only)');
		app.press('y');
		app.press('c');
		await app.waitForText('read-only: cancel is disabled (--read-only)');
		app.press('y');
		app.press('T');
		await app.waitForText('read-only: full sync is disabled (--read-only)');
		app.press('Y');
		await settle(1500);
		expect(sim.requests.filter(request => request.method !== 'GET')).toEqual([]);
		expect(await waitForRow(app, rowOf, working, /working|stalled/, 0)).toMatch(/working|stalled/);

		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
	}, 90_000);
});
