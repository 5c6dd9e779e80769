import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {DebugLine, debugText, formatBytes, requestsInLastMinute} from '../../../source/tui/components/debug-line.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import {createRunStore} from '../../../source/store/run-store.js';

afterEach(() => {
	cleanup();
});

describe('debug line text', () => {
	it('counts only the requests of the last minute', () => {
		expect(requestsInLastMinute([1000, 50_000, 61_000, 119_000], 120_000)).toBe(2);
		expect(requestsInLastMinute([], 120_000)).toBe(0);
	});

	it('writes bytes in B, KB and MB', () => {
		expect(formatBytes(312.4)).toBe('312 B');
		expect(formatBytes(2048)).toBe('2.0 KB');
		expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
	});

	it('says bytes per second now and on average, frames per second and requests per minute', () => {
		const sample = {bytesPerSecond: 312, framesPerSecond: 2, averageBytesPerSecond: 1536, totalBytes: 45_000, requestsPerMinute: 12};
		expect(debugText(sample, false)).toBe('debug: 312 B/s written (avg 1.5 KB/s, 43.9 KB in all) · 2.0 frames/s · 12 req/min');
		expect(debugText(sample, true)).toBe('debug: 312 B/s written (avg 1.5 KB/s, 43.9 KB in all) | 2.0 frames/s | 12 req/min');
	});
});

describe('DebugLine', () => {
	it('shows the writer’s bytes and the store’s requests, cut to the width', async () => {
		const store = createRunStore();
		const now = Date.now();
		for (let index = 0; index < 7; index++) store.getState().countRequest(now, 'ok');
		let bytes = 0;
		const stats = () => {
			bytes += 500;
			return {bytes, frames: 1};
		};

		const view = render(
			<RunStoreProvider store={store}>
				<DebugLine stats={stats} width={95} ascii={false} />
			</RunStoreProvider>,
		);
		expect(view.lastFrame()).toContain('debug: measuring');
		await vi.waitFor(() => expect(view.lastFrame()).toMatch(/^debug: \d+ B\/s written .* · 7 req\/min\s*$/), {timeout: 5000});
		view.rerender(
			<RunStoreProvider store={store}>
				<DebugLine stats={stats} width={30} ascii={false} />
			</RunStoreProvider>,
		);
		expect(view.lastFrame()).toHaveLength(30);
	});
});
