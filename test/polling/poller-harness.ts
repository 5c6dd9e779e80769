import {afterEach} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {startServer, type TestServer} from '../census/helpers.js';

// The real engine against the scripted Census stand-in, watching one run at a quick pace, with the poller
// stopped and the server closed after each test even when it fails half-way.

export type PollerHarness = {
	startServer(): Promise<TestServer>;
	/** A store and a poller, not started yet, that watch run `id` on the server started last. */
	watchRun(id: number): {store: RunStoreApi; poller: Poller};
};

/** Call at a test file's top level: it registers the afterEach that cleans up. */
export function pollerHarness(token: string): PollerHarness {
	let server: TestServer | null = null;
	let poller: Poller | null = null;
	afterEach(async () => {
		poller?.stop();
		await server?.close();
		server = null;
		poller = null;
	});
	return {
		async startServer() {
			server = await startServer();
			return server;
		},
		watchRun(id) {
			if (!server) throw new Error('watchRun before startServer');
			const api = createCensusClient({baseUrl: server.baseUrl, token, retry: {limit: 0}});
			const store = createRunStore({watch: {runIds: [id], syncIds: [], all: false}});
			poller = createPoller({api, store, config: {budgetPerMinute: 2000, intervalMs: 300, minGapMs: 150}});
			return {store, poller};
		},
	};
}
