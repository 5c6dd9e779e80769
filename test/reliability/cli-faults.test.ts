import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {CRASH_MARKER_NAME} from '../../source/cli/crash-marker.js';
import {launchCli, lines, type CliProcess} from '../helpers/cli-process.js';
import {spawnApp, tempHome, type PtyApp} from '../helpers/pty.js';
import {startHostileServer, type HostileServer} from './hostile-server.js';

// The built CLI (`npm run build` first) against the hostile server: a body that stalls, a poison answer
// and a crash marker, in the non-interactive modes (pipes) and in the TUI (a pty).

const STALLED = 5;
const HEALTHY = 6;
const DEEP = 7;
const TOKEN = 'secret-token:hostile-cli-0123456789';

let server: HostileServer | undefined;
const apps: PtyApp[] = [];

afterEach(async () => {
	for (const app of apps.splice(0)) app.kill('SIGKILL');
	await server?.close();
	server = undefined;
});

async function hostile(): Promise<HostileServer> {
	server = await startHostileServer({token: TOKEN, runs: [STALLED, HEALTHY, DEEP].map(id => ({id, syncId: 52}))});
	return server;
}

const launch = (args: string[], home?: string): CliProcess => launchCli(args, {CENSUS_API_TOKEN: TOKEN}, home);

describe('a body that stalls, in every mode', () => {
	it('--exit-status --timeout ends at its timeout with "still running"', async () => {
		const api = await hostile();
		api.setFault(`/sync_runs/${STALLED}`, {kind: 'stall-body'});
		const child = launch(['--exit-status', '--timeout', '2s', '--base-url', api.url, String(STALLED)]);
		expect(await child.code).toBe(5);
		expect(lines(child.stderr())).toEqual(['census-watch: timed out after 2s before the Census API answered']);
	});

	it('--once ends on SIGTERM', async () => {
		const api = await hostile();
		api.setFault(`/sync_runs/${STALLED}`, {kind: 'trickle', everyMs: 200});
		const child = launch(['--once', '--base-url', api.url, String(STALLED), String(HEALTHY)]);
		await expect.poll(() => api.hitsTo(`/sync_runs/${STALLED}`), {timeout: 10_000}).toBe(1);
		child.kill('SIGTERM');
		expect(await child.code).toBe(5);
		await expect.poll(() => api.abandoned()).toBeGreaterThanOrEqual(1);
	});

	it('plain lines end on SIGTERM', async () => {
		const api = await hostile();
		api.setFault(`/sync_runs/${STALLED}`, {kind: 'stall-body'});
		const child = launch(['--interval', '1', '--base-url', api.url, String(STALLED)]);
		await expect.poll(() => api.hitsTo(`/sync_runs/${STALLED}`), {timeout: 10_000}).toBe(1);
		child.kill('SIGTERM');
		expect(await child.code).toBe(0);
	});

	it('the TUI quits with q and with SIGTERM while a request hangs', async () => {
		const api = await hostile();
		api.setFault(`/sync_runs/${STALLED}`, {kind: 'stall-body'});
		for (const stop of ['q', 'SIGTERM'] as const) {
			const app = spawnApp({env: {CENSUS_API_TOKEN: TOKEN}, args: ['--base-url', api.url, String(STALLED), String(HEALTHY)]});
			apps.push(app);
			await app.waitForText(String(HEALTHY));
			const before = api.hitsTo(`/sync_runs/${STALLED}`);
			await expect.poll(() => api.hitsTo(`/sync_runs/${STALLED}`), {timeout: 10_000}).toBeGreaterThanOrEqual(Math.max(1, before));
			if (stop === 'q') app.press('q');
			else app.kill('SIGTERM');
			await app.exited;
			expect(app.isAlternateScreen()).toBe(false);
		}
	});
});

describe('a poison answer (5,000 levels of nesting in one field)', () => {
	it('--once --json prints it, cut to a bounded depth', async () => {
		const api = await hostile();
		api.poison(DEEP, 5000);
		const child = launch(['--once', '--json', '--base-url', api.url, String(DEEP), String(HEALTHY)]);
		expect(await child.code).toBe(5);
		const printed = JSON.parse(child.stdout()) as Array<{run: {id: number; nested: unknown}}>;
		expect(printed.map(item => item.run.id)).toEqual([DEEP, HEALTHY]);
		expect(JSON.stringify(printed[0]?.run.nested)).toContain('nested too deep');
	});

	it('neither crashes the TUI nor its next start', async () => {
		const api = await hostile();
		api.poison(DEEP, 5000);
		const home = tempHome();
		for (let start = 0; start < 2; start++) {
			// The second start resumes the saved watch list, which holds the poison run.
			const app = spawnApp({home, env: {CENSUS_API_TOKEN: TOKEN}, args: start === 0 ? ['--interval', '1', '--base-url', api.url, String(DEEP), String(HEALTHY)] : ['--interval', '1', '--base-url', api.url]});
			apps.push(app);
			const seen = api.hits.length;
			// Answers taken in after the first: polls that compare the run with the one before.
			await expect.poll(() => api.hits.length, {timeout: 15_000}).toBeGreaterThanOrEqual(seen + 4);
			await app.waitForText(String(DEEP));
			app.press('q');
			expect((await app.exited).exitCode).toBe(0);
			expect(app.output()).not.toContain('internal error');
		}
	});
});

describe('a crash while a run was being taken in', () => {
	it('is named at the next start, which leaves that run out and goes on', async () => {
		const api = await hostile();
		const home = tempHome();
		const dir = path.join(home, 'state', 'census-watch');
		mkdirSync(dir, {recursive: true, mode: 0o700});
		writeFileSync(path.join(dir, CRASH_MARKER_NAME), JSON.stringify({runId: DEEP, reason: 'RangeError: Maximum call stack size exceeded', at: 0}));
		const child = launch(['--once', '--base-url', api.url, String(DEEP), String(HEALTHY)], home);
		expect(await child.code).toBe(5);
		expect(lines(child.stderr())).toEqual([
			`census-watch: warning: census-watch stopped with an internal error while taking in run ${DEEP} (RangeError: Maximum call stack size exceeded); that run is left out: press a and enter ${DEEP} to watch it again.`,
		]);
		expect(child.stdout()).toContain(String(HEALTHY));
		expect(api.hitsTo(`/sync_runs/${DEEP}`)).toBe(0);
		expect(existsSync(path.join(dir, CRASH_MARKER_NAME))).toBe(false);
	});
});
