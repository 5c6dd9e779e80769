import {afterEach, describe, expect, it} from 'vitest';
import {envelope, records, startTestSimulator, type TestSimulator} from './helpers.js';

let current: TestSimulator | undefined;

async function start(): Promise<TestSimulator> {
	current = await startTestSimulator();
	RUN = `/sync_runs/${current.sim.world.runIds(current.sim.world.syncIds()[0] ?? 0)?.at(-1) ?? 0}`;
	return current;
}

afterEach(async () => {
	await current?.sim.close();
	current = undefined;
});

/** A run of the workspace (the oldest of its first sync), read from the world rather than assumed. */
let RUN = '';

describe('fault knobs', () => {
	it('adds latency before answering', async () => {
		const test = await start();
		test.sim.faults.set({latencyMs: 150});
		const started = performance.now();
		const answer = await test.call(RUN);

		expect(answer.status).toBe(200);
		// Loosely: timers may fire a millisecond early by rounding.
		expect(performance.now() - started).toBeGreaterThanOrEqual(145);
	});

	it('answers every Nth request of a route with a 5xx, and leaves other routes alone', async () => {
		const test = await start();
		test.sim.faults.set({serverErrorEvery: 2}, 'sync_run');
		const statuses = [];
		for (let at = 0; at < 4; at += 1) {
			statuses.push((await test.call(RUN)).status);
		}

		expect(statuses.map(status => (status >= 500 ? '5xx' : status))).toEqual([200, '5xx', 200, '5xx']);
		expect((await test.call('/syncs')).status).toBe(200);
		expect((await test.call('/syncs')).status).toBe(200);
	});

	it('answers a share of requests with a 5xx', async () => {
		const test = await start();
		test.sim.faults.set({serverErrorRate: 0.5});
		const statuses = [];
		for (let at = 0; at < 40; at += 1) {
			statuses.push((await test.call(RUN)).status);
		}

		const failures = statuses.filter(status => status >= 500).length;
		expect(failures).toBeGreaterThan(8);
		expect(failures).toBeLessThan(32);
	});

	it('answers 429 with Retry-After when asked, without it for null', async () => {
		const test = await start();
		test.sim.faults.set({rateLimitEvery: 1, retryAfterSeconds: 3});
		const limited = await test.call(RUN);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(limited.body).toEqual({status: 429, message: 'Too Many Requests'});

		test.sim.faults.set({rateLimitEvery: 1, retryAfterSeconds: null});
		const bare = await test.call(RUN);
		expect(bare.status).toBe(429);
		expect(bare.headers.has('retry-after')).toBe(false);
	});

	it('sends a 200 whose JSON body cannot be parsed', async () => {
		const test = await start();
		test.sim.faults.set({malformedRate: 1});
		const response = await fetch(`${test.sim.url}${RUN}`, {headers: {authorization: 'Bearer t'}});

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/json');
		await expect(response.json()).rejects.toThrow();
	});

	it('cuts a body off halfway', async () => {
		const test = await start();
		const whole = (await test.call(RUN)).text;
		test.sim.faults.set({truncatedRate: 1});
		const cut = (await test.call(RUN)).text;

		expect(() => JSON.parse(cut) as unknown).toThrow();
		expect(cut.length).toBeGreaterThan(10);
		expect(whole.startsWith(cut)).toBe(true);
	});

	it('drops the connection, so that fetch rejects', async () => {
		const test = await start();
		test.sim.faults.set({dropEvery: 1}, 'sync_run');
		await expect(test.call(RUN)).rejects.toThrow();
		expect(test.sim.requests.at(-1)).toMatchObject({route: 'sync_run', status: null});
		expect((await test.call('/syncs')).status).toBe(200);
	});
});

describe('control routes', () => {
	it('sets knobs per route with POST /__sim/faults and clears them with DELETE', async () => {
		const test = await start();
		const set = await test.call('/__sim/faults', {method: 'POST', body: JSON.stringify({route: 'sync_run', serverErrorEvery: 1, serverErrorStatus: 503})});
		expect(set.status).toBe(200);
		const unavailable = await test.call(RUN);
		expect(unavailable.status).toBe(503);
		expect(unavailable.body).toEqual({status: 503, message: 'Service Unavailable'});
		expect((await test.call('/syncs')).status).toBe(200);

		expect((await test.call('/__sim/faults', {method: 'DELETE'})).status).toBe(200);
		expect((await test.call(RUN)).status).toBe(200);
	});

	it('refuses a bad knob with 400 and a message', async () => {
		const test = await start();
		const answer = await test.call('/__sim/faults', {method: 'POST', body: '{"dropRate": 3}'});
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({status: 'error', message: 'dropRate must be a number from 0 to 1'});
		expect((await test.call('/__sim/faults', {method: 'POST', body: 'not json'})).status).toBe(400);
	});

	it('serves the request log at GET /__sim/requests, without logging itself', async () => {
		const test = await start();
		await test.call('/syncs?per_page=1');
		const answer = await test.call('/__sim/requests');
		expect(records(answer)).toEqual([expect.objectContaining({path: '/syncs', route: 'syncs', status: 200})]);
		expect(envelope(answer).status).toBe('success');
	});
});

describe('lifecycle', () => {
	it('suspend makes the API unreachable; resume brings it back on the same port', async () => {
		const test = await start();
		expect((await test.call(RUN)).status).toBe(200);
		await test.sim.suspend();
		await expect(test.call(RUN)).rejects.toThrow();

		await test.sim.resume();
		expect(new URL(test.sim.url).port).toBe(String(test.sim.port));
		expect((await test.call(RUN)).status).toBe(200);
	});

	it('suspend does not wait for a request held by latency', async () => {
		const test = await start();
		test.sim.faults.set({latencyMs: 60_000});
		const pending = test.call(RUN);
		await new Promise(resolve => setTimeout(resolve, 50));
		await test.sim.suspend();
		await expect(pending).rejects.toThrow();
	});

	it('close does not wait for idle keep-alive connections', async () => {
		const test = await start();
		const first = await fetch(`${test.sim.url}${RUN}`, {headers: {authorization: 'Bearer t'}});
		await first.text();
		await test.sim.close();
		await expect(fetch(`${test.sim.url}${RUN}`)).rejects.toThrow();
	});
});
