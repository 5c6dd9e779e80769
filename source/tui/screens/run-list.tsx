import {useMemo, useState} from 'react';
import {Box, Text} from 'ink';
import {useShallow} from 'zustand/shallow';
import {useRunStore} from '../../store/react.js';
import type {RunStoreState} from '../../store/run-store.js';
import {RunRow} from '../components/run-row.js';
import {cell} from '../view/cell.js';
import {COLUMN_ORDER, RIGHT_ALIGNED, columnTitles, rowColumns} from '../view/row-columns.js';
import {selectedIndex, windowStart} from '../view/list-window.js';
import {selectColumnData, type ColumnName} from '../view/row-columns.js';
import {SORT_NAMES, type RunSort} from '../../runs/run-sort.js';
import {entryStatusWord, filterRunIds, type RunFilter} from '../../runs/run-filter.js';
import {UNKNOWN_STATUS_WIDTH} from '../../runs/status.js';
import {displayWidth} from '../../text/text.js';

// The home screen: one row per run, newest first, windowed to the height so the selection stays in view.
// It subscribes to the filtered id list only (shallow-compared), so a poll that changes one run redraws
// that run's row and nothing else.

export type RunListProps = {
	filter: RunFilter;
	filterEditing: boolean;
	selectedId: number | null;
	width: number;
	height: number;
	ascii: boolean;
	animate: boolean;
	/** The base poll interval, for each row's stall mark. */
	pollIntervalMs: number;
	/** Tests count renders with it: called with 'list' for the list and the run id for each row. */
	onRender?: (what: 'list' | number) => void;
	/** Told where the window is (the index of the first run shown), for mapping a click to a run. */
	windowRef?: {current: {first: number}};
};

/** Rows a list of `height` lines shows, after its title and filter lines; the App pages by this. */
export function listRowsFor(height: number, hasFilterLine: boolean): number {
	return Math.max(1, height - (height >= TITLES_FROM ? 1 : 0) - (hasFilterLine ? 1 : 0));
}

/** Below this height the column titles give their line to a run. */
const TITLES_FROM = 6;

/** Which shown run (0 for the first row of the window) is on `line` of the list (0 its top line), or null. */
export function listRowAt(line: number, height: number, hasFilter: boolean): number | null {
	const index = line - (hasFilter ? 1 : 0) - (height >= TITLES_FROM ? 1 : 0);
	return index >= 0 && index < listRowsFor(height, hasFilter) && line < height ? index : null;
}

const sortOf = (filter: RunFilter): RunSort => filter.sort ?? 'newest';

export const hasFilterLine = (filter: RunFilter, editing: boolean): boolean =>
	editing || filter.text !== '' || filter.quick !== 'all' || sortOf(filter) !== 'newest';

/** The column whose title carries the sort mark, for the orders that follow a column. */
const SORTED_COLUMN: Partial<Record<RunSort, ColumnName>> = {status: 'status', sync: 'sync', duration: 'took', failed: 'failed'};

const longestId = (state: RunStoreState): number => String(state.runOrder[0] ?? 0).length;

const longestStatus = (state: RunStoreState): number => {
	let longest = 0;
	for (const id of state.runOrder) {
		const entry = state.runs[id];
		if (entry) longest = Math.max(longest, displayWidth(entryStatusWord(entry)));
	}

	return Math.min(longest, UNKNOWN_STATUS_WIDTH);
};

type FilterLineProps = {filter: RunFilter; editing: boolean; shown: number; total: number; width: number; ascii: boolean};

function FilterLine({filter, editing, shown, total, width, ascii}: FilterLineProps) {
	const parts: string[] = [];
	if (editing || filter.text !== '') parts.push(`/${filter.text}${editing ? (ascii ? '_' : '▏') : ''}`);
	if (filter.quick !== 'all') parts.push(`status: ${filter.quick}`);
	if (sortOf(filter) !== 'newest') parts.push(`sort: ${SORT_NAMES[sortOf(filter)]}`);
	parts.push(`${shown} of ${total}`);
	if (editing) parts.push(ascii ? 'Enter keeps, Esc clears' : 'Enter keeps · Esc clears');
	else if (filter.text !== '') parts.push('Esc clears');
	else parts.push(filter.quick === 'all' ? 's sorts' : '1 shows all');
	return (
		<Text color="yellow" wrap="truncate">
			{cell(parts.join('  '), width, {ascii})}
		</Text>
	);
}

export function RunList({filter, filterEditing, selectedId, width, height, ascii, animate, pollIntervalMs, onRender, windowRef}: RunListProps) {
	onRender?.('list');
	const ids = useRunStore(useShallow(state => filterRunIds(state, filter)));
	const total = useRunStore(state => state.runOrder.length);
	const idWidth = useRunStore(longestId);
	const statusWidth = useRunStore(longestStatus);
	const [start, setStart] = useState(0);

	// One object while the sizes stay, so the memoised rows are not redrawn by a list redraw.
	// Shallow-compared: the same object while the facts stay, so the rows are not redrawn by a poll.
	const data = useRunStore(useShallow(state => selectColumnData(state, ids)));
	const columns = useMemo(() => rowColumns(width, Math.max(3, idWidth), statusWidth, data), [width, idWidth, statusWidth, data]);
	const showFilter = hasFilterLine(filter, filterEditing);
	const titles = height >= TITLES_FROM;
	const visibleRows = listRowsFor(height, showFilter);
	const selected = selectedIndex(ids, selectedId);
	const first = windowStart(ids.length, selected, visibleRows, start);
	// Remember where the window is, so the next move scrolls it as little as possible.
	if (first !== start) setStart(first);
	if (windowRef) windowRef.current.first = first;

	const sortedColumn = SORTED_COLUMN[sortOf(filter)];
	const titleLine = COLUMN_ORDER.flatMap(name => {
		const columnWidth = columns.widths[name];
		const title = columnTitles[name] + (name === sortedColumn ? (ascii ? 'v' : '▼') : '');
		return columnWidth === undefined ? [] : [cell(title, columnWidth, {right: RIGHT_ALIGNED.has(name), ascii})];
	}).join(' ');

	// Clipped top to bottom only: every line is already cut to the width, and a horizontal clip would make
	// Ink re-slice every line of the list on every frame.
	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{showFilter ? <FilterLine filter={filter} editing={filterEditing} shown={ids.length} total={total} width={width} ascii={ascii} /> : null}
			{titles ? (
				<Text dimColor bold wrap="truncate">
					{cell('  ' + titleLine, width, {ascii})}
				</Text>
			) : null}
			{ids.length === 0 ? (
				<Text dimColor wrap="truncate">
					{cell(total === 0 ? '  No runs watched yet.' : '  No runs match the filter.', width, {ascii})}
				</Text>
			) : (
				ids
					.slice(first, first + visibleRows)
					.map(id => (
						<RunRow
							key={id}
							id={id}
							columns={columns}
							selected={ids[selected] === id}
							ascii={ascii}
							animate={animate}
							pollIntervalMs={pollIntervalMs}
							onRender={onRender}
						/>
					))
			)}
		</Box>
	);
}
