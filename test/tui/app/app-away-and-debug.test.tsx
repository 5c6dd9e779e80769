import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {createAwayStore} from '../../../source/store/away-store.js';
import {makeRun, makeSync, storeWith} from '../../helpers/builders.js';
import {linesOf} from './app-fixtures.js';
import {renderApp} from './render-app.js';

// The App's side of focus and --debug: the away digest over the list, closed by any key without that key
// acting, and the cost line above the footer.

afterEach(() => {
	cleanup();
});

function setup(debugStats?: () => {bytes: number; frames: number}) {
	const store = storeWith([makeRun(2001, {status: 'working', completedAt: null, syncId: 1}), makeRun(2000, {status: 'working', completedAt: null, syncId: 1})], [makeSync(1, 'Users to Salesforce')]);
	let now = 1_000_000;
	const away = createAwayStore({runs: store, now: () => now, minAwayMs: 30_000});
	const actions = {refreshNow: vi.fn(), setPaused: vi.fn(), quit: vi.fn(), copyToClipboard: vi.fn(() => 'copied'), trigger: vi.fn(), cancel: vi.fn()};
	const {ui, press, frame} = renderApp(store, {away, actions, debugStats});

	const awayFor = (ms: number, then: () => void) => {
		away.getState().blur();
		now += ms;
		then();
		away.getState().focus();
	};

	return {store, ui, away, actions, press, awayFor, frame};
}

describe('App: away digest', () => {
	it('shows what failed while away over the list, and the first key only closes it', async () => {
		const {store, ui, awayFor, press, frame} = setup();
		await vi.waitFor(() => expect(frame()).toContain('2001'));
		awayFor(5 * 60_000, () => store.getState().applyRuns([makeRun(2001, {status: 'failed', syncId: 1, errorCode: 'JSON_ARRAY_ERROR'})], 2));
		await vi.waitFor(() => expect(frame()).toContain('While you were away (5m)'));
		expect(frame()).toMatch(/✗ run 2001 Users to Salesforce failed \(JSON_ARRAY_ERROR\)/);
		// Drawn over the list, which shows around it.
		const lines = linesOf(frame());
		expect(lines[2]).toMatch(/^›•│ ✗ run 2001 .*│ +1,000\/1,000/);
		expect(lines.at(-1)).toContain('quit');
		const selected = ui.getState().selectedId;
		await press('j');
		await vi.waitFor(() => expect(frame()).not.toContain('While you were away'));
		expect(ui.getState().selectedId).toBe(selected);
		await press('j');
		await vi.waitFor(() => expect(ui.getState().selectedId).not.toBe(selected));
	});

	it('lets Ctrl+C quit even while the digest is up', async () => {
		const {store, actions, awayFor, press, frame} = setup();
		awayFor(60_000, () => store.getState().applyRuns([makeRun(2000, {status: 'failed', syncId: 1})], 2));
		await vi.waitFor(() => expect(frame()).toContain('While you were away'));
		await press('\u0003');
		expect(actions.quit).toHaveBeenCalled();
	});
});

describe('App: --debug', () => {
	it('puts the cost line above the footer only when asked', async () => {
		const plain = setup();
		await vi.waitFor(() => expect(plain.frame()).toContain('2001'));
		expect(plain.frame()).not.toContain('debug:');
		cleanup();
		const debug = setup(() => ({bytes: 1000, frames: 3}));
		await vi.waitFor(() => expect(debug.frame()).toContain('debug:'));
		const lines = linesOf(debug.frame());
		expect(lines.length).toBeLessThanOrEqual(19);
		expect(lines.at(-2)).toContain('debug:');
		expect(lines.at(-1)).toContain('quit');
	});
});
