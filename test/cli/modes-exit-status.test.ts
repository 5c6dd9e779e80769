import {describe, expect, it} from 'vitest';
import {parseSyncRun} from '../../source/census/parse.js';
import {createCensusClient} from '../../source/census/client.js';
import {EXIT_INCOMPLETE, EXIT_OK, EXIT_RUN_NOT_COMPLETED, EXIT_TIMEOUT, EXIT_TOKEN_REJECTED} from '../../source/cli/exit-codes.js';
import {pinTargets, runExitStatus, summaryLine} from '../../source/cli/modes/exit-status.js';
import type {Snapshot} from '../../source/cli/modes/snapshot.js';
import {summarizeVerdicts} from '../../source/cli/modes/verdict.js';
import {runJson as apiRun, syncJson} from '../helpers/builders.js';
import {success} from '../census/helpers.js';
import {harnessPerTest, listAnswer, runAnswers, TOKEN, withoutTime} from './modes-fixture.js';

const start = harnessPerTest(started => {
	started.server.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Users → Salesforce'})));
});

const working = (id: number, step = 'Unloading data from warehouse') => apiRun({id, status: 'working', current_step: step});
const ended = (id: number, status: string, extra: Record<string, unknown> = {}) =>
	apiRun({id, status, current_step: 'Running Sync', completed_at: '2021-10-20T02:55:07.546Z', ...extra});

describe('--exit-status against the Census stand-in', () => {
	it('exits 0 once the watched run completes, printing a line per change', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(working(1), working(1), working(1, 'Committing sync to warehouse'), ended(1, 'completed')));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_OK);
		expect(h.stdout.lines().map(withoutTime)).toEqual([
			'run 1 Users → Salesforce (sync 52): working, step 4/7 Unloading data from warehouse, 14 records to send',
			'run 1 Users → Salesforce (sync 52): working, step 7/7 Committing sync to warehouse, 14 records to send',
			'run 1 Users → Salesforce (sync 52): completed in 4m 00s, 14 records to send',
		]);
		expect(h.stderr.lines()).toEqual(['census-watch: the watched run completed']);
	});

	it('exits 1 soon after the watched run fails', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(working(1), ended(1, 'failed', {error_code: 'invalid_credentials'})));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_RUN_NOT_COMPLETED);
		expect(h.stderr.lines()).toEqual(['census-watch: 1 of 1 watched run did not complete: run 1 failed']);
		// One poll after the first look brought the failure: nothing more was asked.
		expect(h.server.hitsOf('GET', '/sync_runs/1')).toHaveLength(2);
	});

	it('without --fail-fast waits for the other runs after one fails', async () => {
		const h = await start({watch: {runIds: [1, 2]}});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(working(1), ended(1, 'failed')));
		h.server.on('GET', '/sync_runs/2', ...runAnswers(working(2), working(2), working(2), ended(2, 'completed')));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_RUN_NOT_COMPLETED);
		expect(h.stdout.lines().map(withoutTime).at(-1)).toMatch(/^run 2 .*: completed/);
		expect(h.stderr.lines()).toEqual(['census-watch: 1 of 2 watched runs did not complete: run 1 failed']);
	});

	it('with --fail-fast exits 1 as soon as one run fails, while another still runs', async () => {
		const h = await start({watch: {runIds: [1, 2]}, settings: {failFast: true}});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(working(1), ended(1, 'failed')));
		h.server.on('GET', '/sync_runs/2', ...runAnswers(working(2)));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_RUN_NOT_COMPLETED);
		expect(h.ctx.store.getState().runs[2]?.run?.status).toBe('working');
	});

	it('decides at once, without polling, when every run had already ended', async () => {
		const h = await start({watch: {runIds: [1, 2]}});
		h.server.on('GET', '/sync_runs/1', success(ended(1, 'completed')));
		h.server.on('GET', '/sync_runs/2', success(ended(2, 'completed', {canceled: true})));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_RUN_NOT_COMPLETED);
		expect(h.server.hitsOf('GET', '/sync_runs/1')).toHaveLength(1);
		expect(h.stderr.lines()).toEqual(['census-watch: 1 of 2 watched runs did not complete: run 2 canceled']);
	});

	it('counts a skipped run as a failure, and as none with --ignore-skipped', async () => {
		const strict = await start({watch: {runIds: [1, 2]}});
		strict.server.on('GET', '/sync_runs/1', success(ended(1, 'completed')));
		strict.server.on('GET', '/sync_runs/2', success(ended(2, 'skipped')));
		expect(await runExitStatus(strict.ctx)).toBe(EXIT_RUN_NOT_COMPLETED);
		const lenient = await start({watch: {runIds: [1, 2]}, settings: {ignoreSkipped: true}});
		lenient.server.on('GET', '/sync_runs/1', success(ended(1, 'completed')));
		lenient.server.on('GET', '/sync_runs/2', success(ended(2, 'skipped')));
		expect(await runExitStatus(lenient.ctx)).toBe(EXIT_OK);
		expect(lenient.stderr.lines()).toEqual(['census-watch: all 2 watched runs completed (skipped, ignored: run 2)']);
	});

	it('with --ignore-skipped still exits 1 for a failed run', async () => {
		const h = await start({watch: {runIds: [1, 2]}, settings: {ignoreSkipped: true}});
		h.server.on('GET', '/sync_runs/1', success(ended(1, 'failed')));
		h.server.on('GET', '/sync_runs/2', success(ended(2, 'skipped')));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_RUN_NOT_COMPLETED);
		expect(h.stderr.lines()).toEqual(['census-watch: 1 of 2 watched runs did not complete: run 1 failed']);
	});

	it('exits "still running" when --timeout runs out first', async () => {
		const h = await start({watch: {runIds: [1, 2]}, settings: {timeoutMs: 800}});
		h.server.on('GET', '/sync_runs/1', success(working(1)));
		h.server.on('GET', '/sync_runs/2', success(ended(2, 'completed')));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_TIMEOUT);
		expect(h.stderr.lines()).toHaveLength(1);
		expect(h.stderr.text()).toMatch(/^census-watch: timed out after \d+s with 1 of 2 watched runs still running: 1\n$/);
	});

	it('counts --timeout from the start: a first look that hangs ends with it', async () => {
		const h = await start({watch: {runIds: [1]}, settings: {timeoutMs: 600}});
		h.server.on('GET', '/sync_runs/1', {stallAfter: '{"status":"success","data":'});
		// The client's own timeout is far longer: only --timeout can end this wait.
		h.ctx.api = createCensusClient({baseUrl: h.server.baseUrl, token: TOKEN, timeoutMs: 60_000});
		expect(await runExitStatus(h.ctx)).toBe(EXIT_TIMEOUT);
		expect(h.stderr.lines()).toEqual([expect.stringMatching(/^census-watch: timed out after \d+s before the Census API answered$/)]);
	});

	it('is interrupted during a first look that hangs', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', {stallAfter: '{"status":"success","data":'});
		h.ctx.api = createCensusClient({baseUrl: h.server.baseUrl, token: TOKEN, timeoutMs: 60_000});
		const result = runExitStatus(h.ctx);
		await expect.poll(() => h.server.hitsOf('GET', '/sync_runs/1')).toHaveLength(1);
		h.abort.abort();
		expect(await result).toBe(EXIT_TIMEOUT);
	});

	it('waits for the runs that answered and says which could not be read', async () => {
		const h = await start({watch: {runIds: [1, 2]}});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(working(1), ended(1, 'completed')));
		h.server.on('GET', '/sync_runs/2', {body: {status: 'success', data: null}});
		expect(await runExitStatus(h.ctx)).toBe(EXIT_INCOMPLETE);
		expect(h.stderr.lines()).toEqual([
			expect.stringMatching(/^census-watch: run 2 could not be read: GET \/sync_runs\/2: /),
			'census-watch: the watched run completed, but run 2 could not be read',
		]);
	});

	it('exits "still running" when interrupted', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', success(working(1)));
		const result = runExitStatus(h.ctx);
		await expect.poll(() => h.stdout.text()).toContain('working');
		h.abort.abort();
		expect(await result).toBe(EXIT_TIMEOUT);
		expect(h.stderr.lines()).toEqual(['census-watch: stopped with 1 of 1 watched run still running: 1']);
	});

	it('exits 3 with the 401 message on a wrong token', async () => {
		const h = await start({watch: {runIds: [1]}, token: 'wrong'});
		h.server.on('GET', '/sync_runs/1', {status: 401, body: {status: 'error', message: 'Unauthorized'}});
		expect(await runExitStatus(h.ctx)).toBe(EXIT_TOKEN_REJECTED);
		expect(h.stderr.lines()).toEqual(['census-watch: the Census API rejected the token (401 Unauthorized)']);
	});

	it('exits 3 when the token is revoked while waiting', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', success(working(1)), {status: 401, body: {status: 'error', message: 'Unauthorized'}});
		expect(await runExitStatus(h.ctx)).toBe(EXIT_TOKEN_REJECTED);
		expect(h.stderr.lines()).toEqual(['census-watch: the Census API rejected the token (401 Unauthorized)']);
		expect(h.stderr.text()).not.toContain(TOKEN);
	});

	it('rides out a few failed polls', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', success(working(1)), {status: 503, body: 'down'}, {status: 503, body: 'down'}, success(ended(1, 'completed')));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_OK);
	});

	it('waits for what a followed sync was running at the start, not for its older failures', async () => {
		const h = await start({watch: {syncIds: [52]}});
		h.server.on(
			'GET',
			'/syncs/52/sync_runs',
			listAnswer([working(13), ended(12, 'failed'), ended(11, 'completed')]),
			listAnswer([ended(13, 'completed'), ended(12, 'failed'), ended(11, 'completed')]),
		);
		h.server.on('GET', '/sync_runs/13', success(ended(13, 'completed')));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_OK);
		expect(h.stdout.lines().map(withoutTime)).toEqual([
			'run 13 Users → Salesforce (sync 52): working, step 4/7 Unloading data from warehouse, 14 records to send',
			'run 13 Users → Salesforce (sync 52): completed in 4m 00s, 14 records to send',
		]);
	});

	it('exits 1 when a followed sync does not exist', async () => {
		const h = await start({watch: {runIds: [1], syncIds: [404]}});
		h.server.on('GET', '/sync_runs/1', success(ended(1, 'completed')));
		h.server.on('GET', '/syncs/404/sync_runs', {status: 404, body: {status: 404}});
		expect(await runExitStatus(h.ctx)).toBe(EXIT_RUN_NOT_COMPLETED);
		expect(h.stderr.lines()).toEqual([
			'census-watch: sync 404 was not found',
			'census-watch: a followed sync was not found: sync 404 not found',
		]);
	});

	it('notifies on a terminal when a watched run fails', async () => {
		const h = await start({watch: {runIds: [1]}, settings: {notify: 'failures'}, stdoutIsTTY: true});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(working(1), ended(1, 'failed')));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_RUN_NOT_COMPLETED);
		expect(h.stdout.text()).toContain('\u0007\u001b]9;run 1 failed: Users → Salesforce (sync 52)\u0007');
	});
});

const snapshot = (runs: Array<Record<string, unknown>>, followed: Array<[number, number[] | 'not_found']>, byId: number[] = []): Snapshot => ({
	runs: runs.map(fields => {
		const run = parseSyncRun(apiRun(fields));
		return {id: run.id, run, notFound: false, origin: byId.includes(run.id) ? 'id' : 'follow'};
	}),
	syncs: new Map(),
	followed: new Map(followed),
	failures: [],
	answered: runs.length,
});

describe('pinTargets', () => {
	it('takes runs asked for by id, and per followed sync the moving runs, else its newest', () => {
		const look = snapshot(
			[
				{id: 1, status: 'failed'},
				{id: 23, sync_id: 2, status: 'working'},
				{id: 22, sync_id: 2, status: 'queued'},
				{id: 21, sync_id: 2, status: 'failed'},
				{id: 32, sync_id: 3, status: 'failed'},
				{id: 31, sync_id: 3, status: 'completed'},
			],
			[
				[2, [23, 22, 21]],
				[3, [32, 31]],
				[4, []],
				[5, 'not_found'],
			],
			[1],
		);
		expect(pinTargets(look)).toEqual([1, 23, 22, 32]);
	});
});

describe('summaryLine', () => {
	const details = {missingSyncs: [], waitedMs: 90_000, interrupted: false};
	it('lists at most five runs that did not complete', () => {
		const ids = [1, 2, 3, 4, 5, 6, 7];
		const summary = summarizeVerdicts(ids.map(id => ({id, phase: 'failed' as const})));
		expect(summaryLine(EXIT_RUN_NOT_COMPLETED, summary, new Map(ids.map(id => [id, 'failed'])), details)).toBe(
			'census-watch: 7 of 7 watched runs did not complete: run 1 failed, run 2 failed, run 3 failed, run 4 failed, run 5 failed and 2 more',
		);
	});

	it('says how long it waited on a timeout', () => {
		const summary = summarizeVerdicts([{id: 1, phase: 'working'}, {id: 2, phase: 'completed'}]);
		expect(summaryLine(EXIT_TIMEOUT, summary, new Map(), details)).toBe(
			'census-watch: timed out after 1m 30s with 1 of 2 watched runs still running: 1',
		);
	});
});
