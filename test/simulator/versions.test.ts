import {afterEach, describe, expect, it} from 'vitest';
import {DEFAULT_PAT} from '../../source/simulator/server.js';
import {envelope, records, startTestSimulator, TOKEN, type TestSimulator} from './helpers.js';

const started: TestSimulator[] = [];

async function start(options: Parameters<typeof startTestSimulator>[0] = {}): Promise<TestSimulator> {
	const test = await startTestSimulator(options);
	started.push(test);
	return test;
}

afterEach(async () => {
	await Promise.all(started.splice(0).map(async test => test.sim.close()));
});

const V1_ONLY = 'secret-token:v1-only-5e1f';

describe('one world under /api/v1 and /api/v2', () => {
	it('gives both roots and the tokens each accepts', async () => {
		const test = await start({token: V1_ONLY});
		expect(test.sim.v1Root).toBe(test.sim.url);
		expect(test.sim.v1Root).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
		expect(test.sim.v2Root).toBe(test.sim.v1Root.replace(/v1$/, 'v2'));
		expect(test.sim.token).toBe(V1_ONLY);
		expect(test.sim.pat).toBe(DEFAULT_PAT);
		expect((await start({pat: 'pat-given'})).sim).toMatchObject({token: null, pat: 'pat-given'});
	});

	it('refuses a PAT that is also the workspace token', async () => {
		await expect(start({token: 'same', pat: 'same'})).rejects.toThrow(/differ/);
	});

	it('serves the same syncs and runs on both, v2 adding group_id and activation_id', async () => {
		const test = await start();
		const syncId = test.sim.world.syncIds()[0] ?? 0;
		const runId = test.sim.world.runIds(syncId)?.[0] ?? 0;
		const pairs = [`/syncs/${syncId}`, `/sync_runs/${runId}`, `/syncs/${syncId}/sync_runs?per_page=3`, '/syncs?per_page=2'];
		for (const path of pairs) {
			const v1 = envelope(await test.call(path));
			const v2 = envelope(await test.call(path, {version: 'v2'}));
			const items = (body: unknown): Array<Record<string, unknown>> => (Array.isArray(body) ? body : [body]) as Array<Record<string, unknown>>;
			const [v1Items, v2Items] = [items(v1.data), items(v2.data)];

			expect(v2Items.length, path).toBe(v1Items.length);
			for (const [at, item] of v2Items.entries()) {
				const {group_id: group, activation_id: activation, ...rest} = item;
				expect(rest, path).toEqual(v1Items[at]);
				expect(group, path).toMatch(/^[a-z]+_[a-z]+$/);
				expect(activation, path).toMatch(/^act_[a-z_]+_\d+$/);
				expect(v1Items[at], path).not.toHaveProperty('group_id');
				expect(v1Items[at], path).not.toHaveProperty('activation_id');
			}

			expect(v2.pagination, path).toEqual(v1.pagination);
		}
	});

	it('gives a run the group and activation of its sync', async () => {
		const test = await start();
		const syncId = test.sim.world.syncIds()[2] ?? 0;
		const sync = envelope(await test.call(`/syncs/${syncId}`, {version: 'v2'})).data as Record<string, unknown>;
		const runs = records(await test.call(`/syncs/${syncId}/sync_runs`, {version: 'v2'}));
		expect(runs.length).toBeGreaterThan(0);
		for (const run of runs) {
			expect(run).toMatchObject({group_id: sync['group_id'], activation_id: sync['activation_id']});
		}
	});

	it('links the next page under the root that was asked', async () => {
		const test = await start();
		expect(envelope(await test.call('/syncs?per_page=1', {version: 'v2'})).next).toBe(`${test.sim.v2Root}/syncs?page=2&per_page=1&order=desc`);
	});

	it('triggers at /api/v2/syncs/{id}/trigger and cancels at /api/v2/sync_runs/{id}/cancel', async () => {
		const test = await start({workingAtStart: 0, schedulesPaused: true});
		const syncId = test.sim.world.syncIds()[0] ?? 0;
		const triggered = await test.call(`/syncs/${syncId}/trigger?force_full_sync=false`, {method: 'POST', version: 'v2'});
		expect(triggered.body).toEqual({status: 'success', data: {sync_run_id: expect.any(Number)}});
		const runId = (envelope(triggered).data as {sync_run_id: number}).sync_run_id;
		test.clock.advance(3000);

		const canceled = await test.call(`/sync_runs/${runId}/cancel`, {method: 'POST', version: 'v2'});
		expect(canceled.body).toEqual({status: 'cancelled', data: {}});
		expect(envelope(await test.call(`/sync_runs/${runId}`)).data).toMatchObject({id: runId, canceled: true});
		expect(test.sim.requests.map(entry => [entry.version, entry.route])).toEqual([
			['v2', 'trigger'],
			['v2', 'cancel'],
			['v1', 'sync_run'],
		]);
	});
});

describe('tokens by version', () => {
	it('v1 takes the workspace token, v2 the PAT; each refuses the other kind with a 401 in Census’s form', async () => {
		const test = await start({token: V1_ONLY});
		expect((await test.call('/syncs', {token: V1_ONLY})).status).toBe(200);
		expect((await test.call('/syncs', {version: 'v2', token: DEFAULT_PAT})).status).toBe(200);

		const patOnV1 = await test.call('/syncs', {token: DEFAULT_PAT});
		const workspaceOnV2 = await test.call('/syncs', {version: 'v2', token: V1_ONLY});
		expect(patOnV1.status).toBe(401);
		expect(patOnV1.body).toEqual({status: 401, message: expect.stringContaining('workspace API token')});
		expect(workspaceOnV2.status).toBe(401);
		expect(workspaceOnV2.body).toEqual({status: 401, message: expect.stringContaining('personal access token')});
		expect(test.sim.requests.map(entry => [entry.version, entry.authorization])).toEqual([
			['v1', 'bearer'],
			['v2', 'bearer'],
			['v1', 'wrong_kind'],
			['v2', 'wrong_kind'],
		]);
	});

	it('without a workspace token, v1 takes any token but the PAT, and v2 refuses any workspace-looking token', async () => {
		const test = await start();
		expect((await test.call('/syncs', {token: 'anything'})).status).toBe(200);
		expect((await test.call('/syncs', {token: DEFAULT_PAT})).status).toBe(401);
		expect((await test.call('/syncs', {version: 'v2', token: TOKEN})).body).toMatchObject({status: 401, message: expect.stringContaining('personal access token')});
		expect((await test.call('/syncs', {version: 'v2', token: 'anything'})).body).toMatchObject({status: 401, message: expect.stringContaining('invalid')});
		expect((await test.call('/syncs', {version: 'v2', token: null})).body).toMatchObject({status: 401, message: expect.stringContaining('Missing')});
	});

	it('never says "v2" or "retired" in an ordinary 401, which a client would read as a retired v1', async () => {
		const test = await start({token: V1_ONLY});
		const bodies = [
			await test.call('/syncs', {token: DEFAULT_PAT}),
			await test.call('/syncs', {token: 'wrong'}),
			await test.call('/syncs', {token: null}),
			await test.call('/syncs', {version: 'v2', token: V1_ONLY}),
		].map(answer => answer.text);
		for (const body of bodies) {
			expect(body).not.toMatch(/v2|retire|deprecat/i);
		}
	});
});

describe('the v1Retired knob', () => {
	const RUN_PATHS = ['/syncs', '/sync_runs/1', '/syncs/1/sync_runs', '/no/such/route'];

	it('"410": every v1 route answers 410 with a message naming v2; v2 still works', async () => {
		const test = await start();
		test.sim.faults.set({v1Retired: '410'});
		for (const path of RUN_PATHS) {
			const answer = await test.call(path);
			expect(answer.status, path).toBe(410);
			expect(answer.body, path).toEqual({status: 410, message: expect.stringMatching(/retired.*v2/)});
		}

		expect((await test.call('/syncs/1/trigger', {method: 'POST'})).status).toBe(410);
		expect((await test.call('/syncs', {version: 'v2'})).status).toBe(200);
	});

	it('"404": every v1 route answers {"status": 404}, whatever the token', async () => {
		const test = await start();
		test.sim.faults.set({v1Retired: '404'});
		for (const path of RUN_PATHS) {
			const answer = await test.call(path, {token: null});
			expect(answer.status, path).toBe(404);
			expect(answer.body, path).toEqual({status: 404});
		}

		expect((await test.call('/syncs', {version: 'v2'})).status).toBe(200);
	});

	it('"redirect": 301 for reads and 308 for writes, to the same path and query under /api/v2', async () => {
		const test = await start();
		test.sim.faults.set({v1Retired: 'redirect'});
		const read = await test.call('/syncs?per_page=1&page=2');
		const write = await test.call('/syncs/5/trigger?force_full_sync=true', {method: 'POST'});

		expect(read.status).toBe(301);
		expect(read.headers.get('location')).toBe(`${test.sim.v2Root}/syncs?per_page=1&page=2`);
		expect(write.status).toBe(308);
		expect(write.headers.get('location')).toBe(`${test.sim.v2Root}/syncs/5/trigger?force_full_sync=true`);
		expect(test.sim.requests.map(entry => entry.status)).toEqual([301, 308]);
	});

	it('"401": every v1 request, even with the right token, is refused with a message saying v1 was retired', async () => {
		const test = await start({token: TOKEN});
		test.sim.faults.set({v1Retired: '401'});
		const answer = await test.call('/syncs', {token: TOKEN});

		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({status: 401, message: expect.stringMatching(/v1 has been retired.*v2/)});
		expect((await test.call('/syncs', {version: 'v2'})).status).toBe(200);
	});

	it('is set and cleared with POST and DELETE /__sim/faults, and can be given at start', async () => {
		const test = await start();
		const set = await test.call('/__sim/faults', {method: 'POST', body: JSON.stringify({v1Retired: '410'})});
		expect(set.status).toBe(200);
		expect((await test.call('/syncs')).status).toBe(410);
		await test.call('/__sim/faults', {method: 'DELETE'});
		expect((await test.call('/syncs')).status).toBe(200);

		const bad = await test.call('/__sim/faults', {method: 'POST', body: JSON.stringify({v1Retired: 'gone'})});
		expect(bad.status).toBe(400);

		const retiredAtStart = await start({v1Retired: 'redirect'});
		expect((await retiredAtStart.call('/syncs')).status).toBe(301);
	});

	it('logs the retired answers with their version', async () => {
		const test = await start();
		test.sim.faults.set({v1Retired: '410'});
		await test.call('/syncs');
		await test.call('/syncs', {version: 'v2'});
		expect(test.sim.requests.map(entry => [entry.version, entry.status])).toEqual([
			['v1', 410],
			['v2', 200],
		]);
	});
});

describe('429 in Census’s bare form', () => {
	it('answers an empty body with Retry-After: 0', async () => {
		const test = await start();
		test.sim.faults.set({rateLimitEvery: 1, retryAfterSeconds: 0, rateLimitEmptyBody: true});
		const answer = await test.call('/syncs', {version: 'v2'});

		expect(answer.status).toBe(429);
		expect(answer.text).toBe('');
		expect(answer.headers.get('retry-after')).toBe('0');
	});
});
