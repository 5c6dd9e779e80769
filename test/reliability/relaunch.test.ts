import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type Simulator} from '../../source/simulator/server.js';
import {e2eSession} from '../helpers/e2e.js';
import {tempHome, type PtyApp} from '../helpers/pty.js';

// Crash safety of the built CLI in a real terminal: kill -9 and a relaunch with no arguments, a corrupt or
// unwritable state, and an unhandled rejection.

const TOKEN = 'secret-token:reliabilityrelaunch0123456789';

const session = e2eSession();

const launch = (home: string, args: string[], env: Record<string, string> = {}): PtyApp =>
	session.launch({args, home, columns: 140, rows: 24, env: {CENSUS_API_TOKEN: TOKEN, ...env}});

/** Two ended runs of one sync, from a workspace where nothing moves. */
async function quietRuns(): Promise<{sim: Simulator; ids: string[]}> {
	const sim = await session.simulator({port: 0, seed: 5, token: TOKEN, scenario: 'quiet', syncs: 2});
	const [first, second] = sim.world.runIds(sim.world.syncIds()[0]!)!;
	return {sim, ids: [String(first), String(second)]};
}

/** Every id on a row with data (its status word before it), not a waiting placeholder. */
const rowsOf = (ids: readonly string[]) => ({
	test: (screen: string) => ids.every(id => new RegExp(`(?:completed|failed|skipped|canceled)\\s+${id}\\b`).test(screen)),
});

const stateDirOf = (home: string): string => path.join(home, 'state', 'census-watch');

describe('kill -9 and relaunch', () => {
	it('keeps the watch list, including a run added just before the kill', async () => {
		const {sim, ids} = await quietRuns();
		const home = tempHome();
		const first = launch(home, ['--base-url', sim.url, ids[0]!]);
		await first.waitForText(rowsOf(ids.slice(0, 1)) as RegExp, 30_000);
		first.press('a');
		first.press(ids[1]!);
		first.press('\r');
		await first.waitForText(rowsOf(ids) as RegExp, 30_000);
		first.kill('SIGKILL');
		expect((await first.exited).signal).toBe(9);

		const second = launch(home, ['--base-url', sim.url]);
		const screen = await second.waitForText(rowsOf(ids) as RegExp, 30_000);
		expect(screen).not.toMatch(/unreadable|cannot be saved/);
		second.press('q');
		expect((await second.exited).exitCode).toBe(0);
	}, 90_000);
});

describe('a broken state', () => {
	it('a corrupt state file is moved aside with a notice, and the runs asked for are shown', async () => {
		const {sim, ids} = await quietRuns();
		const home = tempHome();
		mkdirSync(stateDirOf(home), {recursive: true});
		writeFileSync(path.join(stateDirOf(home), 'state.json'), '{"version": 1, "watch": {"runIds": [1, 2');
		const app = launch(home, ['--base-url', sim.url, ...ids]);
		const screen = await app.waitForText(rowsOf(ids) as RegExp, 30_000);
		expect(screen).toMatch(/saved watch list was unreadable; it was moved to/);
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
		const files = readdirSync(stateDirOf(home));
		expect(files.filter(name => name.startsWith('state.json.corrupt-'))).toHaveLength(1);
		expect(JSON.parse(readFileSync(path.join(stateDirOf(home), 'state.json'), 'utf8'))).toMatchObject({watch: {runIds: ids.map(Number)}});
	}, 60_000);

	it('an unwritable state directory gives a notice and the app runs without persistence', async () => {
		const {sim, ids} = await quietRuns();
		const home = tempHome();
		// Root ignores permission bits, so the directory is made impossible instead: a file holds its place.
		mkdirSync(path.join(home, 'state'), {recursive: true});
		writeFileSync(stateDirOf(home), 'not a directory');
		const app = launch(home, ['--base-url', sim.url, ...ids]);
		const screen = await app.waitForText(rowsOf(ids) as RegExp, 30_000);
		expect(screen).toMatch(/watch list cannot be saved \(E[A-Z]+\); changes will not outlast this session/);
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
	}, 60_000);
});

describe('an unhandled rejection', () => {
	it('restores the terminal and prints one line naming the log, with the token redacted', async () => {
		const {sim} = await quietRuns();
		const home = tempHome();
		// Planted through Node's own --import, so that the product carries no test hook.
		const bug = path.join(home, 'bug.mjs');
		writeFileSync(bug, 'setTimeout(() => { void Promise.reject(new Error(`lost ${process.env.CENSUS_API_TOKEN}`)); }, 1500);\n');
		const app = session.launch({args: ['--base-url', sim.url], home, columns: 300, rows: 20, env: {CENSUS_API_TOKEN: TOKEN, NODE_OPTIONS: `--import=${bug}`}});
		await app.waitForText('census-watch', 30_000);
		expect((await app.exited).exitCode).toBe(70);
		expect(app.isAlternateScreen()).toBe(false);
		const logFile = path.join(stateDirOf(home), 'census-watch.log');
		const screen = (await app.screen()).filter(line => line.trim() !== '');
		expect(screen).toEqual([`census-watch: internal error: lost [redacted] (details in ${logFile})`]);
		const log = readFileSync(logFile, 'utf8');
		expect(log).toMatch(/Error: lost \[redacted\]\n\s+at /);
		expect(log).not.toContain('reliabilityrelaunch');
	}, 60_000);
});
