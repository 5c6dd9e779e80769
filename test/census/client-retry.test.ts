import {describe, expect, it} from 'vitest';
import type {RequestEvent} from '../../source/census/api.js';
import {createCensusClient, type CensusClientOptions} from '../../source/census/client.js';
import {runJson, syncJson} from '../helpers/builders.js';
import {rejection, serverPerTest, success} from './helpers.js';

const TOKEN = 'secret-token:retry-test-0a9b8c7d6e';

const server = serverPerTest();

const client = (overrides: Partial<CensusClientOptions> = {}) =>
	createCensusClient({baseUrl: server.baseUrl, token: TOKEN, retry: {baseDelayMs: 1, maxDelayMs: 5}, ...overrides});

/** A clock that only moves when the client sleeps, so that long pauses cost no real time. */
function fakeTime(start = 1_800_000_000_000) {
	const time = {now: start, slept: [] as number[]};
	return {
		time,
		now: () => time.now,
		sleep: async (ms: number) => {
			time.slept.push(ms);
			time.now += ms;
		},
	};
}

describe('GET retries', () => {
	it('retries a 5xx and then succeeds', async () => {
		server.on('GET', '/sync_runs/9', {status: 503, body: ''}, {status: 500, body: ''}, success(runJson({id: 9})));
		expect((await client().getSyncRun(9)).id).toBe(9);
		expect(server.hits).toHaveLength(3);
	});

	it('retries a dropped connection and then succeeds', async () => {
		server.on('GET', '/sync_runs/9', {destroy: true}, success(runJson({id: 9})));
		expect((await client().getSyncRun(9)).id).toBe(9);
		expect(server.hits).toHaveLength(2);
	});

	it('retries a timeout and then succeeds', async () => {
		server.on('GET', '/sync_runs/9', {delayMs: 10_000, ...success(runJson({id: 1}))}, success(runJson({id: 9})));
		expect((await client({timeoutMs: 150}).getSyncRun(9)).id).toBe(9);
		expect(server.hits).toHaveLength(2);
	});

	it('gives up after the retry limit with the last error', async () => {
		server.on('GET', '/syncs', {status: 502, body: ''});
		const error = await rejection(client().listSyncs());
		expect(error.kind).toBe('server');
		expect(server.hits).toHaveLength(3);
	});

	it.each([401, 403, 404])('never retries %i', async status => {
		server.on('GET', '/sync_runs/9', {status, body: {status}});
		await rejection(client().getSyncRun(9));
		expect(server.hits).toHaveLength(1);
	});

	it('does not retry a malformed answer', async () => {
		server.on('GET', '/sync_runs/9', {body: '{"status": "success", "data": {'});
		expect((await rejection(client().getSyncRun(9))).kind).toBe('bad_response');
		expect(server.hits).toHaveLength(1);
	});

	it('waits a full-jitter exponential backoff between attempts', async () => {
		server.on('GET', '/syncs', {status: 500, body: ''});
		const {time, now, sleep} = fakeTime();
		await rejection(client({now, sleep, random: () => 0.5, retry: {limit: 3, baseDelayMs: 100, maxDelayMs: 250}}).listSyncs());
		expect(time.slept).toEqual([50, 100, 125]);
		expect(server.hits).toHaveLength(4);
	});
});

describe('POST is never retried', () => {
	it('on a 5xx', async () => {
		server.on('POST', '/syncs/52/trigger', {status: 503, body: ''}, success({sync_run_id: 1}));
		expect((await rejection(client().triggerSync(52))).kind).toBe('server');
		expect(server.hits).toHaveLength(1);
	});

	it('on a dropped connection', async () => {
		server.on('POST', '/sync_runs/9/cancel', {destroy: true}, {body: {status: 'cancelled', data: {}}});
		expect((await rejection(client().cancelSyncRun(9))).kind).toBe('network');
		expect(server.hits).toHaveLength(1);
	});

	it('on a 429', async () => {
		server.on('POST', '/syncs/52/trigger', {status: 429, body: ''}, success({sync_run_id: 1}));
		const {now, sleep} = fakeTime();
		expect((await rejection(client({now, sleep}).triggerSync(52))).kind).toBe('rate_limited');
		expect(server.hits).toHaveLength(1);
	});
});

describe('the pause after a 429', () => {
	it('retries a GET only once Retry-After has passed', async () => {
		server.on('GET', '/sync_runs/9', {status: 429, headers: {'retry-after': '1'}, body: ''}, success(runJson({id: 9})));
		expect((await client().getSyncRun(9)).id).toBe(9);
		const [first, second] = server.hits;
		expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
	});

	it('holds back a concurrent request to another path until Retry-After has passed', async () => {
		server.on('GET', '/sync_runs/9', {status: 429, headers: {'retry-after': '1'}, body: ''}, success(runJson({id: 9})));
		server.on('GET', '/syncs/52', success(syncJson()));
		const api = client();
		const run = api.getSyncRun(9);
		await expect.poll(() => api.rateLimitedUntil()).not.toBeNull();
		const sync = api.getSync(52);
		await Promise.all([run, sync]);
		const limited = server.hitsOf('GET', '/sync_runs/9')[0]!;
		const other = server.hitsOf('GET', '/syncs/52')[0]!;
		expect(other.at - limited.at).toBeGreaterThanOrEqual(1000);
	});

	it('holds back a POST as well', async () => {
		server.on('GET', '/sync_runs/9', {status: 429, headers: {'retry-after': '1'}, body: ''});
		server.on('POST', '/syncs/52/trigger', success({sync_run_id: 10}));
		const api = client({retry: {limit: 0}});
		await rejection(api.getSyncRun(9));
		expect(await api.triggerSync(52)).toEqual({syncRunId: 10});
		const [limited, post] = server.hits;
		expect(post!.method).toBe('POST');
		expect(post!.at - limited!.at).toBeGreaterThanOrEqual(1000);
	});

	it('is shared by clients with the same token and API root, and only by them', async () => {
		server.on('GET', '/sync_runs/9', {status: 429, headers: {'retry-after': '1'}, body: ''});
		server.on('GET', '/syncs/52', success(syncJson()));
		const first = client({retry: {limit: 0}});
		const second = client();
		const otherToken = client({token: 'secret-token:someone-else-99887766'});
		await rejection(first.getSyncRun(9));
		expect(second.rateLimitedUntil()).toBe(first.rateLimitedUntil());
		expect(otherToken.rateLimitedUntil()).toBeNull();
		await second.getSync(52);
		const [limited, other] = server.hits;
		expect(other!.at - limited!.at).toBeGreaterThanOrEqual(1000);
	});

	it('grows on consecutive 429s without Retry-After, then throws rate_limited', async () => {
		server.on('GET', '/syncs', {status: 429, body: ''});
		const {time, now, sleep} = fakeTime();
		const api = client({now, sleep, random: () => 0.5, retry: {limit: 2, rateLimitBaseDelayMs: 1000}});
		const error = await rejection(api.listSyncs());
		expect(error.kind).toBe('rate_limited');
		expect(time.slept).toEqual([750, 1500]);
		expect(api.rateLimitedUntil()).toBe(time.now + 3000);
		expect(server.hits).toHaveLength(3);
	});

	it('starts over after an answer that is not a 429', async () => {
		server.on('GET', '/syncs', {status: 429, body: ''}, success([]), {status: 429, body: ''});
		const {time, now, sleep} = fakeTime();
		const api = client({now, sleep, random: () => 0.5, retry: {limit: 1, rateLimitBaseDelayMs: 1000}});
		await api.listSyncs();
		await rejection(api.listSyncs());
		// The second call's first pause is a first strike again (750), not a second one (1500).
		expect(time.slept).toEqual([750, 750]);
		expect(api.rateLimitedUntil()).toBe(time.now + 1500);
	});

	it('can be aborted while waiting, sending nothing more', async () => {
		server.on('GET', '/sync_runs/9', {status: 429, headers: {'retry-after': '60'}, body: ''});
		const controller = new AbortController();
		const events: RequestEvent[] = [];
		const pending = client({onRequest: event => events.push(event)}).getSyncRun(9, {signal: controller.signal});
		await expect.poll(() => events.length).toBe(1);
		controller.abort();
		const error = await rejection(pending);
		expect(error.kind).toBe('aborted');
		expect(server.hits).toHaveLength(1);
	});
});

describe('abort during backoff', () => {
	it('rejects with aborted and sends nothing more', async () => {
		server.on('GET', '/syncs', {status: 500, body: ''});
		const controller = new AbortController();
		const pending = client({retry: {baseDelayMs: 60_000, maxDelayMs: 60_000}, random: () => 0.9}).listSyncs(undefined, {signal: controller.signal});
		await expect.poll(() => server.hits.length).toBe(1);
		controller.abort();
		expect((await rejection(pending)).kind).toBe('aborted');
		expect(server.hits).toHaveLength(1);
	});
});
