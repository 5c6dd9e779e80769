import {getEventListeners} from 'node:events';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';

// The poller hands the client one signal for its whole life. Nothing the client makes per request may
// stay attached to it: Node 20 records every signal AbortSignal.any() derives from a source in a set on
// that source (weak references that are never pruned), and keeps a derived signal that something listens
// to alive for as long as the source may abort. Over a day of polling that was tens of MB (the soak test).

const TOKEN = 'secret-token:abortsignals0123456789';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({port: 0, seed: 2, token: TOKEN, scenario: 'quiet', syncs: 1});
});

afterAll(async () => {
	await sim.close();
});

/** The signals Node has recorded as derived from `signal` (its internal kDependantSignals set). */
const derivedFrom = (signal: AbortSignal): number => {
	const symbol = Object.getOwnPropertySymbols(signal).find(candidate => candidate.description === 'kDependantSignals');
	const set = symbol === undefined ? undefined : (signal as unknown as Record<symbol, {size?: unknown} | undefined>)[symbol];
	return typeof set?.size === 'number' ? set.size : 0;
};

describe('the caller’s long-lived signal', () => {
	it('has nothing of 200 finished requests attached to it', async () => {
		// The check reads a Node internal: make sure it still sees what it looks for.
		const probe = new AbortController();
		AbortSignal.any([probe.signal, new AbortController().signal]);
		expect(derivedFrom(probe.signal)).toBe(1);

		const poller = new AbortController();
		const api = createCensusClient({baseUrl: sim.url, token: TOKEN, retry: {limit: 0}});
		const runId = sim.world.runIds(sim.world.syncIds()[0]!)![0]!;
		for (let request = 0; request < 200; request++) await api.getSyncRun(runId, {signal: poller.signal});

		expect(derivedFrom(poller.signal)).toBe(0);
		expect(getEventListeners(poller.signal, 'abort')).toHaveLength(0);
	});

	it('still aborts a request in flight', async () => {
		sim.faults.set({latencyMs: 5000});
		const poller = new AbortController();
		const api = createCensusClient({baseUrl: sim.url, token: TOKEN, retry: {limit: 0}});
		const runId = sim.world.runIds(sim.world.syncIds()[0]!)![0]!;
		const request = api.getSyncRun(runId, {signal: poller.signal});
		setTimeout(() => poller.abort(), 100);
		await expect(request).rejects.toMatchObject({kind: 'aborted'});
		sim.faults.clear();
		expect(getEventListeners(poller.signal, 'abort')).toHaveLength(0);
	});
});
