import {afterEach, describe, expect, it, vi} from 'vitest';
import {render as inkRender} from 'ink';
import {cleanup} from 'ink-testing-library';
import {App, type AppActions, type AppOptions} from '../../../source/tui/app.js';
import type {SyncRun} from '../../../source/census/types.js';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {displayWidth} from '../../../source/text/text.js';
import {actionSpies, renderApp} from './render-app.js';
import {makeRun, makeSync, NOW, storeWith} from '../../helpers/builders.js';
import {FakeTerminal, pipeStdin} from '../../helpers/ink-streams.js';
import {KEYS, linesOf, options} from './app-fixtures.js';

afterEach(() => {
	cleanup();
});

const app = (store: RunStoreApi, size = {columns: 120, rows: 40}, overrides: Partial<AppOptions> = {}) => renderApp(store, {size, options: overrides});

const everyStatus = (): SyncRun[] => [
	makeRun(1001, {status: 'completed', syncId: 1}),
	makeRun(1002, {status: 'working', completedAt: null, currentStep: 'Loading data into destination service', syncId: 1}),
	makeRun(1003, {
		status: 'failed',
		syncId: 2,
		currentStep: 'Unloading data from warehouse',
		sourceRecordCount: 48_213,
		recordsProcessed: 0,
		errorCode: 'JSON_ARRAY_ERROR',
		errorMessage: 'Field tags is not a JSON array',
		errorDetail: 'Record 17: value "a,b" for tags',
	}),
	makeRun(1004, {status: 'skipped', syncId: 2, currentStep: null}),
	makeRun(1005, {status: 'completed', canceled: true, syncId: 3}),
	makeRun(1006, {status: 'teleporting', syncId: 3}),
];

const fullStore = () =>
	storeWith(everyStatus(), [makeSync(1, 'Contacts to Salesforce'), makeSync(2, 'Deals to HubSpot'), makeSync(3, 'Users to Braze')], [1007]);

const rowOf = (frame: string, id: number): string => linesOf(frame).find(line => line.includes(` ${id} `)) ?? '';

const selectedRow = (frame: string): string => linesOf(frame).find(line => /^›/.test(line)) ?? '';

describe('App: the run list at 120x40', () => {
	it('shows every run with its status word, newest first', () => {
		const {frame} = app(fullStore());
		expect(rowOf(frame(), 1001)).toContain('completed');
		expect(rowOf(frame(), 1002)).toContain('working');
		expect(rowOf(frame(), 1003)).toContain('failed');
		expect(rowOf(frame(), 1004)).toContain('skipped');
		expect(rowOf(frame(), 1005)).toContain('canceled');
		expect(rowOf(frame(), 1006)).toContain('teleporting');
		expect(rowOf(frame(), 1007)).toContain('not found');
		const order = linesOf(frame())
			.map(line => / (100\d) /.exec(line)?.[1])
			.filter(Boolean);
		expect(order).toEqual(['1007', '1006', '1005', '1004', '1003', '1002', '1001']);
	});

	it('draws a header, the footer keys, and at most rows - 1 lines', () => {
		const lines = linesOf(app(fullStore()).frame());
		expect(lines).toHaveLength(39);
		expect(lines[0]).toMatch(/^census-watch · DEMO/);
		expect(lines.at(-1)).toContain('q quit');
	});
});

describe('App: moving the selection', () => {
	const many = () => storeWith(Array.from({length: 30}, (_, index) => makeRun(2000 + index)));

	it('moves with j/k and the arrows', async () => {
		const view = app(many(), {columns: 80, rows: 12});
		expect(selectedRow(view.frame())).toContain(' 2029 ');
		await view.press('j', 'j', KEYS.down);
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2026 '));
		await view.press('k', KEYS.up);
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2028 '));
	});

	it('keeps the selection visible at a small height, with G, g, End and Home', async () => {
		const view = app(many(), {columns: 80, rows: 12});
		await view.press('G');
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2000 '));
		expect(linesOf(view.frame()).length).toBeLessThanOrEqual(11);
		await view.press('g');
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2029 '));
		await view.press(KEYS.end);
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2000 '));
		await view.press(KEYS.home);
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2029 '));
	});

	it('pages with PgDn and PgUp by the rows on screen', async () => {
		// 12 rows: 11 lines of frame, header + footer, 9 for the list: a title line and 8 runs.
		const view = app(many(), {columns: 80, rows: 12});
		await view.press(KEYS.pageDown);
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2021 '));
		await view.press(KEYS.pageDown);
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2013 '));
		await view.press(KEYS.pageUp);
		await vi.waitFor(() => expect(selectedRow(view.frame())).toContain(' 2021 '));
	});

	it('acts on the moved selection when a move and Enter arrive in one chunk', async () => {
		const view = app(fullStore());
		await view.press(`${KEYS.down}${KEYS.down}\r`);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('detail'));
		expect(view.ui.getState().selectedId).toBe(1005);
	});
});

describe('App: filters', () => {
	it('/ + id + Enter keeps only that run; Esc clears the filter', async () => {
		const view = app(fullStore());
		await view.press('/', '1', '0', '0', '3', KEYS.enter);
		await vi.waitFor(() => expect(view.frame()).toContain('/1003'));
		expect(view.ui.getState().filterEditing).toBe(false);
		expect(rowOf(view.frame(), 1003)).toContain('failed');
		expect(rowOf(view.frame(), 1002)).toBe('');
		await view.press(KEYS.escape);
		await vi.waitFor(() => expect(rowOf(view.frame(), 1002)).toContain('working'));
	});

	it('acts on keys that arrive in one chunk (paste, key repeat, tmux send-keys) one by one', async () => {
		const view = app(fullStore());
		await view.press('/1003\r\r');
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('detail'));
		expect(view.ui.getState()).toMatchObject({filterText: '1003', filterEditing: false, selectedId: 1003});
	});

	it('matches labels, status words and error codes, and Backspace edits', async () => {
		const view = app(fullStore());
		await view.press('/', 'j', 's', 'o', 'n', 'x');
		await vi.waitFor(() => expect(view.frame()).toContain('No runs match the filter.'));
		await view.press(KEYS.backspace);
		await vi.waitFor(() => expect(rowOf(view.frame(), 1003)).toContain('failed'));
		expect(rowOf(view.frame(), 1001)).toBe('');
	});

	it('treats q and ? typed into the filter as text, and Esc while typing clears it', async () => {
		const view = app(fullStore());
		await view.press('/', 'q', '?');
		await vi.waitFor(() => expect(view.ui.getState().filterText).toBe('q?'));
		expect(view.actions.quit).not.toHaveBeenCalled();
		await view.press(KEYS.escape);
		await vi.waitFor(() => expect(view.ui.getState()).toMatchObject({filterText: '', filterEditing: false}));
	});

	it('never lets typed control characters into the filter', async () => {
		const view = app(fullStore());
		await view.press('/', 'a\u001B]0;x\u0007b');
		await vi.waitFor(() => expect(view.ui.getState().filterText).not.toBe(''));
		expect(view.ui.getState().filterText).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	});

	it('quick filters: 3 shows failed runs, 2 active ones, f cycles, 1 shows all', async () => {
		const view = app(fullStore());
		await view.press('3');
		await vi.waitFor(() => expect(rowOf(view.frame(), 1001)).toBe(''));
		expect(rowOf(view.frame(), 1003)).toContain('failed');
		await view.press('2');
		await vi.waitFor(() => expect(rowOf(view.frame(), 1002)).toContain('working'));
		expect(rowOf(view.frame(), 1003)).toBe('');
		await view.press('f');
		await vi.waitFor(() => expect(view.ui.getState().quickFilter).toBe('failed'));
		await view.press('1');
		await vi.waitFor(() => expect(rowOf(view.frame(), 1001)).toContain('completed'));
	});
});

describe('App: screens', () => {
	it('Enter opens the detail beside the list at 120 columns', async () => {
		const view = app(fullStore());
		await view.press('/', '1003', KEYS.enter, KEYS.enter);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('detail'));
		await vi.waitFor(() => expect(view.frame()).toContain('48,213'));
		expect(rowOf(view.frame(), 1003)).toContain('failed');
		expect(view.frame()).toMatch(/Unload/);
	});

	it('the detail replaces the list below 120 columns, and Esc goes back', async () => {
		const view = app(fullStore(), {columns: 80, rows: 24});
		await view.press('/', '1003', KEYS.enter, KEYS.enter);
		await vi.waitFor(() => expect(view.frame()).toContain('48,213'));
		expect(view.frame()).not.toContain('SENT/TO SEND');
		await view.press(KEYS.escape);
		await vi.waitFor(() => expect(view.frame()).toContain('SENT/TO SEND'));
	});

	it('opening a failed run marks its failure seen', async () => {
		const store = storeWith([makeRun(3001, {status: 'working', completedAt: null})]);
		store.getState().applyRuns([makeRun(3001, {status: 'failed'})], NOW + 1000);
		const view = app(store);
		expect(store.getState().runs[3001]?.unseenFailure).toBe(true);
		await view.press(KEYS.enter);
		await vi.waitFor(() => expect(store.getState().runs[3001]?.unseenFailure).toBe(false));
	});

	it('e opens the error inspector with the code and detail; Esc goes back to the detail, then the list', async () => {
		const view = app(fullStore());
		await view.press('/', '1003', KEYS.enter, 'e');
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('inspector'));
		await vi.waitFor(() => expect(view.frame()).toContain('JSON_ARRAY_ERROR'));
		expect(view.frame()).toContain('Record 17');
		await view.press(KEYS.escape);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('detail'));
		await view.press(KEYS.escape);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('list'));
	});

	it('? shows help with quit; Esc returns to the screen it covered', async () => {
		const view = app(fullStore());
		await view.press(KEYS.enter, '?');
		await vi.waitFor(() => expect(view.frame()).toContain('quit (also Ctrl+C)'));
		await view.press(KEYS.escape);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('detail'));
	});

	it('n and N in the inspector jump to the next and previous failed run', async () => {
		const store = storeWith([
			makeRun(5001, {status: 'failed', errorCode: 'OLDEST_CODE'}),
			makeRun(5002),
			makeRun(5003, {status: 'failed', errorCode: 'MIDDLE_CODE'}),
			makeRun(5004, {status: 'working', completedAt: null}),
			makeRun(5005, {status: 'failed', errorCode: 'NEWEST_CODE'}),
		]);
		const view = app(store);
		await view.press('e');
		await vi.waitFor(() => expect(view.frame()).toContain('NEWEST_CODE'));
		await view.press('n');
		await vi.waitFor(() => expect(view.frame()).toContain('MIDDLE_CODE'));
		await view.press('n');
		await vi.waitFor(() => expect(view.frame()).toContain('OLDEST_CODE'));
		await view.press('n');
		await vi.waitFor(() => expect(view.frame()).toContain('wrapped to the first failed run'));
		expect(view.ui.getState().selectedId).toBe(5005);
		await view.press('N');
		await vi.waitFor(() => expect(view.frame()).toContain('wrapped to the last failed run'));
		expect(view.ui.getState().selectedId).toBe(5001);
		await view.press('N');
		await vi.waitFor(() => expect(view.frame()).toContain('MIDDLE_CODE'));
		expect(store.getState().runs[5003]?.unseenFailure).toBe(false);
	});

	it('y in the inspector hands the error to the clipboard action', async () => {
		const view = app(fullStore());
		await view.press('/', '1003', KEYS.enter, 'e');
		await vi.waitFor(() => expect(view.frame()).toContain('JSON_ARRAY_ERROR'));
		await view.press('y');
		await vi.waitFor(() => expect(view.actions.copyToClipboard).toHaveBeenCalledTimes(1));
		expect(view.actions.copyToClipboard.mock.calls[0]?.[0]).toContain('JSON_ARRAY_ERROR');
	});

	it('the inspector keeps q, ? and Esc global', async () => {
		const view = app(fullStore());
		await view.press('/', '1003', KEYS.enter, 'e', '?');
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('help'));
		await view.press(KEYS.escape);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('inspector'));
		await view.press('q');
		await vi.waitFor(() => expect(view.actions.quit).toHaveBeenCalledTimes(1));
	});
});

describe('App: global keys', () => {
	it('q quits, and Ctrl+C too', async () => {
		const view = app(fullStore());
		await view.press('q');
		expect(view.actions.quit).toHaveBeenCalledTimes(1);
		await view.press('/', KEYS.ctrlC);
		expect(view.actions.quit).toHaveBeenCalledTimes(2);
	});

	it('r refreshes now and p pauses or resumes polling', async () => {
		const store = fullStore();
		const view = app(store);
		await view.press('r', 'p');
		expect(view.actions.refreshNow).toHaveBeenCalledTimes(1);
		expect(view.actions.setPaused).toHaveBeenLastCalledWith(true);
		store.getState().setPaused(true);
		await view.press('p');
		expect(view.actions.setPaused).toHaveBeenLastCalledWith(false);
	});

	it('shows the newest notice above the footer', async () => {
		const store = fullStore();
		store.getState().pushNotice('warn', 'old news', NOW);
		store.getState().pushNotice('error', 'state file moved aside\u001B[2J', NOW);
		const lines = linesOf(app(store).frame());
		expect(lines.at(-2)).toMatch(/^⚠ state file moved aside · old news/);
		expect(lines.join('\n')).not.toContain('\u001B');
	});
});

describe('App: modes', () => {
	it('draws the list, header, footer and help in ASCII with --ascii', async () => {
		const store = fullStore();
		store.getState().recordSuccess(NOW);
		const view = app(store, {columns: 100, rows: 24}, {ascii: true});
		expect(view.frame()).toMatch(/^[\u0020-\u007E\n]*$/);
		await view.press('?');
		await vi.waitFor(() => expect(view.frame()).toContain('quit'));
		expect(view.frame()).toMatch(/^[\u0020-\u007E\n]*$/);
	});
});

describe('App: untrusted text', () => {
	it('never lets an OSC title, a CSI or an 8-bit CSI from labels, statuses, steps or errors reach the frame', async () => {
		const store = storeWith(
			[
				makeRun(4001, {
					syncId: 7,
					status: 'failed',
					currentStep: '\u001B]0;step\u0007Load',
					errorCode: 'BAD\u009B2J',
					errorMessage: 'boom \u001B]0;pwned\u0007 \u009B31m red',
					errorDetail: 'line\u001B[2J two\u0007',
				}),
				makeRun(4002, {syncId: 7, status: 'odd\u001B[31m\u009D0;t\u009C'}),
			],
			[makeSync(7, 'label \u001B]2;title\u0007 \u001B[2J \u009B2J end')],
		);
		const view = app(store);
		const frames: string[] = [view.frame()];
		await view.press(KEYS.down, KEYS.enter);
		await vi.waitFor(() => expect(view.ui.getState().screen).toBe('detail'));
		frames.push(view.frame());
		await view.press('e');
		await vi.waitFor(() => expect(view.frame()).toContain('boom'));
		frames.push(view.frame());
		for (const frame of frames) {
			expect(frame).not.toContain('\u001B');
			expect(frame).not.toContain('\u009B');
			expect(frame).not.toContain('\u009D');
			expect(frame).not.toContain('\u0007');
		}
	});
});

describe('App: sizes', () => {
	const sizes = [
		{columns: 40, rows: 10},
		{columns: 50, rows: 12},
		{columns: 80, rows: 24},
		{columns: 120, rows: 40},
	];

	for (const size of sizes) {
		it(`fits ${size.columns}x${size.rows} on every screen`, async () => {
			const view = app(fullStore(), size);
			const check = () => {
				const lines = linesOf(view.frame());
				expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
				for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(size.columns);
			};

			check();
			expect(view.frame()).toContain('1007');
			await view.press('/', '1003', KEYS.enter, KEYS.enter);
			await vi.waitFor(() => expect(view.ui.getState().screen).toBe('detail'));
			check();
			await view.press('e');
			await vi.waitFor(() => expect(view.ui.getState().screen).toBe('inspector'));
			check();
			await view.press('?');
			await vi.waitFor(() => expect(view.frame()).toContain('quit'));
			check();
		});
	}

	it('follows the terminal through resizes without losing the runs (stdin not a terminal)', async () => {
		// A pipe, as when stdin is not a terminal: Ink says isTTY is undefined, and the keys must stay off.
		const stdin = pipeStdin();
		const stdout = new FakeTerminal();
		const instance = inkRender(<App store={fullStore()} actions={actionSpies() as unknown as AppActions} options={options()} />, {
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			debug: true,
			patchConsole: false,
		});
		await vi.waitFor(() => expect(linesOf(stdout.last)).toHaveLength(39));
		for (const [columns, rows] of [
			[50, 12],
			[120, 40],
		] as const) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
			await vi.waitFor(() => expect(linesOf(stdout.last)).toHaveLength(rows - 1));
			expect(stdout.last).toContain('1006');
			for (const line of linesOf(stdout.last)) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
		}

		instance.unmount();
	});
});


describe('notices in full', () => {
	const PATH = '/home/someone/.local/state/census-watch/state.json.corrupt-2026-11-29T10-00-00.000Z';

	it('a cut notice says ? shows it, and ? shows it whole, newest first', async () => {
		const store = fullStore();
		store.getState().pushNotice('info', 'an older notice', NOW);
		store.getState().pushNotice('warn', `The saved watch list was unreadable; it was moved to ${PATH}.`, NOW);
		const view = app(store, {columns: 80, rows: 30});
		const noticeLine = linesOf(view.frame()).find(line => line.includes('unreadable')) ?? '';
		expect(noticeLine).toMatch(/\(\? shows all\) *$/);
		await view.press('?');
		await vi.waitFor(() => expect(view.frame()).toContain('Notices (newest first)'));
		const joined = linesOf(view.frame())
			.map(line => line.trim())
			.join('');
		expect(joined).toContain(PATH.replaceAll(' ', ''));
		expect(joined.indexOf('unreadable')).toBeLessThan(joined.indexOf('an older notice'));
	});
});
