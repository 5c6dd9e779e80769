import {describe, expect, it} from 'vitest';
import {EXIT_OK, EXIT_TOKEN_REJECTED} from '../../source/cli/exit-codes.js';
import {runPlain} from '../../source/cli/modes/plain.js';
import {runJson as apiRun, syncJson} from '../helpers/builders.js';
import {success} from '../census/helpers.js';
import {harnessPerTest, runAnswers, withoutTime} from './modes-fixture.js';

const start = harnessPerTest(started => {
	started.server.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Users → Salesforce'})));
});

const step = (id: number, currentStep: string | null, processed: number | null, status = 'working') =>
	apiRun({
		id,
		status,
		current_step: currentStep,
		records_processed: processed,
		source_record_count: 145_921,
		source_record_updates: processed === null ? null : 49_000,
		source_record_deletes: processed === null ? null : 1000,
	});

describe('plain mode', () => {
	it('prints one line when a run appears, changes step or ends; not when only its counts move', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on(
			'GET',
			'/sync_runs/1',
			...runAnswers(
				step(1, 'Checking for columns to remove from the sync', null),
				step(1, 'Unloading data from warehouse', 100),
				step(1, 'Unloading data from warehouse', 20_000),
				step(1, 'Loading data into destination service', 40_000),
				apiRun({
					id: 1,
					status: 'completed',
					current_step: 'Running Sync',
					records_processed: 50_000,
					source_record_count: 145_921,
					source_record_updates: 49_000,
					source_record_deletes: 1000,
					completed_at: '2021-10-20T02:52:07.546Z',
				}),
			),
		);
		const result = runPlain(h.ctx);
		await expect.poll(() => h.stdout.text(), {timeout: 10_000}).toContain('completed');
		h.abort.abort();
		expect(await result).toBe(EXIT_OK);
		const lines = h.stdout.lines();
		expect(lines.every(line => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ run 1 /.test(line))).toBe(true);
		expect(lines.map(withoutTime).map(line => line.replace(/^run 1 (Users → Salesforce )?\(sync 52\): /, ''))).toEqual([
			'working, step 1/7 Checking for columns to remove from the sync',
			'working, step 4/7 Unloading data from warehouse, 100/50,000 records sent',
			'working, step 5/7 Loading data into destination service, 40,000/50,000 records sent',
			'completed in 1m 00s, 50,000/50,000 records sent',
		]);
	});

	it('ends by itself once every watched run has ended and no sync is followed', async () => {
		const h = await start({watch: {runIds: [1, 2]}});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(step(1, 'Unloading data from warehouse', 1), apiRun({id: 1, status: 'completed'})));
		h.server.on('GET', '/sync_runs/2', success(apiRun({id: 2, status: 'failed'})));
		expect(await runPlain(h.ctx)).toBe(EXIT_OK);
		expect(h.stdout.lines().map(withoutTime).map(line => line.replace(/: .*/, ''))).toEqual([
			expect.stringMatching(/^run 1 /),
			expect.stringMatching(/^run 2 /),
			expect.stringMatching(/^run 1 /),
		]);
		expect(h.stdout.lines().at(-1)).toContain(': completed');
	});

	it('with --json prints one JSON object per line per change', async () => {
		const h = await start({watch: {runIds: [1]}, settings: {json: true}});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(step(1, 'Unloading data from warehouse', 1), apiRun({id: 1, status: 'failed', error_message: 'x\u009b2Jy'})));
		const result = runPlain(h.ctx);
		await expect.poll(() => h.stdout.lines().length, {timeout: 10_000}).toBe(2);
		h.abort.abort();
		expect(await result).toBe(EXIT_OK);
		const objects = h.stdout.lines().map(line => JSON.parse(line) as {run: {status: string; error_message: string | null}; derived: {phase: string}});
		expect(objects.map(object => [object.run.status, object.derived.phase])).toEqual([
			['working', 'working'],
			['failed', 'failed'],
		]);
		expect(objects[1]?.run.error_message).toBe('x\u009b2Jy');
		expect(h.stdout.text()).not.toContain('\u009b');
	});

	it('announces a rate limit and the recovery on stderr', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', success(step(1, 'Unloading data from warehouse', 1)), {status: 429, headers: {'retry-after': '1'}, body: ''}, success(step(1, 'Loading data into destination service', 2)));
		const result = runPlain(h.ctx);
		await expect.poll(() => h.stdout.lines().length, {timeout: 10_000}).toBe(2);
		h.abort.abort();
		expect(await result).toBe(EXIT_OK);
		expect(h.stderr.lines().map(line => line.replace(/until \S+$/, 'until T'))).toEqual([
			'census-watch: rate-limited by the Census API; no requests until T',
			'census-watch: back online',
		]);
	});

	it('exits 3 with the 401 message when the token is rejected', async () => {
		const h = await start({watch: {runIds: [1]}, token: 'wrong'});
		h.server.on('GET', '/sync_runs/1', {status: 401, body: {status: 'error', message: 'Unauthorized'}});
		expect(await runPlain(h.ctx)).toBe(EXIT_TOKEN_REJECTED);
		expect(h.stderr.lines()).toEqual(['census-watch: the Census API rejected the token (401 Unauthorized)']);
	});

	it('sends notifications to stderr when only stderr is a terminal', async () => {
		const h = await start({watch: {runIds: [1]}, settings: {notify: 'all'}, stderrIsTTY: true});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(step(1, 'Unloading data from warehouse', 1), apiRun({id: 1, status: 'completed'})));
		const result = runPlain(h.ctx);
		await expect.poll(() => h.stderr.text(), {timeout: 10_000}).toContain('\u001b]777;notify;census-watch;run 1 completed');
		h.abort.abort();
		await result;
		expect(h.stdout.text()).not.toContain('\u001b');
	});

	it('writes no escape sequences at all when neither stream is a terminal', async () => {
		const h = await start({watch: {runIds: [1]}, settings: {notify: 'all'}});
		h.server.on('GET', '/sync_runs/1', ...runAnswers(step(1, 'Unloading data from warehouse', 1), apiRun({id: 1, status: 'completed'})));
		const result = runPlain(h.ctx);
		await expect.poll(() => h.stdout.text(), {timeout: 10_000}).toContain('completed');
		h.abort.abort();
		await result;
		expect(h.stdout.text() + h.stderr.text()).not.toMatch(/[\u0007\u001b]/);
	});

	it('stops quietly when the reader of stdout goes away', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', success(step(1, 'Unloading data from warehouse', 1)));
		const result = runPlain(h.ctx);
		await expect.poll(() => h.stdout.text()).toContain('working');
		h.stdout.emit('error', Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}));
		expect(await result).toBe(EXIT_OK);
	});
});
