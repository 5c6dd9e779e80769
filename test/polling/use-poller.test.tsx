import {Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import {usePoller} from '../../source/polling/use-poller.js';
import {createRunStore} from '../../source/store/run-store.js';
import {startFakeCensus} from './fake-census.js';
import {eventually} from './eventually.js';

function Watcher({poller}: {poller: Poller}) {
	usePoller(poller);
	return <Text>watching</Text>;
}

const spyPoller = (): Poller => ({
	start: vi.fn(),
	stop: vi.fn(),
	refreshNow: vi.fn(),
	setPaused: vi.fn(),
	trigger: vi.fn(async () => 1),
	cancel: vi.fn(async () => undefined),
	subscribeIdle: vi.fn(() => () => undefined),
});

afterEach(() => {
	cleanup();
});

describe('usePoller', () => {
	it('starts on mount and stops on unmount', () => {
		const poller = spyPoller();
		const view = render(<Watcher poller={poller} />);
		expect(poller.start).toHaveBeenCalledTimes(1);
		expect(poller.stop).not.toHaveBeenCalled();
		view.unmount();
		expect(poller.stop).toHaveBeenCalledTimes(1);
	});

	it('stops the old poller and starts the new one when it is replaced', () => {
		const first = spyPoller();
		const second = spyPoller();
		const view = render(<Watcher poller={first} />);
		view.rerender(<Watcher poller={second} />);
		expect(first.stop).toHaveBeenCalledTimes(1);
		expect(second.start).toHaveBeenCalledTimes(1);
	});

	it('polls over HTTP while mounted and sends nothing after unmount', async () => {
		const token = 'secret-token:hook-test';
		const fake = await startFakeCensus({token, runs: [{id: 1, syncId: 2, status: () => 'working'}]});
		try {
			const store = createRunStore({watch: {runIds: [1], syncIds: [], all: false}});
			const api = createCensusClient({baseUrl: fake.baseUrl, token, retry: {limit: 0}});
			const poller = createPoller({api, store, config: {intervalMs: 200, minGapMs: 100}});
			const view = render(<Watcher poller={poller} />);
			await eventually(() => {
				expect(fake.hits.filter(hit => hit.path === '/sync_runs/1').length).toBeGreaterThanOrEqual(2);
			});
			view.unmount();
			const sent = fake.hits.length;
			await new Promise(resolve => {
				setTimeout(resolve, 600);
			});
			expect(fake.hits.length).toBe(sent);
			expect(store.getState().runs[1]?.run?.status).toBe('working');
		} finally {
			await fake.close();
		}
	});
});
