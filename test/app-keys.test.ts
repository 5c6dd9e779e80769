import {describe, expect, it, vi} from 'vitest';
import {createKeyHandler, currentRunId, selectFailedRun} from '../source/app-keys.js';
import type {KeyPress} from '../source/lib/keys.js';
import {createUiStore} from '../source/store/ui-store.js';
import {makeRun, storeWith} from './screens/run-list-helpers.js';

const press = (fields: Partial<KeyPress> = {}): KeyPress => ({
	upArrow: false,
	downArrow: false,
	pageUp: false,
	pageDown: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	meta: false,
	backspace: false,
	delete: false,
	...fields,
});

const setup = () => {
	const store = storeWith(Array.from({length: 10}, (_, index) => makeRun(100 + index, {status: index % 3 === 0 ? 'failed' : 'completed'})));
	const ui = createUiStore();
	const actions = {refreshNow: vi.fn(), setPaused: vi.fn(), quit: vi.fn()};
	const handle = createKeyHandler({store, ui, actions, pageRows: () => 4, helpPage: () => ({rows: 5, maxScroll: 7})});
	return {store, ui, actions, handle};
};

describe('createKeyHandler', () => {
	it('acts on the state the previous key left, not on a rendered snapshot', () => {
		const {ui, handle} = setup();
		handle('j', press());
		handle('j', press());
		handle('', press({return: true}));
		expect(ui.getState()).toMatchObject({screen: 'detail', selectedId: 107});
	});

	it('pages by the rows the list shows', () => {
		const {ui, handle} = setup();
		handle('', press({pageDown: true}));
		expect(ui.getState().selectedId).toBe(105);
		handle('', press({pageDown: true}));
		handle('', press({pageDown: true}));
		expect(ui.getState().selectedId).toBe(100);
	});

	it('scrolls the help instead of the list while it is open, within its length', () => {
		const {ui, handle} = setup();
		handle('?', press());
		handle('', press({pageDown: true}));
		expect(ui.getState().helpScroll).toBe(4);
		handle('G', press());
		expect(ui.getState().helpScroll).toBe(7);
		handle('j', press());
		expect(ui.getState().helpScroll).toBe(7);
		expect(ui.getState().selectedId).toBeNull();
	});

	it('sends quit, refresh and pause to the actions', () => {
		const {store, actions, handle} = setup();
		handle('r', press());
		handle('p', press());
		store.getState().setPaused(true);
		handle('p', press());
		handle('q', press());
		expect(actions.refreshNow).toHaveBeenCalledTimes(1);
		expect(actions.setPaused.mock.calls).toEqual([[true], [false]]);
		expect(actions.quit).toHaveBeenCalledTimes(1);
	});
});

describe('selectFailedRun', () => {
	it('walks the failed runs in list order and stays at the last one', () => {
		const {store, ui} = setup();
		expect(currentRunId({store, ui})).toBe(109);
		selectFailedRun({store, ui}, 1);
		expect(ui.getState().selectedId).toBe(106);
		selectFailedRun({store, ui}, 1);
		selectFailedRun({store, ui}, 1);
		expect(ui.getState().selectedId).toBe(100);
		selectFailedRun({store, ui}, -1);
		expect(ui.getState().selectedId).toBe(103);
	});
});
