import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {afterEach, describe, expect, it} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {startHostileServer, type Fault, type HostileServer} from './hostile-server.js';

// A request ends within its timeout whatever the server does after accepting it. On Node 20 a Request
// object links itself to its signal through a weak reference, and ky hands fetch a Request it then lets
// go of: once garbage collection has run, an abort no longer reached a body that stalled or trickled, and
// a request lasted until undici's own 5-minute body timeout (for ever, when trickled). Collecting garbage
// while the request hangs is what makes the difference, so these tests do it all along.

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const RUN = 7;
let server: HostileServer | undefined;
let collector: NodeJS.Timeout | undefined;

afterEach(async () => {
	clearInterval(collector);
	await server?.close();
	server = undefined;
});

async function hostile(fault: Fault): Promise<HostileServer> {
	server = await startHostileServer({runs: [{id: RUN, syncId: 1}]});
	server.setFault(`/sync_runs/${RUN}`, fault);
	collector = setInterval(collectGarbage, 20);
	return server;
}

const faults: Array<[string, Fault]> = [
	['stalls after the headers', {kind: 'stall-body'}],
	['trickles a byte every 100 ms', {kind: 'trickle', everyMs: 100}],
	['never sends the headers', {kind: 'stall-headers'}],
];

describe.each(faults)('an answer that %s', (_name, fault) => {
	it('times out, and the connection is dropped', async () => {
		const hostileServer = await hostile(fault);
		const api = createCensusClient({baseUrl: hostileServer.url, token: '', timeoutMs: 300, retry: {limit: 0}});
		await expect(api.getSyncRun(RUN)).rejects.toMatchObject({kind: 'timeout'});
		await expect.poll(() => hostileServer.abandoned(), {timeout: 5000}).toBe(1);
	});

	it('is aborted by the caller’s signal', async () => {
		const hostileServer = await hostile(fault);
		const api = createCensusClient({baseUrl: hostileServer.url, token: '', timeoutMs: 60_000, retry: {limit: 0}});
		const caller = new AbortController();
		const request = api.getSyncRun(RUN, {signal: caller.signal});
		await expect.poll(() => hostileServer.hitsTo(`/sync_runs/${RUN}`)).toBe(1);
		// Long enough for several collections while the body hangs.
		setTimeout(() => {
			caller.abort();
		}, 300);
		await expect(request).rejects.toMatchObject({kind: 'aborted'});
		await expect.poll(() => hostileServer.abandoned(), {timeout: 5000}).toBe(1);
	});

	it('is asked again after each timeout, as many times as the retries allow', async () => {
		const hostileServer = await hostile(fault);
		const api = createCensusClient({baseUrl: hostileServer.url, token: '', timeoutMs: 200, retry: {limit: 2, baseDelayMs: 10, maxDelayMs: 20}});
		await expect(api.getSyncRun(RUN)).rejects.toMatchObject({kind: 'timeout'});
		expect(hostileServer.hitsTo(`/sync_runs/${RUN}`)).toBe(3);
	});
});

describe('a look that does not retry timeouts', () => {
	it('asks a stalled run once, and still retries a 502', async () => {
		const hostileServer = await hostile({kind: 'stall-body'});
		const api = createCensusClient({baseUrl: hostileServer.url, token: '', timeoutMs: 1000, retry: {limit: 2, baseDelayMs: 10, maxDelayMs: 20, timeouts: false}});
		await expect(api.getSyncRun(RUN)).rejects.toMatchObject({kind: 'timeout'});
		expect(hostileServer.hitsTo(`/sync_runs/${RUN}`)).toBe(1);

		const path = `/sync_runs/${RUN}`;
		hostileServer.setFault(path, {kind: 'answer', status: 502, body: '{}'});
		await expect(api.getSyncRun(RUN)).rejects.toMatchObject({kind: 'server'});
		expect(hostileServer.hitsTo(path)).toBe(4);
	});
});

describe('an answer larger than the body limit', () => {
	it('is refused once 32 MB have come, and the rest is not read', async () => {
		const hostileServer = await hostile({kind: 'huge', bytes: 64 * 1024 * 1024});
		const api = createCensusClient({baseUrl: hostileServer.url, token: '', timeoutMs: 30_000, retry: {limit: 0}});
		await expect(api.getSyncRun(RUN)).rejects.toMatchObject({kind: 'bad_response', message: expect.stringContaining('larger than 32 MB') as string});
		await expect.poll(() => hostileServer.abandoned(), {timeout: 10_000}).toBe(1);
	});
});
