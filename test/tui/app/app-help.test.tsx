import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {makeRun, makeSync, storeWith} from '../../helpers/builders.js';
import {renderApp} from './render-app.js';

afterEach(() => {
	cleanup();
});

describe('App: the help with keys marked off', () => {
	it('scrolls to its last line although the off marks make some rows wrap', async () => {
		const view = renderApp(storeWith([makeRun(11)], [makeSync(101, 'Users')]), {size: {columns: 60, rows: 20}, options: {readOnly: true}});
		await vi.waitFor(() => expect(view.frame()).toContain('11'));
		await view.press('?', 'G');
		await vi.waitFor(() => expect(view.frame()).toMatch(/lines \d+–\d+ of/));
		const [, last, total] = /lines \d+–(\d+) of (\d+)/.exec(view.frame()) ?? [];
		expect(total).toBeDefined();
		expect(last).toBe(total);
	});
});
