import {afterEach, describe, expect, it} from 'vitest';
import type {RequestEvent} from '../../source/census/api.js';
import {createCensusClient} from '../../source/census/client.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {startHostileServer, type Fault, type HostileServer} from './hostile-server.js';
import {FAST} from './rig.js';

// The poller, the store and the client as the TUI wires them (no retries within a call), against the
// hostile server: a run whose answers hang, trickle or are poison must neither hang the poller nor
// crash it, and its own requests must keep coming at the scheduler's pace, each ending with the timeout.

const BAD = 5;
const OTHER = 6;
const TIMEOUT_MS = 400;

let server: HostileServer | undefined;
let poller: Poller | undefined;

afterEach(async () => {
	poller?.stop();
	await server?.close();
	server = undefined;
});

async function start(fault: Fault | null, poison?: number): Promise<{api: HostileServer; store: RunStoreApi; attempts: RequestEvent[]}> {
	// Different syncs: each run is asked for on its own.
	server = await startHostileServer({runs: [{id: BAD, syncId: 1}, {id: OTHER, syncId: 2}]});
	if (fault !== null) server.setFault(`/sync_runs/${BAD}`, fault);
	if (poison !== undefined) server.poison(BAD, poison);
	const attempts: RequestEvent[] = [];
	const client = createCensusClient({baseUrl: server.url, token: '', timeoutMs: TIMEOUT_MS, retry: {limit: 0}, onRequest: event => attempts.push(event)});
	const store = createRunStore({watch: {runIds: [BAD, OTHER], syncIds: [], all: false}});
	poller = createPoller({api: client, store, config: FAST});
	poller.start();
	return {api: server, store, attempts};
}

const toBad = (attempts: readonly RequestEvent[]): RequestEvent[] => attempts.filter(event => event.path === `/sync_runs/${BAD}`);

describe.each<[string, Fault]>([
	['stalls after its headers', {kind: 'stall-body'}],
	['trickles', {kind: 'trickle', everyMs: 50}],
	['never sends its headers', {kind: 'stall-headers'}],
])('a run whose answer %s', (_name, fault) => {
	it('is asked again and again, each request ended by the timeout, and the other run is still refreshed', async () => {
		const {api, store, attempts} = await start(fault);
		await expect.poll(() => toBad(attempts).length, {timeout: 15_000}).toBeGreaterThanOrEqual(3);
		expect(toBad(attempts).every(event => event.status === null || event.status === 200)).toBe(true);
		// One at a time: a hung request would keep the next one from going out.
		expect(api.abandoned()).toBeGreaterThanOrEqual(toBad(attempts).length - 1);
		const seen = store.getState().fetchedAt[OTHER] ?? 0;
		await expect.poll(() => store.getState().fetchedAt[OTHER] ?? 0, {timeout: 10_000}).toBeGreaterThan(seen);
		// The server saw no more than the requests that ended and the one in flight.
		expect(api.hitsTo(`/sync_runs/${BAD}`)).toBeLessThanOrEqual(toBad(attempts).length + 1);
	});
});

describe('a poison run (5,000 levels of nesting)', () => {
	it('is taken in again and again without crashing, kept cut to a bounded depth', async () => {
		const {store, attempts} = await start(null, 5000);
		await expect.poll(() => toBad(attempts).filter(event => event.status === 200).length, {timeout: 15_000}).toBeGreaterThanOrEqual(3);
		const raw = store.getState().runs[BAD]?.run?.raw;
		expect(JSON.stringify(raw)).toContain('nested too deep');
		expect(store.getState().runs[OTHER]?.run?.id).toBe(OTHER);
	});
});
