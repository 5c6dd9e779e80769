import {describe, expect, it} from 'vitest';
import {COLUMN_ORDER, rowColumns, selectColumnData, SYNC_MIN, type ColumnData, type RowColumns} from '../../../source/tui/view/row-columns.js';
import {makeRun, makeSync, NOW, storeWith} from '../../helpers/builders.js';

// The list's width at each terminal width: the whole width with the detail pane closed, 55% beside it
// from 120 columns (at 80 the detail replaces the list).
const CLOSED = [80, 120, 160, 200];
const OPEN = [66, 88, 110];

const LABEL = 'Trials → Marketo Leads (Sandbox) #102';
const mixed: ColumnData = {longestSync: LABEL.length, anyEnded: true, anyFailed: true, anyLeft: true};

/** Marks, every column shown and a space between each two. */
const rowWidth = (columns: RowColumns): number => {
	const shown = COLUMN_ORDER.flatMap(name => columns.widths[name] ?? []);
	return 2 + shown.reduce((sum, width) => sum + width, 0) + shown.length - 1;
};

const layout = (width: number, data: ColumnData = mixed) => rowColumns(width, 4, 9, data);

describe('rowColumns', () => {
	it.each([...CLOSED, ...OPEN])('fills exactly the list width (%i) and keeps the step and a readable label', width => {
		const columns = layout(width);
		expect(rowWidth(columns)).toBe(width);
		expect(columns.widths.step).toBeDefined();
		expect(columns.widths.sync).toBeGreaterThanOrEqual(SYNC_MIN);
	});

	it('keeps the records from 80 columns; at 66 (120 with the detail open, which shows them) the label comes first', () => {
		for (const width of [80, 88, 110, 120]) expect(layout(width).widths.records).toBeDefined();
		expect(layout(66).widths.records).toBeUndefined();
	});

	it('grows the sync label with the terminal', () => {
		const widths = [...OPEN, ...CLOSED].sort((a, b) => a - b).map(width => layout(width).widths.sync ?? 0);
		expect(widths).toEqual([...widths].sort((a, b) => a - b));
		expect(layout(200).widths.sync).toBeGreaterThan(layout(120).widths.sync ?? 0);
	});

	it('shows the whole label from 120 columns, and at 200 with the detail open (110)', () => {
		for (const width of [120, 160, 200, 110]) expect(layout(width).widths.sync).toBeGreaterThanOrEqual(LABEL.length);
	});

	it('at 80 columns and at 66 (120 with the detail open) gives the redundant columns up before the label', () => {
		for (const width of [80, 66]) {
			const {widths} = layout(width);
			expect(widths.started).toBeUndefined();
			expect(widths.left).toBeUndefined();
		}

		expect(layout(88).widths.failed).toBeDefined();
	});

	it('keeps STARTED only when the widest label still fits whole beside it', () => {
		expect(layout(120).widths.started).toBeDefined();
		expect(layout(110).widths.started).toBeUndefined();
		const shorterLabels = {...mixed, longestSync: 30};
		expect(layout(110, shorterLabels).widths.started).toBeDefined();
		expect(layout(88, shorterLabels).widths.started).toBeUndefined();
	});

	it('drops STARTED while every run is still going (it says what TOOK says) and LEFT without an expected end', () => {
		const working = {...mixed, anyEnded: false, anyLeft: false};
		for (const width of [...CLOSED, ...OPEN]) {
			const {widths} = layout(width, working);
			expect(widths.started).toBeUndefined();
			expect(widths.left).toBeUndefined();
			expect(rowWidth(layout(width, working))).toBe(width);
		}

		expect(layout(200, working).widths.took).toBeDefined();
	});

	it('shows an empty FAILED column only where there is room to spare', () => {
		const clean = {...mixed, anyFailed: false};
		expect(layout(88, clean).widths.failed).toBeUndefined();
		expect(layout(88, clean).widths.took).toBeDefined();
		expect(layout(88).widths.took).toBeUndefined();
		expect(layout(200, clean).widths.failed).toBeDefined();
	});

	it('shows LEFT at 200 columns when a run has an expected end', () => {
		expect(layout(200).widths.left).toBeDefined();
		expect(layout(200, {...mixed, anyLeft: false}).widths.left).toBeUndefined();
	});

	it('on a tiny terminal keeps status, id and what is left for the label', () => {
		const columns = layout(30);
		expect(Object.keys(columns.widths).sort()).toEqual(['id', 'status', 'sync']);
		expect(rowWidth(columns)).toBe(30);
	});
});

describe('selectColumnData', () => {
	it('reads the widest label, ended runs and rejected records from the runs shown', () => {
		const store = storeWith(
			[
				makeRun(1, {syncId: 102, status: 'working', completedAt: null}),
				makeRun(2, {syncId: 103, recordsFailed: 3}),
			],
			[makeSync(102, 'Trials → Marketo Leads (Sandbox)'), makeSync(103, 'short')],
		);
		const state = store.getState();
		expect(selectColumnData(state, [1, 2])).toEqual({longestSync: LABEL.length, anyEnded: true, anyFailed: true, anyLeft: false});
		expect(selectColumnData(state, [1])).toEqual({longestSync: LABEL.length, anyEnded: false, anyFailed: false, anyLeft: false});
		expect(selectColumnData(state, [2]).longestSync).toBe('short #103'.length);
	});

	it('counts a working run with a sync history as having time left', () => {
		const store = storeWith([makeRun(1, {syncId: 102, status: 'working', completedAt: null, createdAt: new Date(NOW - 60_000).toISOString()})]);
		store.getState().setSyncHistory(102, [10 * 60_000, 10 * 60_000, 12 * 60_000], NOW);
		expect(selectColumnData(store.getState(), [1]).anyLeft).toBe(true);
	});
});
