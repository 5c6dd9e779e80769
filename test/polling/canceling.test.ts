// A run whose cancel was asked for (canceled: true while still working, no completed_at) has not ended:
// the poller keeps asking for it, at the working pace, until Census says it has, and then stops.
import {afterEach, describe, expect, it} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {runPhase} from '../../source/lib/status.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import {createRunStore} from '../../source/store/run-store.js';
import {runJson, startServer, success, type TestServer} from '../census/helpers.js';
import {eventually} from './eventually.js';

const TOKEN = 'secret-token:canceling-test-0123456789';

let server: TestServer | null = null;
let poller: Poller | null = null;

afterEach(async () => {
	poller?.stop();
	await server?.close();
	server = null;
	poller = null;
});

const sleep = async (ms: number): Promise<void> =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

describe('a run being canceled', () => {
	it('is polled until it has ended, then no more', async () => {
		server = await startServer();
		const canceling = success(runJson({id: 5, status: 'working', canceled: true, completed_at: null}));
		const canceled = success(runJson({id: 5, status: 'completed', canceled: true, completed_at: '2021-10-20T02:52:29.234Z'}));
		server.on('GET', '/sync_runs/5', canceling, canceling, canceling, canceled);
		server.on('GET', '/syncs/52', success({id: 52, label: 'Users', status: 'Ready'}));
		const api = createCensusClient({baseUrl: server.baseUrl, token: TOKEN, retry: {limit: 0}});
		const store = createRunStore({watch: {runIds: [5], syncIds: [], all: false}});
		poller = createPoller({api, store, config: {budgetPerMinute: 2000, intervalMs: 300, minGapMs: 150}});
		const phases: string[] = [];
		store.subscribe(state => {
			const run = state.runs[5]?.run;
			if (run && phases.at(-1) !== runPhase(run)) phases.push(runPhase(run));
		});
		poller.start();
		await eventually(() => {
			expect(phases.at(-1)).toBe('canceled');
		});
		expect(phases).toEqual(['canceling', 'canceled']);
		const asked = server.hitsOf('GET', '/sync_runs/5').length;
		expect(asked).toBe(4);
		// Ended: a few intervals later nothing more was asked.
		await sleep(1200);
		expect(server.hitsOf('GET', '/sync_runs/5')).toHaveLength(asked);
	});
});
