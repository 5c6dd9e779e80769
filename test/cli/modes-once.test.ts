import {describe, expect, it} from 'vitest';
import {EXIT_API_UNREACHABLE, EXIT_INCOMPLETE, EXIT_OK, EXIT_TIMEOUT, EXIT_TOKEN_REJECTED} from '../../source/cli/exit-codes.js';
import {createCensusClient} from '../../source/census/client.js';
import {runOnce} from '../../source/cli/modes/once.js';
import {runJson as apiRun, syncJson} from '../helpers/builders.js';
import {success} from '../census/helpers.js';
import {harnessPerTest, listAnswer, TOKEN} from './modes-fixture.js';

const start = harnessPerTest();

/** The table's row for a run: its cells, split on the two-space gaps (status first, then the run id). */
const rowOf = (text: string, id: number): string[] | undefined =>
	text
		.split('\n')
		.map(line => line.trim().split(/ {2,}/))
		.find(cells => cells[1] === String(id));

describe('--once', () => {
	it('prints start times in the zone it is given, with the zone said', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', success(apiRun({id: 1, sync_id: 52, status: 'working', created_at: '2021-10-20T02:51:07.546Z'})));
		h.server.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Users'})));
		await runOnce({...h.ctx, timeZone: 'Asia/Kolkata', now: () => Date.parse('2021-10-20T03:00:00Z')});
		expect(rowOf(h.stdout.text(), 1)).toContain('08:21:07 UTC+5:30');
	});

	it('prints a table with each watched run and its status word, and exits "still running" while one runs', async () => {
		const h = await start({watch: {runIds: [1, 2, 3, 4]}});
		h.server.on('GET', '/sync_runs/1', success(apiRun({id: 1, sync_id: 52, status: 'working'})));
		h.server.on('GET', '/sync_runs/2', success(apiRun({id: 2, sync_id: 52, status: 'completed', completed_at: '2021-10-20T02:55:07.546Z'})));
		h.server.on('GET', '/sync_runs/3', success(apiRun({id: 3, sync_id: 60, status: 'completed', canceled: true})));
		h.server.on('GET', '/sync_runs/4', {status: 404, body: {status: 404}});
		h.server.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Users → Salesforce'})));
		h.server.on('GET', '/syncs/60', {status: 500, body: 'boom'});

		expect(await runOnce(h.ctx)).toBe(EXIT_TIMEOUT);
		const text = h.stdout.text();
		expect(rowOf(text, 1)?.slice(0, 3)).toEqual(['working', '1', 'Users → Salesforce #52']);
		expect(rowOf(text, 2)?.slice(0, 3)).toEqual(['completed', '2', 'Users → Salesforce #52']);
		// A sync whose label cannot be read is named by id; it does not fail the look.
		expect(rowOf(text, 3)?.slice(0, 3)).toEqual(['canceled', '3', 'sync #60']);
		expect(rowOf(text, 4)?.slice(0, 2)).toEqual(['not found', '4']);
		expect(h.stderr.text()).toBe('');
		// Labels are read once per sync, not once per run.
		expect(h.server.hitsOf('GET', '/syncs/52')).toHaveLength(1);
		expect(h.server.hits.every(hit => hit.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
	});

	it('exits 0 when every run shown has ended, failed ones included', async () => {
		const h = await start({watch: {runIds: [1, 2]}});
		h.server.on('GET', '/sync_runs/1', success(apiRun({id: 1, status: 'failed'})));
		h.server.on('GET', '/sync_runs/2', success(apiRun({id: 2, status: 'completed'})));
		h.server.on('GET', '/syncs/52', success(syncJson()));
		expect(await runOnce(h.ctx)).toBe(EXIT_OK);
	});

	it('with --json gives each run exactly as the API gave it, derived fields beside it', async () => {
		const hostile = apiRun({
			id: 7,
			status: 'failed',
			error_message: 'bad \u001b]52;c;ZXZpbA==\u0007 \u009b2J \u202eevil\u202c',
			error_detail: 'line one\nline two\u2028tag\udb40\udc41',
			records_processed: 1e12,
			future_field: {nested: [1, null, 'x']},
		});
		const h = await start({watch: {runIds: [7, 8]}, settings: {json: true, workspaceId: '42'}});
		h.server.on('GET', '/sync_runs/7', success(hostile));
		h.server.on('GET', '/sync_runs/8', {status: 404, body: {status: 404}});
		h.server.on('GET', '/syncs/52', success(syncJson({label: 'Users → Salesforce'})));

		expect(await runOnce(h.ctx)).toBe(EXIT_OK);
		const text = h.stdout.text();
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]|\udb40/);
		const parsed = JSON.parse(text) as Array<{run: unknown; derived: Record<string, unknown>}>;
		const fromApi = (await (await fetch(`${h.server.baseUrl}/sync_runs/7`, {headers: {authorization: `Bearer ${TOKEN}`}})).json()) as {data: unknown};
		expect(parsed).toHaveLength(2);
		expect(parsed[0]?.run).toEqual(fromApi.data);
		expect(parsed[0]?.derived).toMatchObject({
			run_id: 7,
			sync_id: 52,
			sync_label: 'Users → Salesforce',
			phase: 'failed',
			verdict: 'not_completed',
			web_url: `${new URL(h.server.baseUrl).origin}/workspaces/42/syncs/52/sync-history`,
		});
		expect(parsed[1]).toMatchObject({run: null, derived: {run_id: 8, phase: 'not_found'}});
	});

	it('shows each followed sync\'s newest runs from one list request', async () => {
		const h = await start({watch: {runIds: [11], syncIds: [52]}});
		h.server.on('GET', '/sync_runs/11', success(apiRun({id: 11, sync_id: 52, status: 'completed'})));
		h.server.on(
			'GET',
			'/syncs/52/sync_runs',
			listAnswer([
				apiRun({id: 13, sync_id: 52, status: 'working'}),
				apiRun({id: 12, sync_id: 52, status: 'failed'}),
				apiRun({id: 11, sync_id: 52, status: 'completed'}),
				// Not this sync's: a page is trusted only for its own runs.
				apiRun({id: 99, sync_id: 77, status: 'working'}),
			]),
		);
		h.server.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Users → Salesforce'})));

		expect(await runOnce(h.ctx)).toBe(EXIT_TIMEOUT);
		const ids = h.stdout
			.lines()
			.slice(1)
			.map(line => /\d+/.exec(line)?.[0]);
		expect(ids).toEqual(['11', '13', '12']);
		expect(h.server.hitsOf('GET', '/syncs/52/sync_runs').map(hit => hit.query)).toEqual([{per_page: '10', order: 'desc'}]);
	});

	it('following the workspace, shows each sync\'s newest run', async () => {
		const h = await start({watch: {all: true}});
		h.server.on(
			'GET',
			'/syncs',
			success([syncJson({id: 52, label: 'A'}), syncJson({id: 60, label: 'B'})], {
				pagination: {total_records: 2, per_page: 100, prev_page: null, page: 1, next_page: null, last_page: 1},
			}),
		);
		h.server.on('GET', '/syncs/52/sync_runs', listAnswer([apiRun({id: 5, sync_id: 52, status: 'completed'})]));
		h.server.on('GET', '/syncs/60/sync_runs', listAnswer([apiRun({id: 6, sync_id: 60, status: 'failed'})]));

		expect(await runOnce(h.ctx)).toBe(EXIT_OK);
		expect(rowOf(h.stdout.text(), 5)?.slice(0, 3)).toEqual(['completed', '5', 'A #52']);
		expect(rowOf(h.stdout.text(), 6)?.slice(0, 3)).toEqual(['failed', '6', 'B #60']);
		expect(h.server.hitsOf('GET', '/syncs/60/sync_runs').map(hit => hit.query.per_page)).toEqual(['1']);
		// The sync list already carried the labels.
		expect(h.server.hitsOf('GET', '/syncs/52')).toEqual([]);
	});

	it('says so on stderr when a followed sync does not exist or has no runs', async () => {
		const h = await start({watch: {syncIds: [52, 53]}});
		h.server.on('GET', '/syncs/52/sync_runs', {status: 404, body: {status: 404}});
		h.server.on('GET', '/syncs/53/sync_runs', listAnswer([]));
		expect(await runOnce(h.ctx)).toBe(EXIT_OK);
		expect(h.stderr.lines()).toEqual([
			'census-watch: sync 52 was not found',
			'census-watch: sync 53 has no runs yet',
			'census-watch: no runs to show',
		]);
		expect(h.stdout.text()).toBe('');
	});

	it('exits 3 with a clear message when the API rejects the token, and never shows the token', async () => {
		const h = await start({watch: {runIds: [1, 2, 3, 4, 5, 6]}});
		for (let id = 1; id <= 6; id++) h.server.on('GET', `/sync_runs/${id}`, {status: 401, body: {status: 'error', message: `Unauthorized ${TOKEN}`}});
		expect(await runOnce(h.ctx)).toBe(EXIT_TOKEN_REJECTED);
		expect(h.stderr.lines()).toEqual(['census-watch: the Census API rejected the token (401 Unauthorized)']);
		expect(h.stdout.text()).toBe('');
		// No request starts after the first rejection came back.
		expect(h.server.hits.length).toBeLessThanOrEqual(4);
	});

	it('exits 4 when the API cannot be reached', async () => {
		const h = await start({watch: {runIds: [1]}});
		await h.server.close();
		expect(await runOnce(h.ctx)).toBe(EXIT_API_UNREACHABLE);
		expect(h.stderr.lines()).toHaveLength(1);
		expect(h.stderr.text()).toMatch(/^census-watch: could not get an answer from the Census API: /);
		expect(h.stderr.text()).not.toContain(TOKEN);
	});

	it('shows every run that answered and names each that did not, with a code of its own', async () => {
		const h = await start({watch: {runIds: [700001, 666039, 3, 4]}});
		h.server.on('GET', '/sync_runs/700001', {status: 400, body: {status: 'error', message: 'Invalid id'}});
		h.server.on('GET', '/sync_runs/666039', success(apiRun({id: 666039, status: 'completed'})));
		h.server.on('GET', '/sync_runs/3', {body: {status: 'success', data: null}});
		h.server.on('GET', '/sync_runs/4', {stallAfter: '{"status":"success","data":'});
		h.server.on('GET', '/syncs/52', success(syncJson()));
		h.ctx.api = createCensusClient({baseUrl: h.server.baseUrl, token: TOKEN, timeoutMs: 500, retry: {limit: 1, baseDelayMs: 10, maxDelayMs: 20, timeouts: false}});
		expect(await runOnce(h.ctx)).toBe(EXIT_INCOMPLETE);
		expect(rowOf(h.stdout.text(), 666039)?.slice(0, 2)).toEqual(['completed', '666039']);
		expect(h.stderr.lines()).toEqual([
			'census-watch: run 700001 could not be read: GET /sync_runs/700001: 400 Bad Request: Invalid id',
			expect.stringMatching(/^census-watch: run 3 could not be read: GET \/sync_runs\/3: .*sync run/),
			'census-watch: run 4 could not be read: GET /sync_runs/4: no answer within 500 ms',
		]);
		// The stalled run was asked once: a timeout is not worth a second wait in a one-shot look.
		expect(h.server.hitsOf('GET', '/sync_runs/4')).toHaveLength(1);
	});

	it('with --json prints the runs that answered as valid JSON, even beside a poison one', async () => {
		const h = await start({watch: {runIds: [1, 2]}, settings: {json: true}});
		h.server.on('GET', '/sync_runs/1', success(apiRun({id: 1, status: 'completed'})));
		h.server.on('GET', '/sync_runs/2', {body: `{"status":"success","data":{"id":2,"sync_id":52,"status":"working","x":${'['.repeat(5000)}${']'.repeat(5000)}}}`});
		h.server.on('GET', '/syncs/52', success(syncJson()));
		expect(await runOnce(h.ctx)).toBe(EXIT_TIMEOUT);
		const printed = JSON.parse(h.stdout.text()) as Array<{run: {id: number}}>;
		expect(printed.map(item => item.run.id)).toEqual([1, 2]);
	});
});
