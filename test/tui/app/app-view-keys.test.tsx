import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {AppActions, AppOptions} from '../../../source/tui/app.js';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {createUiStore} from '../../../source/store/ui-store.js';
import {actionSpies, renderApp, settle} from './render-app.js';
import {makeRun, makeSync, storeWith} from '../../helpers/builders.js';
import {linesOf} from './app-fixtures.js';

// The App's keys for looking at runs: zoom, open in the web app, sort, search in the inspector, the time
// zone; and clicks on the list.

afterEach(() => {
	cleanup();
});

const app = (store: RunStoreApi, size = {columns: 120, rows: 30}, overrides: Partial<AppOptions> = {}, actionOverrides: Partial<AppActions> = {}) =>
	renderApp(store, {size, options: overrides, actions: {...actionSpies(), ...actionOverrides}});

const LONG_DETAIL = `Object 'main.marts.ACCOUNTS_HEALTH' does not exist or not authorized. ${'x'.repeat(20)} end-of-detail-marker`;

const failedStore = () =>
	storeWith(
		[
			makeRun(1050, {
				status: 'failed',
				syncId: 102,
				recordsProcessed: null,
				errorCode: 'warehouse_permission_denied',
				errorMessage: 'Census could not read main.marts.ACCOUNTS_HEALTH.',
				errorDetail: LONG_DETAIL,
			}),
			makeRun(1049, {syncId: 101}),
		],
		[makeSync(102, 'Accounts → HubSpot Companies'), makeSync(101, 'Users → Salesforce Contacts')],
	);

describe('App: z zooms a pane', () => {
	it('gives the inspector the whole width and gives it back beside the list', async () => {
		const {press, frame, ui} = app(failedStore());
		await press('e');
		expect(frame()).toContain('STATUS');
		expect(frame()).toContain('│');
		await press('z');
		expect(ui.getState().zoomed).toBe(true);
		expect(frame()).not.toContain('STATUS');
		expect(frame()).not.toContain('│');
		// The detail's long line now fits whole on one line.
		expect(linesOf(frame()).some(line => line.includes('ACCOUNTS_HEALTH') && line.includes('end-of-detail-marker'))).toBe(true);
		await press('z');
		expect(frame()).toContain('STATUS');
	});

	it('zooms the detail pane too, and says so in the footer', async () => {
		const {press, frame} = app(failedStore());
		await press('\r');
		expect(frame()).toMatch(/z zoom/);
		await press('z');
		expect(frame()).not.toContain('STATUS');
		expect(frame()).toContain('run 1050');
	});

	it('is not a key on the list', async () => {
		const {press, ui, frame} = app(failedStore());
		await press('z');
		expect(ui.getState().zoomed).toBe(false);
		expect(frame()).not.toMatch(/z zoom/);
	});
});

describe('App: o opens the run in the Census web app', () => {
	const RUN_URL = 'http://127.0.0.1:4010/syncs/102/history?sync_run_id=1050';

	it('shows the URL whole on a line of its own when there is no local browser', async () => {
		const openUrl = vi.fn(async () => false);
		const {press, frame} = app(failedStore(), {columns: 80, rows: 24}, {}, {openUrl});
		await press('o');
		await vi.waitFor(() => expect(frame()).toContain('no local browser'));
		expect(openUrl).toHaveBeenCalledWith(RUN_URL);
		expect(linesOf(frame()).map(line => line.trim())).toContain(RUN_URL);
		await press('j');
		expect(frame()).not.toContain(RUN_URL);
	});

	it('breaks a URL wider than the terminal over whole lines, never with an ellipsis', async () => {
		const {press, frame} = app(failedStore(), {columns: 40, rows: 24}, {}, {openUrl: undefined});
		await press('o');
		const lines = linesOf(frame()).map(line => line.trimEnd());
		const at = lines.findIndex(line => line.startsWith('http://'));
		expect(lines[at]! + lines[at + 1]).toBe(RUN_URL);
	});

	it('makes the shown URL an OSC 8 link where the terminal supports it', async () => {
		const {press, frame} = app(failedStore(), {columns: 80, rows: 24}, {hyperlinks: true}, {openUrl: async () => false});
		await press('o');
		await vi.waitFor(() => expect(frame()).toContain(`\u001B]8;;${RUN_URL}\u0007`));
	});

	it('says so when a local browser opened it', async () => {
		const openUrl = vi.fn(async () => true);
		const {press, frame} = app(failedStore(), {columns: 120, rows: 30}, {}, {openUrl});
		await press('\r', 'o');
		await vi.waitFor(() => expect(frame()).toContain('opened run 1050 in the browser'));
		expect(frame()).not.toContain(RUN_URL);
	});
});

describe('App: s cycles the sort', () => {
	const sortable = () =>
		storeWith(
			[
				makeRun(3, {syncId: 101, recordsFailed: 0}),
				makeRun(2, {syncId: 101, status: 'failed', recordsFailed: 0}),
				makeRun(1, {syncId: 101, recordsFailed: 40}),
			],
			[makeSync(101, 'Users → Salesforce Contacts')],
		);
	const ids = (frame: string) =>
		linesOf(frame)
			.map(line => /^..\S\s+\S+\s+(\d) /.exec(line)?.[1])
			.filter(Boolean)
			.map(Number);

	it('orders the list and says so in its title; the keys move through the new order', async () => {
		const {press, frame, ui} = app(sortable(), {columns: 120, rows: 20});
		expect(ids(frame())).toEqual([3, 2, 1]);
		await press('s');
		expect(frame()).toContain('sort: status');
		expect(frame()).toContain('STATUS▼');
		expect(ids(frame())).toEqual([2, 3, 1]);
		await press('s', 's', 's');
		expect(frame()).toContain('sort: failed records');
		expect(frame()).toContain('FAILED▼');
		expect(ids(frame())).toEqual([1, 3, 2]);
		await press('g', 'j');
		expect(ui.getState().selectedId).toBe(3);
		await press('s');
		expect(frame()).not.toContain('sort:');
		expect(ids(frame())).toEqual([3, 2, 1]);
	});
});

describe('App: / searches the error in the inspector', () => {
	const DETAIL = [...Array.from({length: 40}, (_, index) => `frame ${index}`), 'needle one', ...Array.from({length: 20}, (_, index) => `more ${index}`), 'NEEDLE two'].join('\n');
	const store = () =>
		storeWith(
			[
				makeRun(1050, {status: 'failed', syncId: 102, errorCode: 'E1', errorMessage: 'it broke', errorDetail: DETAIL}),
				makeRun(1049, {status: 'failed', syncId: 102, errorCode: 'E2', errorMessage: 'it broke too'}),
			],
			[makeSync(102, 'Accounts → HubSpot Companies')],
		);

	it('jumps to the first match, ]/[ move between matches, n still goes to the next failed run, Esc clears', async () => {
		const {press, frame, ui, actions} = app(store(), {columns: 100, rows: 24});
		await press('e', '/');
		expect(frame()).toMatch(/Enter keep/);
		await press('n', 'e', 'e', 'd', 'l', 'e');
		// Typing goes to the search, not to the keys: n did not move to another run, q would not quit.
		expect(ui.getState().inspectorSearch).toBe('needle');
		await press('q');
		expect(actions.quit).not.toHaveBeenCalled();
		await press('\u007F', '\r');
		expect(frame()).toContain('needle one');
		expect(frame()).toContain('match 1 of 2');
		await press(']');
		expect(frame()).toContain('NEEDLE two');
		expect(frame()).toContain('match 2 of 2');
		await press(']');
		expect(frame()).toContain('match 1 of 2');
		await press('[');
		expect(frame()).toContain('match 2 of 2');
		await press('\u001B');
		expect(ui.getState().inspectorSearch).toBe('');
		expect(ui.getState().screen).toBe('inspector');
		await press('n');
		expect(ui.getState().selectedId).toBe(1049);
	});

	it('says when nothing matches', async () => {
		const {press, frame} = app(store(), {columns: 100, rows: 24});
		await press('e', '/', 'z', 'z', 'z', '\r');
		expect(frame()).toContain('/zzz no match');
	});
});

describe('App: Z switches the times between the local zone and UTC', () => {
	it('shows the zone beside the times and switches it, saying so', async () => {
		// Local zone injected: the machine's never decides the outcome. 10:00Z is 11:00 in Paris in November.
		const {press, frame} = app(failedStore(), {columns: 120, rows: 40}, {timeZone: 'Europe/Paris'});
		await press('\r');
		const created = () => linesOf(frame()).find(line => line.includes('created')) ?? '';
		expect(created()).toMatch(/11:00(:00)? UTC\+1/);
		await press('Z');
		expect(created()).toMatch(/10:00(:00)? UTC(?!\+)/);
		expect(frame()).toContain('times in UTC');
		await press('Z');
		expect(created()).toMatch(/11:00(:00)? UTC\+1/);
		expect(frame()).toContain('times in local time (Europe/Paris)');
	});
});

describe('App: clicks', () => {
	const clickSource = () => {
		const listeners = new Set<(click: {x: number; y: number; at: number}) => void>();
		return {
			source: {
				subscribe(listener: (click: {x: number; y: number; at: number}) => void) {
					listeners.add(listener);
					return () => listeners.delete(listener);
				},
			},
			click: (x: number, y: number, at: number) => {
				for (const listener of listeners) listener({x, y, at});
			},
		};
	};
	const many = () => storeWith(Array.from({length: 5}, (_, index) => makeRun(10 + index, {syncId: 101})), [makeSync(101, 'Users → Salesforce Contacts')]);

	it('a click selects the run on its row; a double click opens its detail', async () => {
		const clicks = clickSource();
		const {ui, frame} = renderApp(many(), {clicks: clicks.source});
		await settle();
		// Line 1 is the header, line 2 the column titles: line 4 holds the second run (newest first: 14, 13, …).
		clicks.click(20, 4, 1000);
		await settle();
		expect(ui.getState().selectedId).toBe(13);
		expect(linesOf(frame()).find(line => line.startsWith('›'))).toContain(' 13 ');
		clicks.click(20, 4, 1000 + 5000);
		expect(ui.getState().screen).toBe('list');
		clicks.click(20, 4, 1000 + 5200);
		await settle();
		expect(ui.getState().screen).toBe('detail');
	});

	it('ignores clicks on the titles, below the last run and beside the list', async () => {
		const clicks = clickSource();
		const {ui} = renderApp(many(), {size: {columns: 120, rows: 20}, ui: createUiStore({selectedId: 12}), clicks: clicks.source});
		await settle();
		clicks.click(5, 2, 0);
		clicks.click(5, 15, 1000);
		ui.getState().openDetail();
		await settle();
		clicks.click(100, 3, 2000);
		expect(ui.getState().selectedId).toBe(12);
		// Beside the open detail a click on the list still selects, and the detail follows.
		clicks.click(5, 3, 3000);
		expect(ui.getState().selectedId).toBe(14);
	});
});

describe('App: / and its text in one chunk', () => {
	it('gives the text to the search, not to the inspector keys (n is not "next failed run" there)', async () => {
		const store = storeWith(
			[
				makeRun(2, {status: 'failed', errorCode: 'E2', errorDetail: 'needle here'}),
				makeRun(1, {status: 'failed', errorCode: 'E1'}),
			],
			[],
		);
		const {press, ui} = app(store, {columns: 100, rows: 24});
		await press('e', '/needle');
		expect(ui.getState().inspectorSearch).toBe('needle');
		expect(ui.getState().selectedId).not.toBe(1);
	});
});
