import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {makeRun, makeSync, storeWith} from '../../helpers/builders.js';
import {KEYS} from './app-fixtures.js';
import {renderApp} from './render-app.js';

// Keys that arrive in one read with the key that changes the screen (a paste, a script, a slow SSH link)
// act on the screen that key opened, not on the one React had drawn when the read came in.

afterEach(() => {
	cleanup();
});

const DETAIL = Array.from({length: 80}, (_, index) => `detail line ${String(index + 1).padStart(3, '0')}`).join('\n');
const LEFT = '\u001B[D';
const SIZE = {columns: 100, rows: 30};

describe('keys typed ahead of a screen change', () => {
	it('e then PgDn in one read scrolls the inspector e opened', async () => {
		const store = storeWith([makeRun(11, {status: 'failed', errorCode: 'E1', errorMessage: 'boom', errorDetail: DETAIL})], [makeSync(101, 'Users')]);
		const view = renderApp(store, {size: SIZE});
		await vi.waitFor(() => expect(view.frame()).toContain('11'));
		view.stdin.write(`e${KEYS.pageDown}`);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('inspector'));
		await vi.waitFor(() => expect(view.frame()).toMatch(/lines (\d+)–\d+ of \d+/));
		expect(view.frame()).not.toMatch(/lines 1–/);
	});

	it('E then Enter in one read opens the first code on the errors screen E opened', async () => {
		const store = storeWith([makeRun(11, {status: 'failed', errorCode: 'JSON_ARRAY_ERROR', errorMessage: 'bad'}), makeRun(12)], [makeSync(101, 'Users')]);
		const view = renderApp(store, {size: SIZE});
		await vi.waitFor(() => expect(view.frame()).toContain('11'));
		view.stdin.write(`E${KEYS.enter}`);
		await vi.waitFor(() => expect(view.frame()).toContain('JSON_ARRAY_ERROR · failed · 1 run'));
	});

	it('h then ← in one read moves the history cursor to the older run', async () => {
		const store = storeWith([makeRun(13), makeRun(12), makeRun(11)], [makeSync(101, 'Users')]);
		const view = renderApp(store, {size: SIZE});
		await vi.waitFor(() => expect(view.frame()).toContain('13'));
		view.stdin.write(`h${LEFT}`);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('history'));
		await vi.waitFor(() => expect(view.frame()).toMatch(/› run 12 /));
	});

});
