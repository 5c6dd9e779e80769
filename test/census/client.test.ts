import {describe, expect, it} from 'vitest';
import type {RequestEvent} from '../../source/census/api.js';
import {createCensusClient, type CensusClientOptions} from '../../source/census/client.js';
import {parseSync, parseSyncRun} from '../../source/census/parse.js';
import {runJson, syncJson} from '../helpers/builders.js';
import {rejection, serverPerTest, success} from './helpers.js';

const TOKEN = 'secret-token:client-test-7f3a9c2e1b';

const server = serverPerTest();

const client = (overrides: Partial<CensusClientOptions> = {}) =>
	createCensusClient({baseUrl: server.baseUrl, token: TOKEN, retry: {baseDelayMs: 1, maxDelayMs: 5}, ...overrides});

const pageOf = (data: unknown[], page: number, nextPage: number | null, lastPage: number | null) =>
	success(data, {pagination: {total_records: null, per_page: 100, prev_page: page > 1 ? page - 1 : null, page, next_page: nextPage, last_page: lastPage}});

describe('requests', () => {
	it('sends the token exactly as given as a Bearer header, with JSON accepted', async () => {
		server.on('GET', '/sync_runs/94', success(runJson()));
		await client({userAgent: 'census-watch/test'}).getSyncRun(94);
		const [hit] = server.hitsOf('GET', '/sync_runs/94');
		expect(hit?.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(hit?.headers.accept).toBe('application/json');
		expect(hit?.headers['user-agent']).toBe('census-watch/test');
		expect(hit?.query).toEqual({});
	});

	it('sends no Authorization header when there is no token', async () => {
		server.on('GET', '/sync_runs/94', success(runJson()));
		await client({token: ''}).getSyncRun(94);
		expect(server.hits[0]?.headers.authorization).toBeUndefined();
	});

	it('exposes the normalised API root, without the token', () => {
		const api = client({baseUrl: `${server.baseUrl}/`});
		expect(api.baseUrl).toBe(server.baseUrl);
		expect(api.baseUrl).not.toContain(TOKEN);
	});
});

describe('methods', () => {
	it('getSyncRun: GET /sync_runs/{id}, parsed', async () => {
		const data = runJson({id: 94, status: 'working'});
		server.on('GET', '/sync_runs/94', success(data));
		expect(await client().getSyncRun(94)).toEqual(parseSyncRun(data));
	});

	it('getSync: GET /syncs/{id}, parsed', async () => {
		server.on('GET', '/syncs/52', success(syncJson()));
		expect(await client().getSync(52)).toEqual(parseSync(syncJson()));
	});

	it('listSyncs: GET /syncs with page, per_page and order', async () => {
		server.on('GET', '/syncs', pageOf([syncJson({id: 1}), syncJson({id: 2})], 2, 3, 4));
		const page = await client().listSyncs({page: 2, perPage: 10, order: 'asc'});
		expect(server.hits[0]?.query).toEqual({page: '2', per_page: '10', order: 'asc'});
		expect(page.items.map(sync => sync.id)).toEqual([1, 2]);
		expect(page.pagination).toEqual({totalRecords: null, perPage: 100, prevPage: 1, page: 2, nextPage: 3, lastPage: 4});
	});

	it('listSyncRuns: GET /syncs/{id}/sync_runs with the query, runs parsed', async () => {
		server.on('GET', '/syncs/52/sync_runs', success([runJson({id: 3}), runJson({id: 2, status: 'completed'})]));
		const page = await client().listSyncRuns(52, {perPage: 1, order: 'desc'});
		expect(server.hits[0]?.query).toEqual({per_page: '1', order: 'desc'});
		expect(page.items.map(run => [run.id, run.status])).toEqual([
			[3, 'working'],
			[2, 'completed'],
		]);
		expect(page.pagination).toBeNull();
	});

	it('clamps per_page to 100 and page to at least 1', async () => {
		server.on('GET', '/syncs/52/sync_runs', success([]));
		const api = client();
		await api.listSyncRuns(52, {perPage: 500, page: 0});
		await api.listSyncRuns(52, {perPage: 0, page: -4});
		expect(server.hits.map(hit => hit.query)).toEqual([
			{page: '1', per_page: '100'},
			{page: '1', per_page: '1'},
		]);
	});

	it('triggerSync: POST /syncs/{id}/trigger?force_full_sync=false with no body, answers the run id', async () => {
		server.on('POST', '/syncs/52/trigger', success({sync_run_id: 777}));
		expect(await client().triggerSync(52)).toEqual({syncRunId: 777});
		const [hit] = server.hitsOf('POST', '/syncs/52/trigger');
		expect(hit?.query).toEqual({force_full_sync: 'false'});
		expect(hit?.headers['content-length'] ?? '0').toBe('0');
		expect(hit?.headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it('triggerSync with fullSync sends force_full_sync=true', async () => {
		server.on('POST', '/syncs/52/trigger', success({sync_run_id: 778}));
		await client().triggerSync(52, {fullSync: true});
		expect(server.hits[0]?.query).toEqual({force_full_sync: 'true'});
	});

	it('cancelSyncRun: POST /sync_runs/{id}/cancel, accepting every cancel envelope word', async () => {
		server.on(
			'POST',
			'/sync_runs/94/cancel',
			{body: {status: 'cancelled', data: {}}},
			{body: {status: 'canceled', data: {}}},
			{body: {status: 'success', data: {}}},
		);
		const api = client();
		for (let index = 0; index < 3; index++) {
			await expect(api.cancelSyncRun(94)).resolves.toBeUndefined();
		}

		expect(server.hitsOf('POST', '/sync_runs/94/cancel')).toHaveLength(3);
	});

	it.each([0, -1, 1.5, Number.NaN])('refuses id %s before sending anything', async id => {
		const error = await rejection(client().getSyncRun(id));
		expect(error.kind).toBe('client');
		expect(error.message).toBe('sync run id must be a positive integer');
		expect(server.hits).toHaveLength(0);
	});
});

describe('listAllSyncs', () => {
	it('follows three pages of 100 from page 1 to last_page', async () => {
		server.on(
			'GET',
			'/syncs',
			pageOf([syncJson({id: 1}), syncJson({id: 2})], 1, 2, 3),
			pageOf([syncJson({id: 3})], 2, 3, 3),
			pageOf([syncJson({id: 4})], 3, null, 3),
		);
		const syncs = await client().listAllSyncs();
		expect(syncs.map(sync => sync.id)).toEqual([1, 2, 3, 4]);
		expect(server.hits.map(hit => hit.query)).toEqual([
			{page: '1', per_page: '100'},
			{page: '2', per_page: '100'},
			{page: '3', per_page: '100'},
		]);
	});

	it('stops when next_page does not advance', async () => {
		server.on('GET', '/syncs', pageOf([syncJson({id: 1})], 1, 2, null), pageOf([syncJson({id: 2})], 2, 2, null));
		const syncs = await client().listAllSyncs();
		expect(syncs.map(sync => sync.id)).toEqual([1, 2]);
		expect(server.hits).toHaveLength(2);
	});

	it('stops at last_page even when next_page points further', async () => {
		server.on('GET', '/syncs', pageOf([syncJson({id: 1})], 1, 2, 1));
		await client().listAllSyncs();
		expect(server.hits).toHaveLength(1);
	});

	it('stops at an empty page', async () => {
		server.on('GET', '/syncs', pageOf([], 1, 2, 5));
		expect(await client().listAllSyncs()).toEqual([]);
		expect(server.hits).toHaveLength(1);
	});

	it('stops at maxPages however far next_page leads', async () => {
		server.on('GET', '/syncs', ...Array.from({length: 10}, (_, index) => pageOf([syncJson({id: index + 1})], index + 1, index + 2, null)));
		const syncs = await client().listAllSyncs({maxPages: 4});
		expect(syncs.map(sync => sync.id)).toEqual([1, 2, 3, 4]);
		expect(server.hits).toHaveLength(4);
	});

	it('keeps one copy of a sync that a page shift shows twice', async () => {
		server.on('GET', '/syncs', pageOf([syncJson({id: 1}), syncJson({id: 2})], 1, 2, 2), pageOf([syncJson({id: 2}), syncJson({id: 3})], 2, null, 2));
		expect((await client().listAllSyncs()).map(sync => sync.id)).toEqual([1, 2, 3]);
	});
});

describe('onRequest', () => {
	it('fires once per attempt with method, path (no query), status and timing', async () => {
		server.on('GET', '/syncs/52/sync_runs', {status: 503, body: 'busy'}, success([]));
		const events: RequestEvent[] = [];
		await client({onRequest: event => events.push(event)}).listSyncRuns(52, {perPage: 1});
		expect(events.map(({method, path, status}) => ({method, path, status}))).toEqual([
			{method: 'GET', path: '/syncs/52/sync_runs', status: 503},
			{method: 'GET', path: '/syncs/52/sync_runs', status: 200},
		]);
		for (const event of events) {
			expect(event.durationMs).toBeGreaterThanOrEqual(0);
			expect(event.startedAt).toBeGreaterThan(0);
		}
	});
});

describe('abort', () => {
	it('rejects with aborted when the signal aborts mid-request', async () => {
		server.on('GET', '/sync_runs/94', {delayMs: 5000, ...success(runJson())});
		const controller = new AbortController();
		const pending = client().getSyncRun(94, {signal: controller.signal});
		await expect.poll(() => server.hits.length).toBe(1);
		controller.abort();
		const error = await rejection(pending);
		expect(error.kind).toBe('aborted');
		expect(error.message).toBe('GET /sync_runs/94: aborted');
	});

	it('sends nothing when the signal is already aborted', async () => {
		const error = await rejection(client().getSyncRun(94, {signal: AbortSignal.abort()}));
		expect(error.kind).toBe('aborted');
		expect(server.hits).toHaveLength(0);
	});
});
