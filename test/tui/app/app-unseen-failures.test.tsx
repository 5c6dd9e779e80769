import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {makeRun, NOW, storeWith} from '../../helpers/builders.js';
import {KEYS} from './app-fixtures.js';
import {renderApp} from './render-app.js';

// A failed run counts as seen once it is on the open detail pane or inspector, whichever way it got
// there; on the list alone it stays marked.

afterEach(() => {
	cleanup();
});

const tick = async (): Promise<void> =>
	new Promise(resolve => {
		setImmediate(resolve);
	});

const app = (store: RunStoreApi, columns: number) => renderApp(store, {size: {columns, rows: 30}, actions: {refreshNow: vi.fn(), setPaused: vi.fn(), quit: vi.fn()}});

const working = () => makeRun(7, {status: 'working', completedAt: null});
const failed = () => makeRun(7, {status: 'failed', errorCode: 'X', errorMessage: 'boom'});

describe('unseen failures and the open pane', () => {
	it('marks a run seen that fails while its detail is open', async () => {
		for (const columns of [80, 140]) {
			const store = storeWith([working()]);
			const {press} = app(store, columns);
			await press(KEYS.enter);
			store.getState().applyRuns([failed()], NOW + 5000);
			await tick();
			await tick();
			expect(store.getState().runs[7]?.unseenFailure).toBe(false);
			cleanup();
		}
	});

	it('leaves it marked while only the list shows it', async () => {
		const store = storeWith([working()]);
		app(store, 140);
		await tick();
		store.getState().applyRuns([failed()], NOW + 5000);
		await tick();
		await tick();
		expect(store.getState().runs[7]?.unseenFailure).toBe(true);
	});
});
