import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {SyncRun} from '../../../source/census/types.js';
import {createWallClock} from '../../../source/tui/hooks/wall-clock.js';
import {displayWidth} from '../../../source/text/text.js';
import {historyLayout} from '../../../source/tui/screens/sync-history.js';
import {makeRun, makeSync, storeWith} from '../../helpers/builders.js';
import {renderApp} from '../app/render-app.js';

// The history screen through the App, with a fixed clock: 30 hourly runs of one sync (about 10 minutes
// each, two failures long ago), then the newest run, which took 40 minutes: a regression.

afterEach(() => {
	cleanup();
});

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-29T12:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

function hourly(index: number, fields: Partial<SyncRun> = {}): SyncRun {
	const start = NOW - (31 - index) * HOUR;
	const minutes = 9 + (index % 3);
	return makeRun(5000 + index, {
		syncId: 7,
		createdAt: iso(start),
		updatedAt: iso(start + minutes * 60_000),
		completedAt: iso(start + minutes * 60_000),
		status: index === 4 || index === 11 ? 'failed' : 'completed',
		...fields,
	});
}

function world() {
	const past = Array.from({length: 30}, (_, index) => hourly(index));
	const newest = hourly(30, {updatedAt: iso(NOW - HOUR + 40 * 60_000), completedAt: iso(NOW - HOUR + 40 * 60_000)});
	const store = storeWith([newest], [makeSync(7, 'Orders to Salesforce')]);
	store.getState().setSyncHistory(7, [], NOW, [newest, ...past].reverse());
	return store;
}

const KEYS = {left: '\u001B[D', right: '\u001B[C', enter: '\r', escape: '\u001B'};

function app(size: {columns: number; rows: number}, ascii = false) {
	const store = world();
	const actions = {refreshNow: vi.fn(), setPaused: vi.fn(), quit: vi.fn(), copyToClipboard: vi.fn(), trigger: vi.fn(), cancel: vi.fn()};
	return {...renderApp(store, {size, options: {ascii}, actions, clock: createWallClock(() => NOW)}), store};
}

const lines = (frame: string): string[] => frame.split('\n');

describe('the sync history screen', () => {
	it('h draws the sync\'s runs, three charts with axes and the figures at 80x24, and asks for the history once', async () => {
		const {frame, press, store, ui} = app({columns: 80, rows: 24});
		await press('h');
		expect(ui.getState().screen).toBe('history');
		expect(store.getState().historyWanted).toEqual({7: true});
		const shown = lines(frame());
		expect(shown).toHaveLength(23);
		for (const line of shown) expect(displayWidth(line)).toBeLessThanOrEqual(80);
		expect(shown[1]).toContain('History of Orders to Salesforce #7');
		// The strip: 31 outcomes, oldest left, the newest (the cursor) last.
		expect(shown[2]).toMatch(/^ {3}runs {2}✓ ✓ ✓ ✓ ✗ ✓ ✓ ✓ ✓ ✓ ✓ ✗( ✓)+$/);
		expect(shown[3]).toContain('› run 5030 · completed · 40m 00s · 1,000/1,000 processed');
		expect(shown[4]).toContain('⚠ Took 40m 00s: 4.0× the median duration of the last 19 runs (10m 00s).');
		const frameText = frame();
		for (const title of ['Duration per run', 'Records processed per run', 'Failed records per run']) expect(frameText).toContain(title);
		// The y axis says the unit at its top; the newest (40 min) bar is the tallest.
		expect(frameText).toMatch(/ {3}40m│/);
		expect(frameText).toMatch(/median 10m 00s · p90 11m 00s · 6% failed \(2 of 31\)/);
		expect(frameText).toMatch(/19 successes in a row since .* · last success: run 5030, 1h ago/);
		expect(frameText).toContain('←→/hl run');
	});

	it('uses the room at 200x60: wider columns and taller charts', async () => {
		const {frame, press} = app({columns: 200, rows: 60});
		await press('h');
		const shown = lines(frame());
		for (const line of shown) expect(displayWidth(line)).toBeLessThanOrEqual(200);
		expect(shown[2]).toMatch(/^ {3}runs {3}✓ {2}✓ {2}✓/);
		const durationRows = shown.filter(line => /^ {7}│|^ +\d+[smh]│|^ {6}0│/.test(line));
		expect(durationRows.length).toBeGreaterThanOrEqual(12);
	});

	it('moves along the runs with ←/→ and h/l, opens one in the detail pane with Enter, Esc goes back', async () => {
		const {frame, press, ui, store} = app({columns: 80, rows: 24});
		await press('h', KEYS.left, 'h', KEYS.right, 'h');
		expect(lines(frame())[3]).toContain('› run 5028 · completed');
		await press(KEYS.escape);
		expect(ui.getState().screen).toBe('list');
		await press('h', 'g');
		expect(lines(frame())[3]).toContain('› run 5000');
		await press(KEYS.enter);
		expect(ui.getState().screen).toBe('detail');
		expect(ui.getState().selectedId).toBe(5000);
		// Not watched before: it joins the watch list, to be fetched once.
		expect(store.getState().watch.runIds).toContain(5000);
		expect(frame()).toContain('run 5000');
	});

	it('draws ASCII only under --ascii, and says the words colour repeats', async () => {
		const {frame, press} = app({columns: 80, rows: 24}, true);
		await press('h');
		const text = frame();
		expect(text).toMatch(/^[\u0020-\u007E\n]*$/);
		expect(lines(text)[2]).toMatch(/^ {3}runs {2}\+ \+ \+ \+ x \+/);
		expect(text).toContain('! Took 40m 00s: 4.0x the median');
	});
});

describe('before the history has arrived', () => {
	it('draws what the watch list knows and says more is coming, then the whole page when it comes', async () => {
		const newest = hourly(30, {status: 'working', completedAt: null});
		const store = storeWith([newest], [makeSync(7, 'Orders to Salesforce')]);
		const view = renderApp(store, {size: {columns: 80, rows: 24}, actions: {}, clock: createWallClock(() => NOW)});
		view.stdin.write('h');
		// The run on the watch list is all that is known yet.
		await expect.poll(() => view.lastFrame() ?? '').toContain('History of Orders to Salesforce #7 · 1 run so far, fetching more…');
		expect(store.getState().historyWanted).toEqual({7: true});
		store.getState().setSyncHistory(7, [], NOW, Array.from({length: 10}, (_, index) => hourly(index)).reverse());
		await expect.poll(() => view.lastFrame() ?? '').toContain('Duration per run');
		expect(view.lastFrame()).toContain('› run 5030 · working');
		expect(view.lastFrame()).toContain('last 11 runs');
	});
});

describe('a regression called out', () => {
	it('marks the run\'s row in the list and explains it in the detail pane', async () => {
		const {frame, press} = app({columns: 80, rows: 24});
		const row = lines(frame()).find(line => line.includes(' 5030 ')) ?? '';
		expect(row).toContain('5030 ⚠ slow Orders');
		expect(displayWidth(row)).toBeLessThanOrEqual(80);
		await press(KEYS.enter);
		expect(frame()).toContain('⚠ Took 40m 00s: 4.0× the median duration of the last 19 runs');
	});

	it('marks nothing without 5 runs before it', async () => {
		const store = storeWith([hourly(30, {completedAt: iso(NOW - HOUR + 40 * 60_000)})], [makeSync(7, 'Orders to Salesforce')]);
		store.getState().setSyncHistory(7, [], NOW, [hourly(26), hourly(27), hourly(28), hourly(29)]);
		const view = renderApp(store, {size: {columns: 80, rows: 24}, actions: {}, clock: createWallClock(() => NOW)});
		expect(view.lastFrame()).not.toContain('slow');
	});
});

describe('the sparkline per row', () => {
	it('ends each row with the last 20 durations of its sync from 160 columns, and not below', async () => {
		const wide = app({columns: 160, rows: 24});
		const row = lines(wide.frame()).find(line => line.includes(' 5030 ')) ?? '';
		expect(displayWidth(row)).toBeLessThanOrEqual(160);
		// 19 usual runs, then the 40-minute one: low bars, then a full block.
		expect(row).toMatch(/[▁▂▃]{19}█$/);
		expect(lines(wide.frame()).some(line => line.includes('LAST 20'))).toBe(true);
		cleanup();
		const narrow = app({columns: 159, rows: 24});
		expect(narrow.frame()).not.toContain('LAST 20');
	});
});

describe('historyLayout', () => {
	it('keeps every run and three charts of at least two rows at 80x24, and never more rows than given', () => {
		expect(historyLayout(80, 21, 50)).toEqual({shown: 50, columnWidth: 1, charts: 3, chartRows: 3, regressionLine: true});
		expect(historyLayout(200, 57, 50)).toMatchObject({columnWidth: 3, charts: 3, chartRows: 12});
		for (const height of [1, 5, 8, 12, 21]) {
			const layout = historyLayout(80, height, 50);
			expect(5 + layout.charts * (layout.chartRows + 2) + Number(layout.regressionLine)).toBeLessThanOrEqual(Math.max(5, height));
		}
	});

	it('shows the newest runs that fit on a narrow terminal', () => {
		expect(historyLayout(40, 21, 50).shown).toBe(32);
	});
});

describe('the sync history screen in the zone Z chose', () => {
	it('gives the start under the cursor and the streak in the screen\'s zone, and Z switches both to UTC', async () => {
		const store = world();
		const view = renderApp(store, {size: {columns: 120, rows: 40}, options: {timeZone: 'Asia/Tokyo'}, clock: createWallClock(() => NOW)});
		await view.press('h');
		// The newest run began at 11:00 UTC, 20:00 in Tokyo.
		expect(view.frame()).toContain('started 20:00:00');
		expect(view.frame()).toContain('in a row since 02:00:00');
		await view.press('Z');
		expect(view.frame()).toContain('started 11:00:00');
		expect(view.frame()).toContain('in a row since Nov 28 17:00');
		expect(view.frame()).not.toContain('started 20:00:00');
	});
});
