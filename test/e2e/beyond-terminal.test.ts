import xterm from '@xterm/headless';
import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {spawnApp, type PtyApp} from '../helpers/pty.js';

// Focus, title and SSH mode through the built CLI in a real pseudo-terminal. Two copies watch the same
// simulated workspace side by side, one with SSH_CONNECTION set: the SSH one must not animate, must cost
// less than half the bytes, and must still keep the title (with the failed count) and the away digest.

const ESC = '\u001B';
const FOCUS_OUT = `${ESC}[O`;
const FOCUS_IN = `${ESC}[I`;
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
/** Longer than the 30 s an absence needs before it earns a digest. */
const WINDOW_MS = 35_000;

const apps: PtyApp[] = [];
const simulators: Simulator[] = [];

afterEach(async () => {
	for (const app of apps.splice(0)) app.kill('SIGKILL');
	await Promise.all(simulators.splice(0).map(async simulator => simulator.close()));
});

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The workspace's newest runs, several of them working. */
const newestRunIds = (sim: Simulator, count: number): number[] =>
	sim.world
		.syncIds()
		.flatMap(syncId => sim.world.runIds(syncId) ?? [])
		.sort((a, b) => b - a)
		.slice(0, count);

/** Every OSC 2 title in `bytes`, in order. */
const titlesIn = (bytes: string): string[] => [...bytes.matchAll(/\u001B\]2;([^\u0007]*)\u0007/g)].map(match => match[1] ?? '');

/** Failed runs in the header line, written as words ('2 failed') or, when short of room, as a glyph ('✗2'). */
const headerFailed = (screen: string[]): number => Number(/(\d+) failed|✗(\d+)/.exec(screen[0] ?? '')?.slice(1).find(Boolean) ?? 0);

/** Failed runs in a title such as 'census-watch ✗2 ⟳5'. */
const titleFailed = (title: string): number => Number(/^census-watch .*✗(\d+)/.exec(title)?.[1] ?? 0);

/** The title a terminal shows after `bytes`, when it showed `before` until then (title stack included). */
async function titleAfter(before: string, bytes: string): Promise<string> {
	// xterm.js keeps a title stack only when asked to, as xterm and most terminals do by default.
	const terminal = new xterm.Terminal({cols: 120, rows: 40, allowProposedApi: true, windowOptions: {pushTitle: true, popTitle: true}});
	let title = '';
	terminal.onTitleChange(text => {
		title = text;
	});
	await new Promise<void>(resolve => {
		terminal.write(`${ESC}]2;${before}\u0007${bytes}`, resolve);
	});
	terminal.dispose();
	return title;
}

describe('focus, title and SSH mode in a real terminal', () => {
	it('over SSH: no animation, under half the bytes, the failed count in the title, a digest after an absence, the title restored', async () => {
		// Long runs and no new ones: the screen keeps its working runs for the whole test.
		const sim = await startSimulator({scenario: 'demo', seed: 1, syncs: 12, workingAtStart: 6, runDurationMs: [10 * 60_000, 20 * 60_000], schedulesPaused: true});
		simulators.push(sim);
		const watched = newestRunIds(sim, 10);
		const working = watched.filter(id => sim.world.getRun(id)?.status === 'working');
		expect(working.length).toBeGreaterThanOrEqual(3);
		// The same runs on the same screen in both copies: watched by id, so no row moves as answers come in.
		const args = ['--base-url', sim.url, ...watched.map(String)];
		const ssh = spawnApp({args, env: {CENSUS_API_TOKEN: 'token-ssh', SSH_CONNECTION: '203.0.113.9 51234 192.0.2.1 22'}});
		const local = spawnApp({args, env: {CENSUS_API_TOKEN: 'token-local'}});
		apps.push(ssh, local);
		await Promise.all([ssh.waitForText(/working/, 30_000), local.waitForText(/working/, 30_000)]);
		expect(ssh.output()).toContain(`${ESC}[?1004h`);

		ssh.press(FOCUS_OUT);
		await sleep(3000);
		// Fail a run that is working now, while the SSH copy's terminal is out of focus.
		const victim = working.find(id => sim.world.getRun(id)?.status === 'working');
		expect(victim).toBeDefined();
		const now = new Date(sim.clock.now()).toISOString();
		sim.world.updateRun(victim!, {status: 'failed', error_code: 'JSON_ARRAY_ERROR', completed_at: now, updated_at: now});
		await sleep(WINDOW_MS - 3000);

		const sshBytes = ssh.bytes();
		const localBytes = local.bytes();
		expect(sshBytes).toBeLessThan(localBytes / 2);
		const sshScreen = await ssh.screenText();
		expect(sshScreen).toMatch(/working/);
		expect(ssh.output()).not.toMatch(SPINNER);
		// The measure can fail: the local copy animates.
		expect(local.output()).toMatch(SPINNER);

		// The title carries the header's failed count; the header trails the store by up to a second, so both
		// are read until they agree.
		let counts = {header: -1, title: -2};
		for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(200)) {
			counts = {header: headerFailed(await ssh.screen()), title: titleFailed(titlesIn(ssh.output()).at(-1) ?? '')};
			if (counts.header === counts.title) break;
		}

		expect(counts.title).toBeGreaterThan(0);
		expect(counts.title).toBe(counts.header);

		ssh.press(FOCUS_IN);
		const digest = await ssh.waitForText(/While you were away \((\d+s|\d+m)\)/, 10_000);
		expect(digest).toMatch(new RegExp(`run ${victim} .* failed \\(JSON_ARRAY_ERROR\\)`));
		expect(digest).not.toContain('[I');
		expect(digest).not.toContain('[O');
		ssh.press('j');
		await expect.poll(async () => (await ssh.screenText()).includes('While you were away'), {timeout: 10_000}).toBe(false);

		ssh.press('q');
		local.press('q');
		expect((await ssh.exited).exitCode).toBe(0);
		expect((await local.exited).exitCode).toBe(0);
		const bytes = ssh.output();
		expect(bytes.lastIndexOf(`${ESC}[?1004l`)).toBeGreaterThan(bytes.lastIndexOf(`${ESC}[?1004h`));
		expect(titlesIn(bytes).some(title => /^census-watch ✗\d+/.test(title))).toBe(true);
		expect(await titleAfter('user shell', bytes)).toBe('user shell');
		console.log(`bytes in ${WINDOW_MS / 1000} s and the start-up: ${sshBytes} over SSH, ${localBytes} without`);
	}, 120_000);
});
