import {afterEach, describe, expect, it} from 'vitest';
import {CANCEL_GRACE_MS, RUN_STEPS} from '../../source/simulator/run-plan.js';
import {envelope, records, startTestSimulator, T0, TOKEN, type TestSimulator} from './helpers.js';

let current: TestSimulator | undefined;

async function start(options: Parameters<typeof startTestSimulator>[0] = {}): Promise<TestSimulator> {
	current = await startTestSimulator(options);
	return current;
}

afterEach(async () => {
	await current?.sim.close();
	current = undefined;
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type Check = (value: unknown) => boolean;
const integer: Check = value => Number.isInteger(value);
const countOrNull: Check = value => value === null || (Number.isInteger(value) && (value as number) >= 0);
const textOrNull: Check = value => value === null || typeof value === 'string';
const time: Check = value => typeof value === 'string' && ISO.test(value);
const timeOrNull: Check = value => value === null || time(value);

/** The run fields of the contract with their documented types. */
const RUN_FIELDS: Record<string, Check> = {
	id: integer,
	sync_id: integer,
	status: value => typeof value === 'string',
	canceled: value => typeof value === 'boolean',
	full_sync: value => typeof value === 'boolean',
	created_at: time,
	updated_at: time,
	completed_at: timeOrNull,
	scheduled_execution_time: timeOrNull,
	source_record_count: countOrNull,
	source_record_updates: countOrNull,
	source_record_deletes: countOrNull,
	source_record_invalids: countOrNull,
	records_processed: countOrNull,
	records_updated: countOrNull,
	records_failed: countOrNull,
	error_code: textOrNull,
	error_message: textOrNull,
	error_detail: textOrNull,
};

async function allRuns(test: TestSimulator): Promise<Array<Record<string, unknown>>> {
	const runs = [];
	for (const syncId of test.sim.world.syncIds()) {
		runs.push(...records(await test.call(`/syncs/${syncId}/sync_runs?per_page=100`)));
	}

	return runs;
}

describe('authorization', () => {
	it('answers 401 without a token, with an empty one, or with another scheme', async () => {
		const test = await start();
		for (const token of [null, '', ' ']) {
			const answer = await test.call('/syncs', {token});
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({status: 401, message: expect.stringContaining('Missing API token')});
		}

		const basic = await fetch(`${test.sim.url}/syncs`, {headers: {authorization: 'Basic dXNlcjpwYXNz'}});
		expect(basic.status).toBe(401);
		expect(test.sim.requests.map(entry => entry.authorization)).toEqual(['none', 'none', 'none', 'wrong']);
	});

	it('accepts any non-empty token unless started with one, then only that one', async () => {
		const open = await start();
		expect((await open.call('/syncs', {token: 'anything'})).status).toBe(200);
		await open.sim.close();

		const locked = await start({token: TOKEN});
		expect((await locked.call('/syncs', {token: 'secret-token:other'})).status).toBe(401);
		expect((await locked.call('/syncs', {token: TOKEN})).status).toBe(200);
		expect(locked.sim.requests.map(entry => entry.authorization)).toEqual(['wrong', 'bearer']);
	});

	it('never keeps the token in its request log', async () => {
		const test = await start({token: TOKEN});
		await test.call('/syncs', {token: TOKEN});
		await test.call('/syncs', {token: `${TOKEN}x`});
		const served = await test.call('/__sim/requests');

		expect(JSON.stringify(test.sim.requests)).not.toContain('sim-test-7f3a');
		expect(served.text).not.toContain('sim-test-7f3a');
		expect(records(served)).toHaveLength(2);
	});
});

describe('GET /syncs', () => {
	it('pages: per_page=1&page=2 gives the second newest sync', async () => {
		const test = await start();
		const answer = await test.call('/syncs?per_page=1&page=2');

		expect(envelope(answer).status).toBe('success');
		const ids = test.sim.world.syncIds();
		expect(records(answer).map(sync => sync['id'])).toEqual([ids[6]]);
		expect(envelope(answer).pagination).toEqual({total_records: 8, per_page: 1, prev_page: 1, page: 2, next_page: 3, last_page: 8});
		expect(envelope(answer).next).toBe(`${test.sim.url}/syncs?page=3&per_page=1&order=desc`);
	});

	it('gives the last page without a next page, and an empty page beyond it', async () => {
		const test = await start();
		const last = await test.call('/syncs?per_page=3&page=3');
		const ids = test.sim.world.syncIds();
		expect(records(last).map(sync => sync['id'])).toEqual([ids[1], ids[0]]);
		expect(envelope(last).pagination).toMatchObject({next_page: null, last_page: 3});
		expect(envelope(last).next).toBeNull();

		const beyond = await test.call('/syncs?per_page=3&page=4');
		expect(beyond.status).toBe(200);
		expect(records(beyond)).toEqual([]);
	});

	it('reads page=0 as page 1, clamps per_page to 100 and orders by creation both ways', async () => {
		const test = await start({syncs: 130});
		const clamped = await test.call('/syncs?per_page=500&page=0');
		expect(records(clamped)).toHaveLength(100);
		expect(envelope(clamped).pagination).toMatchObject({page: 1, per_page: 100, last_page: 2});

		const ascending = records(await test.call('/syncs?order=asc&per_page=3')).map(sync => sync['id']);
		const descending = records(await test.call('/syncs?order=desc&per_page=3')).map(sync => sync['id']);
		const ids = test.sim.world.syncIds();
		expect(ascending).toEqual(ids.slice(0, 3));
		expect(descending).toEqual(ids.slice(-3).reverse());
	});

	it('gives sync objects with label, status, schedule, source and destination', async () => {
		const test = await start();
		const syncId = test.sim.world.syncIds()[0];
		const sync = envelope(await test.call(`/syncs/${syncId}`)).data as Record<string, unknown>;

		expect(sync).toMatchObject({
			id: syncId,
			label: 'Users → Salesforce Contacts',
			paused: false,
			operation: 'upsert',
			source_attributes: {connection_id: expect.any(Number), object: {type: 'model', name: 'users_enriched'}},
			destination_attributes: {connection_id: expect.any(Number), object: 'Contact'},
			mode: {type: 'live', triggers: {schedule: {frequency: 'continuous'}}},
			schedule_frequency: 'continuous',
		});
		expect(['ready', 'up to date', 'failing']).toContain(String(sync['status']).toLowerCase());
		expect(Array.isArray(sync['mappings'])).toBe(true);
	});
});

describe('sync runs', () => {
	it('lists each sync’s runs newest first', async () => {
		const test = await start();
		test.clock.advance(5 * 60_000);
		for (const syncId of test.sim.world.syncIds()) {
			const runs = records(await test.call(`/syncs/${syncId}/sync_runs`));
			const ids = runs.map(run => run['id'] as number);
			expect(ids.length).toBeGreaterThan(0);
			expect(ids).toEqual([...ids].sort((a, b) => b - a));
			expect(runs.every(run => run['sync_id'] === syncId)).toBe(true);
		}
	});

	it('gives every documented run field with its documented type', async () => {
		const test = await start();
		test.clock.advance(2 * 60_000);
		const runs = await allRuns(test);
		expect(runs.length).toBeGreaterThan(40);
		for (const run of runs) {
			for (const [field, check] of Object.entries(RUN_FIELDS)) {
				expect(check(run[field]), `run ${String(run['id'])} ${field}=${JSON.stringify(run[field])}`).toBe(true);
			}

			expect(run['current_step'] === undefined || typeof run['current_step'] === 'string').toBe(true);
			expect(run['sync_trigger_reason']).toEqual({ui_tag: expect.any(String), ui_detail: expect.any(String)});
		}
	});

	it('gives working runs a current_step and ended runs a completed_at (or, failed, an updated_at)', async () => {
		const test = await start();
		const runs = await allRuns(test);
		const working = runs.filter(run => run['status'] === 'working');
		const ended = runs.filter(run => ['completed', 'failed', 'skipped'].includes(String(run['status'])));

		expect(working.length).toBeGreaterThan(0);
		expect(ended.length).toBeGreaterThan(0);
		for (const run of working) {
			expect(RUN_STEPS).toContain(run['current_step']);
			expect(run['completed_at']).toBeNull();
		}

		// Census leaves completed_at null on some failed runs; updated_at then says when it ended.
		for (const run of ended) {
			if (run['status'] === 'failed' && run['completed_at'] === null) {
				expect(run['updated_at']).toMatch(ISO);
			} else {
				expect(run['completed_at']).toMatch(ISO);
			}
		}
	});

	it('pages a sync’s runs: per_page=1 is the newest run', async () => {
		const test = await start();
		const syncId = test.sim.world.syncIds()[3];
		const newest = test.sim.world.runIds(syncId ?? 0)?.[0];
		const answer = await test.call(`/syncs/${syncId}/sync_runs?per_page=1`);
		expect(records(answer).map(run => run['id'])).toEqual([newest]);
		expect(envelope(answer).pagination).toMatchObject({page: 1, per_page: 1, next_page: 2});
	});

	it('fetches one run, and moves it along as the clock moves', async () => {
		const test = await start({workingAtStart: 0, schedulesPaused: true});
		const syncId = test.sim.world.syncIds()[0] ?? 0;
		const runId = test.sim.world.trigger(syncId) ?? 0;
		const before = envelope(await test.call(`/sync_runs/${runId}`));
		test.clock.advance(10 * 60_000);
		const after = envelope(await test.call(`/sync_runs/${runId}`));

		expect(before).toMatchObject({status: 'success', data: {id: runId, sync_id: syncId, status: 'queued'}});
		expect(['completed', 'failed']).toContain((after.data as Record<string, unknown>)['status']);
	});

	it('answers 404 with {"status":404} for a missing run, sync or path', async () => {
		const test = await start();
		for (const path of ['/sync_runs/999999', '/syncs/999', '/syncs/999/sync_runs', '/sync_runs', '/syncs/abc', '/workspaces']) {
			const answer = await test.call(path);
			expect(answer.status, path).toBe(404);
			expect(answer.body, path).toEqual({status: 404});
		}
	});
});

describe('trigger and cancel', () => {
	it('trigger answers data.sync_run_id, and that run can be fetched', async () => {
		const test = await start();
		const syncId = test.sim.world.syncIds()[7];
		const answer = await test.call(`/syncs/${syncId}/trigger?force_full_sync=true`, {method: 'POST'});

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({status: 'success', data: {sync_run_id: expect.any(Number)}});
		const runId = (envelope(answer).data as {sync_run_id: number}).sync_run_id;
		const run = envelope(await test.call(`/sync_runs/${runId}`)).data;
		expect(run).toMatchObject({id: runId, sync_id: syncId, full_sync: true, sync_trigger_reason: {ui_tag: 'API'}});
		expect(records(await test.call(`/syncs/${syncId}/sync_runs?per_page=1`))[0]?.['id']).toBe(runId);
	});

	it('trigger of a missing sync answers 404 with an error message', async () => {
		const test = await start();
		const answer = await test.call('/syncs/999/trigger', {method: 'POST'});
		expect(answer.status).toBe(404);
		expect(answer.body).toEqual({status: 'error', message: 'Sync 999 was not found'});
	});

	it('cancel answers envelope status "cancelled"; the run reads canceled while it winds down, then ends', async () => {
		const test = await start({workingAtStart: 0, schedulesPaused: true});
		const runId = test.sim.world.trigger(test.sim.world.syncIds()[0] ?? 0) ?? 0;
		test.clock.advance(5000);
		const answer = await test.call(`/sync_runs/${runId}/cancel`, {method: 'POST'});

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({status: 'cancelled', data: {}});
		const canceling = envelope(await test.call(`/sync_runs/${runId}`)).data as Record<string, unknown>;
		expect(canceling).toMatchObject({canceled: true, completed_at: null});
		expect(['queued', 'working']).toContain(canceling['status']);
		expect((await test.call(`/sync_runs/${runId}/cancel`, {method: 'POST'})).body).toEqual({status: 'cancelled', data: {}});

		test.clock.advance(CANCEL_GRACE_MS);
		const run = envelope(await test.call(`/sync_runs/${runId}`)).data as Record<string, unknown>;
		expect(run).toMatchObject({canceled: true, completed_at: new Date(T0 + 5000 + CANCEL_GRACE_MS).toISOString()});
		expect(['completed', 'failed']).toContain(run['status']);

		const again = await test.call(`/sync_runs/${runId}/cancel`, {method: 'POST'});
		expect(again.status).toBe(400);
		expect(again.body).toEqual({status: 'error', message: `Sync run ${runId} has already finished`});
		expect((await test.call('/sync_runs/999999/cancel', {method: 'POST'})).status).toBe(404);
	});
});

describe('request log', () => {
	it('records method, path, route, query, status, sim time and authorization, newest last', async () => {
		const test = await start();
		test.clock.advance(1234);
		await test.call('/syncs?per_page=2');
		await test.call('/sync_runs/999999', {token: null});

		expect(test.sim.requests).toEqual([
			{method: 'GET', version: 'v1', path: '/syncs', route: 'syncs', query: {per_page: '2'}, status: 200, at: T0 + 1234, authorization: 'bearer'},
			{method: 'GET', version: 'v1', path: '/sync_runs/999999', route: 'sync_run', query: {}, status: 401, at: T0 + 1234, authorization: 'none'},
		]);
		test.sim.clearRequests();
		expect(test.sim.requests).toEqual([]);
	});

	it('keeps only the newest requests', async () => {
		const test = await start({requestLogLimit: 3});
		for (const page of [1, 2, 3, 4, 5]) {
			await test.call(`/syncs?page=${page}`);
		}

		expect(test.sim.requests.map(entry => entry.query['page'])).toEqual(['3', '4', '5']);
	});
});
