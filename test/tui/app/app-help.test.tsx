import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {actionSpies, renderApp} from '../screens/render-app.js';
import {makeRun, makeSync, storeWith} from '../screens/run-list-helpers.js';

afterEach(() => {
	cleanup();
});

describe('App: the help with keys marked off', () => {
	it('scrolls to its last line although the off marks make some rows wrap', async () => {
		const view = renderApp(storeWith([makeRun(11)], [makeSync(101, 'Users')]), {columns: 60, rows: 20}, {readOnly: true}, actionSpies());
		await vi.waitFor(() => expect(view.frame()).toContain('11'));
		await view.press('?', 'G');
		await vi.waitFor(() => expect(view.frame()).toMatch(/lines \d+–\d+ of/));
		const [, last, total] = /lines \d+–(\d+) of (\d+)/.exec(view.frame()) ?? [];
		expect(total).toBeDefined();
		expect(last).toBe(total);
	});
});
