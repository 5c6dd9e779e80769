import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {binPath, cleanEnv, repoRoot, tempHome} from '../helpers/pty.js';
import {runJson, syncJson} from '../helpers/builders.js';
import {serverPerTest, success} from '../census/helpers.js';

// The modes' first look goes through a client that keeps its own retries: one dropped connection at
// launch is retried, not an exit 4 (the poller's client retries nothing inside a call; the scheduler
// does). Through the built CLI (`npm run build` first).

const TOKEN = 'secret-token:first-look-7c1d';

async function run(args: string[]): Promise<{code: number | null; stderr: string}> {
	const child = spawn(process.execPath, [binPath, ...args], {
		cwd: repoRoot,
		env: cleanEnv(tempHome(), {CENSUS_API_TOKEN: TOKEN}),
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	const code = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	clearTimeout(timer);
	return {code, stderr};
}

const server = serverPerTest(started => {
	started.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Users → Salesforce'})));
});

const completed = runJson({id: 7, status: 'completed', completed_at: '2021-10-20T02:55:07.546Z', current_step: 'Running Sync'});

describe('the first look of the non-interactive modes', () => {
	it('--exit-status rides out one dropped connection at launch and exits 0', async () => {
		server.on('GET', '/sync_runs/7', {destroy: true}, success(completed));
		const {code, stderr} = await run(['--exit-status', '--base-url', server.baseUrl, '7']);
		expect(stderr).not.toContain(TOKEN);
		expect(code).toBe(0);
		expect(server.hitsOf('GET', '/sync_runs/7').length).toBeGreaterThanOrEqual(2);
	}, 30_000);

	it('--once does too', async () => {
		server.on('GET', '/sync_runs/7', {destroy: true}, success(completed));
		const {code} = await run(['--once', '--base-url', server.baseUrl, '7']);
		expect(code).toBe(0);
		expect(server.hitsOf('GET', '/sync_runs/7')).toHaveLength(2);
	}, 30_000);
});
