import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {binPath, cleanEnv, repoRoot, tempHome} from '../helpers/pty.js';
import {ago, e2eSession} from '../helpers/e2e.js';

// API v2 through the built CLI (`npm run build` first) against the simulator, which serves one world at
// /api/v1 (workspace tokens) and /api/v2 (personal access tokens): with no flag beyond --base-url and
// the token, the header says v2, a PAT's requests and actions go to /api/v2, --once --json keeps v2's own
// fields, v1 warns of its retirement once, and doctor reports and exits as documented.

const WORKSPACE_TOKEN = 'secret-token:apiv2e2e0123456789abcdef';
const PAT = 'pat-apiv2e2e-9f8e7d6c5b4a';

const session = e2eSession();

async function workspace(options: {v1Retired?: '410'} = {}) {
	const sim = await session.simulator({scenario: 'quiet', seed: 7, syncs: 0, history: 0, token: WORKSPACE_TOKEN, pat: PAT, ...options});
	const syncId = sim.world.addSync({label: 'Users → Salesforce Contacts'});
	const working = sim.world.addRun(syncId, {
		created_at: ago(60_000),
		updated_at: ago(5000),
		completed_at: null,
		status: 'working',
		current_step: 'Loading data into destination service',
	});
	// The origin only: neither /api/v1 nor /api/v2, so the version is auto's to find.
	return {sim, syncId, working, origin: new URL(sim.url).origin};
}

type Result = {code: number | null; stdout: string; stderr: string};

const run = async (args: string[], env: Record<string, string>, home = tempHome()): Promise<Result> =>
	new Promise(resolve => {
		const child = execFile(process.execPath, [binPath, ...args], {cwd: repoRoot, env: cleanEnv(home, env), timeout: 20_000}, (error, stdout, stderr) => {
			resolve({code: child.exitCode ?? (error && 'code' in error && typeof error.code === 'number' ? error.code : null), stdout, stderr});
		});
	});

const lines = (text: string): string[] => text.split('\n').filter(line => line !== '');
const RETIREMENT = /Census API v1 retires on 2027-01-15: create an Activations personal access token .* --api v2/;

describe('API v2, end to end', () => {
	it('the TUI finds v2 for a PAT by itself, says so in the header, and cancels on /api/v2', async () => {
		const {sim, working, origin} = await workspace();
		const home = tempHome();
		const app = session.launch({args: ['--base-url', origin, String(working)], home, columns: 120, rows: 30, env: {CENSUS_API_TOKEN: PAT}});
		const screen = await app.waitForText(/working/, 30_000);
		expect(screen.split('\n')[0]).toMatch(/census-watch · local 127\.0\.0\.1:\d+ · v2\b/);
		expect(screen).not.toContain('retires on');

		app.press('c');
		await app.waitForText(`Cancel run ${working} (working)? y/N`);
		app.press('y');
		await app.waitForText(`canceled run ${working}`);
		const posts = sim.requests.filter(request => request.method === 'POST');
		expect(posts.map(request => [request.version, request.path])).toEqual([['v2', `/sync_runs/${working}/cancel`]]);
		expect(sim.requests.filter(request => request.version === 'v1')).toHaveLength(0);
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
		expect(JSON.parse(readFileSync(path.join(home, 'state', 'census-watch', 'api-version.json'), 'utf8'))).toEqual({version: 1, hosts: {[origin]: 'v2'}});
	}, 90_000);

	it('--demo runs on v2', async () => {
		const app = session.launch({args: ['--demo'], columns: 120, rows: 30});
		const screen = await app.waitForText(/^census-watch · DEMO \(nothing saved\) · v2\b/m, 30_000);
		expect(screen).not.toContain('retires on');
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
	}, 60_000);

	it('on v1 the TUI shows the retirement warning on its notice line, from 2026-12-01', async () => {
		const {working, origin} = await workspace();
		const env = {CENSUS_API_TOKEN: WORKSPACE_TOKEN, CENSUS_WATCH_NOW: '2026-12-06T09:00:00Z'};
		const app = session.launch({args: ['--base-url', origin, String(working)], columns: 200, rows: 30, env});
		const screen = await app.waitForText('retires on 2027-01-15', 30_000);
		expect(screen.split('\n')[0]).toMatch(/ · v1\b/);
		expect(screen).toMatch(/working/);
		app.press('q');
		await app.exited;
	}, 90_000);

	it('--once --json on v2 keeps the fields v1 never had, and the group in derived', async () => {
		const {sim, working, origin} = await workspace();
		const result = await run(['--once', '--json', '--base-url', origin, String(working)], {CENSUS_API_TOKEN: PAT, CENSUS_WATCH_NOW: '2026-12-06T09:00:00Z'});
		expect(result.stderr).toBe('');
		const [item] = JSON.parse(result.stdout) as Array<{run: Record<string, unknown>; derived: Record<string, unknown>}>;
		expect(item?.run).toHaveProperty('activation_id');
		expect(typeof item?.run['group_id']).toBe('string');
		expect(item?.derived['group_id']).toBe(item?.run['group_id']);
		// auto's one probe (a PAT works on v2: v1 is never asked), then the look itself.
		expect(sim.requests[0]).toMatchObject({version: 'v2', path: '/syncs', query: {per_page: '1'}});
		expect(sim.requests.filter(request => request.version !== 'v2')).toEqual([]);
	}, 30_000);

	it('--once on v1 warns of the retirement once on stderr after 2026-12-01, and not before', async () => {
		const {working, sim} = await workspace();
		const after = await run(['--once', '--base-url', sim.url, String(working)], {CENSUS_API_TOKEN: WORKSPACE_TOKEN, CENSUS_WATCH_NOW: '2026-12-01T00:00:00Z'});
		expect(lines(after.stderr).filter(line => RETIREMENT.test(line))).toHaveLength(1);
		expect(lines(after.stderr)[0]).toMatch(/^census-watch: warning: Census API v1 retires on 2027-01-15/);
		const before = await run(['--once', '--base-url', sim.url, String(working)], {CENSUS_API_TOKEN: WORKSPACE_TOKEN, CENSUS_WATCH_NOW: '2026-11-30T23:59:00Z'});
		expect(before.stderr).toBe('');
	}, 30_000);

	it('doctor: exit 0 for a PAT with both versions reported, 3 for v1 retired (410), never the token', async () => {
		const {origin} = await workspace();
		const ok = await run(['doctor', '--base-url', origin], {CENSUS_API_TOKEN: PAT});
		expect(ok.code).toBe(0);
		expect(ok.stdout).toContain('verdict: v2 works for watching');
		expect(ok.stdout).toContain('verdict: v1 rejects this token');
		expect(ok.stdout + ok.stderr).not.toContain(PAT);

		const retired = await workspace({v1Retired: '410'});
		const gone = await run(['doctor', '--json', '--base-url', `${retired.origin}/api/v1`], {CENSUS_API_TOKEN: WORKSPACE_TOKEN});
		expect(gone.code).toBe(3);
		const report = JSON.parse(gone.stdout) as {exit_code: number; versions: Array<{version: string; verdict: string}>};
		expect(report.versions).toEqual([expect.objectContaining({version: 'v1', verdict: 'retired'})]);
		expect(gone.stdout + gone.stderr).not.toContain('apiv2e2e0123456789abcdef');
		expect(retired.sim.requests.every(request => request.method === 'GET')).toBe(true);
	}, 60_000);
});
