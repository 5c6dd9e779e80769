import {afterEach, describe, expect, it} from 'vitest';
import {DEFAULT_SCHEDULER_CONFIG} from '../../source/polling/config.js';
import {closeRigs, eventually, FAST, mostAtOnce, newestRuns, onClose, rig, sleep, startSim, type Rig} from './rig.js';
import {startProxy} from './proxy.js';

// Faults through the simulator's knobs, against store + engine + client over real HTTP: what the store
// (and so the screen) holds while each fault lasts, and that the app comes back by itself afterwards.

afterEach(closeRigs);

const allShown = ({sim, store}: Rig): void => {
	for (const id of newestRuns(sim)) expect(store.getState().runs[id]?.run?.id).toBe(id);
};

const started = async (made: Rig): Promise<Rig> => {
	made.poller.start();
	await eventually(() => {
		allShown(made);
		expect(made.store.getState().health.kind).toBe('live');
	});
	return made;
};

describe('slow answers', () => {
	it('with 2 s latency the runs appear, no request times out, and no target is asked twice at once', async () => {
		const sim = await startSim({syncs: 2});
		sim.faults.set({latencyMs: 2000});
		const made = rig(sim, {watch: {runIds: newestRuns(sim)}});
		made.poller.start();
		await eventually(() => allShown(made));
		await sleep(2500);
		made.poller.stop();

		expect(made.attempts.length).toBeGreaterThan(0);
		expect(made.attempts.every(event => event.status === 200 && event.durationMs >= 1900)).toBe(true);
		for (const path of new Set(made.attempts.map(event => event.path))) {
			expect(mostAtOnce(made.attempts.filter(event => event.path === path))).toBe(1);
		}

		expect(made.store.getState().health.kind).toBe('live');
	});
});

describe('server errors', () => {
	it('a burst of 5xx says the API answers 5xx (not offline), keeps the data, and clears by itself', async () => {
		const sim = await startSim();
		const made = await started(rig(sim, {watch: {runIds: newestRuns(sim)}}));

		sim.faults.set({serverErrorRate: 1});
		await eventually(() => expect(made.store.getState().health.kind).toBe('api_error'));
		await sleep(200);
		const early = made.store.getState();
		await sleep(1000);
		const during = made.store.getState();
		expect(during.health).toMatchObject({kind: 'api_error', status: expect.any(Number), message: expect.stringMatching(/: 50[023] /)});
		expect(during.lastSuccessAt).toBe(early.lastSuccessAt);
		for (const id of newestRuns(sim)) expect(during.runs[id]?.run).toBe(early.runs[id]?.run);
		allShown(made);
		expect(new Set(sim.requests.filter(entry => entry.status !== null && entry.status >= 500).map(entry => entry.status))).toEqual(new Set([500, 502, 503]));

		sim.faults.clear();
		const cleared = Date.now();
		await eventually(() => {
			const state = made.store.getState();
			expect(state.health.kind).toBe('live');
			for (const id of newestRuns(sim)) expect(state.runs[id]?.lastError).toBeNull();
			expect(state.lastSuccessAt).toBeGreaterThanOrEqual(cleared);
		});
	});
});

describe('429 storms', () => {
	it('with Retry-After: nothing goes out inside any pause, and the runs come once it ends', async () => {
		const sim = await startSim();
		sim.faults.set({rateLimitRate: 1, retryAfterSeconds: 1});
		const made = rig(sim, {watch: {runIds: newestRuns(sim)}});
		made.poller.start();
		// The client retries inside one call, so the server can log several 429s before the poller hears of
		// one: wait for the poller's own state, not for a count of the server's answers.
		await eventually(() => {
			expect(sim.requests.filter(entry => entry.status === 429).length).toBeGreaterThanOrEqual(3);
			expect(made.store.getState().health.kind).toBe('rate_limited');
		});
		sim.faults.clear();
		await eventually(() => allShown(made));

		const log = sim.requests;
		for (const [index, entry] of log.entries()) {
			const next = log[index + 1];
			if (entry.status === 429 && next !== undefined) expect(next.at - entry.at).toBeGreaterThanOrEqual(1000);
		}
	});

	it('without Retry-After: the pause starts short and doubles while the 429s go on', async () => {
		const sim = await startSim();
		sim.faults.set({rateLimitRate: 1, retryAfterSeconds: null});
		const made = rig(sim, {watch: {runIds: newestRuns(sim)}});
		made.poller.start();
		await eventually(() => expect(sim.requests.length).toBeGreaterThanOrEqual(5));
		sim.faults.clear();
		await eventually(() => allShown(made));

		// The first pause is 100–200 ms (half to all of the 200 ms base), then each at least the last one's cap.
		const times = sim.requests.slice(0, 5).map(entry => entry.at);
		const gaps = times.slice(1).map((at, index) => at - (times[index] ?? 0));
		gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** index));
		expect(sim.requests.slice(0, 5).every(entry => entry.status === 429)).toBe(true);
	});
});

describe('broken bodies', () => {
	it.each([
		['not JSON (an HTML error page with status 200)', {malformedRate: 1}, /not JSON: <!DOCTYPE html>/],
		['JSON cut off halfway', {truncatedRate: 1}, /truncated JSON/],
	])('%s: the run keeps its data with the error beside it, and recovers', async (_name, spec, said) => {
		const sim = await startSim();
		const made = await started(rig(sim, {watch: {runIds: newestRuns(sim)}}));
		const [runId] = newestRuns(sim);

		sim.faults.set(spec, 'sync_run');
		await eventually(() => expect(made.store.getState().runs[runId!]?.lastError).toMatch(said));
		const seen = made.store.getState().runs[runId!]?.run;
		await sleep(500);
		expect(seen).not.toBeNull();
		expect(made.store.getState().runs[runId!]?.run).toBe(seen);
		expect(made.store.getState().runs[runId!]?.lastError).toMatch(said);
		expect(made.store.getState().health.kind).toBe('retrying');

		sim.faults.clear();
		await eventually(() => {
			expect(made.store.getState().runs[runId!]?.lastError).toBeNull();
			expect(made.store.getState().health.kind).toBe('live');
		});
	});
});

describe('dropped connections', () => {
	it('one request in two dropped: the client retries within the call and the runs stay live', async () => {
		const sim = await startSim();
		sim.faults.set({dropEvery: 2});
		const made = await started(rig(sim, {watch: {runIds: newestRuns(sim)}}));
		await sleep(1000);
		expect(made.attempts.filter(event => event.status === null).length).toBeGreaterThan(2);
		expect(made.store.getState().health.kind).toBe('live');
		allShown(made);
	});
});

describe('the API gone and back', () => {
	it('keeps the last data, says offline since when, probes one at a time, and recovers by itself', async () => {
		const sim = await startSim();
		const made = await started(rig(sim, {watch: {runIds: newestRuns(sim)}}));

		const gone = Date.now();
		await sim.suspend();
		await sleep(100);
		const {runs, lastSuccessAt} = made.store.getState();
		await eventually(() => expect(made.store.getState().health.kind).toBe('offline'));
		await sleep(3000);
		const during = made.store.getState();
		expect(during.health).toMatchObject({kind: 'offline', message: expect.stringMatching(/network error \(ECONNREFUSED\)/)});
		const since = during.health.kind === 'offline' ? during.health.since : 0;
		expect(since).toBeGreaterThanOrEqual(gone);
		expect(since).toBeLessThan(gone + 2000);
		for (const id of newestRuns(sim)) expect(during.runs[id]?.run).toBe(runs[id]?.run);
		allShown(made);
		expect(during.lastSuccessAt).toBe(lastSuccessAt);
		const probes = made.attempts.filter(event => event.startedAt >= gone + 1000);
		expect(probes.length).toBeGreaterThan(0);
		expect(mostAtOnce(probes)).toBe(1);
		// Each probe is one request with the client's two retries, at least half a probe step apart.
		expect(probes.length).toBeLessThanOrEqual(3 * (1 + Math.ceil((Date.now() - gone - 1000) / (FAST.offlineProbeMs! / 2))));

		const back = Date.now();
		await sim.resume();
		await eventually(() => {
			expect(made.store.getState().health.kind).toBe('live');
			expect(made.store.getState().lastSuccessAt).toBeGreaterThanOrEqual(back);
		});
		allShown(made);
	});
});

describe('the token revoked mid-run', () => {
	it('pauses polling after the first 401, with one notice, keeps the runs, and sends nothing more until the check', async () => {
		const sim = await startSim();
		const proxy = await startProxy({target: sim.url});
		onClose(proxy.close);
		const made = await started(rig(sim, {watch: {runIds: newestRuns(sim), syncIds: sim.world.syncIds().slice(0, 1)}, baseUrl: proxy.url}));
		proxy.revoke();
		await eventually(() => expect(made.store.getState().health.kind).toBe('token_rejected'));
		const rejected = proxy.hits.filter(hit => hit.status === 401);
		expect(rejected.length).toBeGreaterThanOrEqual(1);
		expect(rejected.length).toBeLessThanOrEqual(DEFAULT_SCHEDULER_CONFIG.maxInFlight);
		const count = proxy.hits.length;
		await sleep(2000);
		expect(proxy.hits.length).toBe(count);

		const state = made.store.getState();
		expect(state.notices.filter(notice => /Polling paused/.test(notice.text))).toHaveLength(1);
		expect(state.notices.map(notice => notice.text).join('\n')).not.toContain('reliability0123456789abcdef');
		for (const id of newestRuns(sim)) expect(state.runs[id]?.run?.id).toBe(id);
	});
});
