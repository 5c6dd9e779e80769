// A run whose cancel was asked for (canceled: true while still working, no completed_at) has not ended:
// the poller keeps asking for it, at the working pace, until Census says it has, and then stops.
import {describe, expect, it} from 'vitest';
import {runPhase} from '../../source/runs/status.js';
import {runJson} from '../helpers/builders.js';
import {success} from '../census/helpers.js';
import {eventually} from './eventually.js';
import {pollerHarness} from './poller-harness.js';

const TOKEN = 'secret-token:canceling-test-0123456789';

const harness = pollerHarness(TOKEN);

const sleep = async (ms: number): Promise<void> =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

describe('a run being canceled', () => {
	it('is polled until it has ended, then no more', async () => {
		const server = await harness.startServer();
		const canceling = success(runJson({id: 5, status: 'working', canceled: true, completed_at: null}));
		const canceled = success(runJson({id: 5, status: 'completed', canceled: true, completed_at: '2021-10-20T02:52:29.234Z'}));
		server.on('GET', '/sync_runs/5', canceling, canceling, canceling, canceled);
		server.on('GET', '/syncs/52', success({id: 52, label: 'Users', status: 'Ready'}));
		const {store, poller} = harness.watchRun(5);
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
