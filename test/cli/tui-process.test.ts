import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import pty from 'node-pty';
import {binPath, cleanEnv, keys, repoRoot, spawnApp, tempHome, type PtyApp} from '../helpers/pty.js';

// The built CLI in a real pseudo-terminal, read back through a headless xterm: what a person sees.

const TOKEN = 'secret-token:tuiprocesstest0123456789';
const RUN_ROW = /^\W{0,6}(?:working|completed|failed|skipped|queued|canceled)\s+(\d{3,})\b/;
// Spinner frames change every tick; a change of anything else is a change of data or time.
const withoutSpinners = (screen: string) => screen.replaceAll(/[\u2800-\u28ff]/g, '*');

const apps: PtyApp[] = [];
const simulators: Simulator[] = [];

const launch = (options: Parameters<typeof spawnApp>[0]) => {
	const app = spawnApp(options);
	apps.push(app);
	return app;
};

afterEach(async () => {
	for (const app of apps.splice(0)) app.kill('SIGKILL');
	await Promise.all(simulators.splice(0).map(async simulator => simulator.close()));
});

const runRows = (screen: string) => screen.split('\n').filter(line => RUN_ROW.test(line));

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last:\n${String(value)}`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

const filesUnder = (dir: string): string[] =>
	readdirSync(dir).flatMap(name => {
		const file = path.join(dir, name);
		return statSync(file).isDirectory() ? filesUnder(file) : [file];
	});

// Each test starts one or two real processes; on a loaded 2-core machine a start alone can take seconds.
describe('the TUI of the built CLI', {timeout: 45_000}, () => {
	it('--demo at 80x24 with no token says DEMO, shows at least three runs, and changes by itself', async () => {
		const app = launch({args: ['--demo'], columns: 80, rows: 24});
		await app.waitForText('DEMO');
		const first = await pollUntil(app.screenText, screen => runRows(screen).length >= 3, 15_000, 'three runs');
		expect(app.isAlternateScreen()).toBe(true);
		await pollUntil(app.screenText, screen => withoutSpinners(screen) !== withoutSpinners(first), 15_000, 'a change');
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
		expect(app.isAlternateScreen()).toBe(false);
	});

	it('quits on Ctrl+C with exit 0 and the terminal restored', async () => {
		const app = launch({args: ['--demo'], columns: 80, rows: 24});
		await app.waitForText('DEMO');
		app.press(keys.ctrlC);
		expect((await app.exited).exitCode).toBe(0);
		expect(app.isAlternateScreen()).toBe(false);
	});

	it('still renders when stdin is not a terminal, and a signal still restores the screen', async () => {
		const child = pty.spawn('/bin/sh', ['-c', `exec "${process.execPath}" "${binPath}" --demo </dev/null`], {
			cols: 80,
			rows: 24,
			cwd: repoRoot,
			env: cleanEnv(tempHome()),
			name: 'xterm-256color',
		});
		let output = '';
		child.onData(data => {
			output += data;
		});
		const exited = new Promise<void>(resolve => {
			child.onExit(() => resolve());
		});
		try {
			await pollUntil(async () => output, text => text.includes('DEMO') && /(?:working|completed|failed)\s+\d{3,}/.test(text), 15_000, 'the demo');
			child.kill('SIGTERM');
			await exited;
			expect(output).not.toContain('Raw mode');
			expect(output).toMatch(/\u001B\[\?1049l[^]*$/);
		} finally {
			child.kill('SIGKILL');
		}
	});

	it('on an internal error restores the terminal, prints one line, logs the stack without the token, exits 70', async () => {
		// The bug is planted through Node's own --import, so the product carries no test hook.
		const home = tempHome();
		const bug = path.join(home, 'bug.mjs');
		writeFileSync(bug, 'setTimeout(() => { throw new Error(`boom ${process.env.CENSUS_API_TOKEN}`); }, 1500);\n');
		const app = launch({
			args: ['--base-url', 'http://127.0.0.1:9/api/v1'],
			// Wide enough that the line (with a temp path in it) does not wrap.
			columns: 300,
			rows: 20,
			home,
			env: {CENSUS_API_TOKEN: TOKEN, NODE_OPTIONS: `--import=${bug}`},
		});
		await app.waitForText('census-watch');
		expect((await app.exited).exitCode).toBe(70);
		expect(app.isAlternateScreen()).toBe(false);
		const logFile = path.join(home, 'state', 'census-watch', 'census-watch.log');
		const screen = (await app.screen()).filter(line => line.trim() !== '');
		expect(screen).toEqual([`census-watch: internal error: boom [redacted] (details in ${logFile})`]);
		const log = readFileSync(logFile, 'utf8');
		expect(log).toContain('Error: boom [redacted]');
		expect(log).toMatch(/\n\s+at /);
		expect(log).not.toContain('tuiprocesstest');
	});

	it.each(['SIGTERM', 'SIGHUP'])('restores the terminal on %s', async signal => {
		const app = launch({args: ['--demo'], columns: 80, rows: 24});
		await app.waitForText('DEMO');
		expect(app.isAlternateScreen()).toBe(true);
		app.kill(signal);
		await app.exited;
		expect(app.isAlternateScreen()).toBe(false);
		expect(app.output()).toMatch(/\u001B\[\?25h\u001B\[\?1049l[^]*$/);
	});

	it('resumes the same runs after quit and relaunch, and keeps the token out of the state directory', async () => {
		const simulator = await startSimulator({port: 0, seed: 7, token: TOKEN, scenario: 'quiet'});
		simulators.push(simulator);
		const syncId = simulator.world.syncIds()[0]!;
		const [newest, second] = simulator.world.runIds(syncId)!;
		const ids = [String(newest), String(second)];
		const home = tempHome();
		const env = {CENSUS_API_TOKEN: TOKEN};

		const firstRun = launch({args: [...ids, '--base-url', simulator.url], env, home, columns: 100, rows: 20});
		await pollUntil(firstRun.screenText, screen => ids.every(id => new RegExp(`\\b${id}\\b`).test(screen)), 15_000, 'both runs');
		firstRun.press('q');
		expect((await firstRun.exited).exitCode).toBe(0);

		const secondRun = launch({args: ['--base-url', simulator.url], env, home, columns: 100, rows: 20});
		const screen = await pollUntil(secondRun.screenText, text => runRows(text).length >= 2, 15_000, 'the resumed runs');
		expect(runRows(screen).map(line => RUN_ROW.exec(line)?.[1]).sort()).toEqual([...ids].sort());
		secondRun.press('q');
		expect((await secondRun.exited).exitCode).toBe(0);

		const stateFiles = filesUnder(path.join(home, 'state'));
		expect(stateFiles.map(file => path.basename(file))).toContain('state.json');
		for (const file of stateFiles) {
			const text = readFileSync(file, 'utf8');
			expect(text).not.toContain(TOKEN);
			expect(text).not.toContain('tuiprocesstest');
		}
	});

	it('keeps a token given with --token out of the process title', async () => {
		const simulator = await startSimulator({port: 0, seed: 7, token: TOKEN, scenario: 'quiet'});
		simulators.push(simulator);
		const app = launch({args: ['--token', TOKEN, '--base-url', simulator.url], columns: 100, rows: 20});
		await pollUntil(app.screenText, screen => runRows(screen).length >= 1, 15_000, 'a run');
		const commandLine = readFileSync(`/proc/${app.pid}/cmdline`, 'utf8');
		expect(commandLine).not.toContain('tuiprocesstest');
		expect(commandLine.replaceAll('\0', ' ').trim()).toBe('census-watch');
		app.press('q');
		await app.exited;
	});

	// chalk turns colour off whenever CI is in the environment, even CI=false: take it out entirely.
	const COLOUR = /\u001B\[(?:3[0-7]|9[0-7]|38;)/;

	it('shows no colour with NO_COLOR set', async () => {
		const app = launch({args: ['--demo'], columns: 80, rows: 24, env: {NO_COLOR: '1', CI: undefined}});
		await pollUntil(app.screenText, screen => runRows(screen).length >= 3, 15_000, 'runs');
		app.press('q');
		await app.exited;
		expect(app.output()).not.toMatch(COLOUR);
	});

	it('shows colour without NO_COLOR', async () => {
		const app = launch({args: ['--demo'], columns: 80, rows: 24, env: {NO_COLOR: undefined, CI: undefined}});
		await pollUntil(app.screenText, screen => runRows(screen).length >= 3, 15_000, 'runs');
		app.press('q');
		await app.exited;
		expect(app.output()).toMatch(COLOUR);
	});
});
