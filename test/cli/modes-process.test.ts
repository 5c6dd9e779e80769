import {describe, expect, it} from 'vitest';
import {launchCli, lines, type CliProcess} from '../helpers/cli-process.js';
import {runJson as apiRun, syncJson} from '../helpers/builders.js';
import {serverPerTest, success} from '../census/helpers.js';
import {runAnswers, TOKEN, withoutTime} from './modes-fixture.js';

// Each mode once through the built CLI (`npm run build` first), with stdout and stderr as pipes, against
// the scripted Census stand-in: what a script or a CI job sees.

const launch = (args: string[], env: Record<string, string | undefined> = {}): CliProcess => launchCli(args, {CENSUS_API_TOKEN: TOKEN, ...env});

const server = serverPerTest(started => {
	started.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Users → Salesforce'})));
});

const working = (id: number) => apiRun({id, status: 'working'});
const failed = (id: number) => apiRun({id, status: 'failed', current_step: 'Running Sync', completed_at: '2021-10-20T02:55:07.546Z'});

describe('the built CLI, non-interactive', () => {
	it('--once --json prints the run exactly as the API gave it and exits 0 when it has ended', async () => {
		const data = apiRun({id: 7, status: 'completed', error_detail: 'a\u009bb\u202ec', records_processed: 1e12});
		server.on('GET', '/sync_runs/7', success(data));
		const child = launch(['--once', '--json', '--base-url', server.baseUrl, '7']);
		expect(await child.code).toBe(0);
		const [item] = JSON.parse(child.stdout()) as Array<{run: unknown; derived: {phase: string}}>;
		expect(item?.run).toEqual(data);
		expect(item?.derived.phase).toBe('completed');
		expect(child.stderr()).toBe('');
	});

	it('--once prints a table and exits 5 while a run is still going', async () => {
		server.on('GET', '/sync_runs/8', success(working(8)));
		const child = launch(['--once', '--base-url', server.baseUrl, '8']);
		expect(await child.code).toBe(5);
		expect(lines(child.stdout())[1]).toMatch(/^working +8 {2}Users → Salesforce #52 {2}4\/7 Unload/);
	});

	it('--exit-status exits 1 soon after the watched run fails', async () => {
		server.on('GET', '/sync_runs/9', ...runAnswers(working(9), failed(9)));
		const child = launch(['--exit-status', '--interval', '1', '--base-url', server.baseUrl, '9']);
		expect(await child.code).toBe(1);
		expect(lines(child.stdout()).map(withoutTime)).toEqual([
			'run 9 Users → Salesforce (sync 52): working, step 4/7 Unloading data from warehouse, 14 records to send',
			'run 9 Users → Salesforce (sync 52): failed after 4m 00s, 14 records to send',
		]);
		expect(lines(child.stderr())).toEqual(['census-watch: 1 of 1 watched run did not complete: run 9 failed']);
	});

	it('--exit-status --timeout exits 5 while the run is still going', async () => {
		server.on('GET', '/sync_runs/9', success(working(9)));
		const child = launch(['--exit-status', '--timeout', '2s', '--base-url', server.baseUrl, '9']);
		expect(await child.code).toBe(5);
		expect(child.stderr()).toMatch(/^census-watch: timed out after \ds with 1 of 1 watched run still running: 9\n$/);
	});

	it('--exit-status with a wrong token exits 3 and says the API rejected it', async () => {
		server.on('GET', '/sync_runs/9', {status: 401, body: {status: 'error', message: 'Unauthorized'}});
		const child = launch(['--exit-status', '--base-url', server.baseUrl, '9'], {CENSUS_API_TOKEN: 'wrong'});
		expect(await child.code).toBe(3);
		expect(lines(child.stderr())).toEqual(['census-watch: the Census API rejected the token (401 Unauthorized)']);
	});

	it('into a pipe, prints a plain line per change and ends by itself when every run has ended', async () => {
		server.on('GET', '/sync_runs/9', ...runAnswers(working(9), failed(9)));
		const child = launch(['--interval', '1', '--base-url', server.baseUrl, '9']);
		expect(await child.code).toBe(0);
		// The sync's label is asked for after the run itself, so the very first line may be without it.
		expect(lines(child.stdout()).map(line => withoutTime(line).replace('run 9 (sync 52)', 'run 9 Users → Salesforce (sync 52)'))).toEqual([
			'run 9 Users → Salesforce (sync 52): working, step 4/7 Unloading data from warehouse, 14 records to send',
			'run 9 Users → Salesforce (sync 52): failed after 4m 00s, 14 records to send',
		]);
		expect(child.stderr()).toBe('');
	});

	it('into a pipe, ends cleanly on SIGTERM while a run is still going', async () => {
		server.on('GET', '/sync_runs/9', success(working(9)));
		const child = launch(['--base-url', server.baseUrl, '9']);
		await expect.poll(() => child.stdout(), {timeout: 10_000}).toContain('working');
		child.kill('SIGTERM');
		expect(await child.code).toBe(0);
		expect(child.stdout() + child.stderr()).not.toContain(TOKEN);
	});
});
