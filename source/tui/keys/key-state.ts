import type {RunStoreState} from '../../store/run-store.js';
import {selectHistoryRuns} from '../../store/history-select.js';
import type {UiState} from '../../store/ui-store.js';
import {groupsOfRuns} from '../../runs/error-groups.js';
import {filterRunIds} from '../../runs/run-filter.js';
import {isTerminalPhase, runPhase} from '../../runs/status.js';
import {selectedIndex} from '../view/list-window.js';

// What the keymap's off-rules look at, read from the stores at one moment: the dispatcher builds it when a
// key is pressed, the footer and help when they draw. The costly parts are functions, so that only the
// rules of the keys in question pay for them.

export type KeyState = {
	/** --read-only: nothing that changes Census is sent. */
	readOnly: boolean;
	/** The run the keys act on (the list's selected row), or null when the list shows none. */
	selected: {id: number; ended: boolean; canceling: boolean} | null;
	/** The inspector's search ('' none). */
	inspectorSearch: string;
	/** Groups on the errors-by-code screen. */
	errorGroups(): number;
	/** Runs on the history screen; null while no history was opened. */
	historyRuns(): number | null;
};

type RunsPart = Pick<RunStoreState, 'runOrder' | 'runs' | 'syncs' | 'syncHistory'>;
type UiPart = Pick<UiState, 'filterText' | 'quickFilter' | 'sort' | 'selectedId' | 'inspectorSearch' | 'history'>;

/** The run the list shows as selected (the first row when the selected one is hidden), or null. */
export function selectedRunId(runs: Pick<RunStoreState, 'runOrder' | 'runs' | 'syncs'>, ui: Omit<UiPart, 'inspectorSearch' | 'history'>): number | null {
	const ids = filterRunIds(runs, {text: ui.filterText, quick: ui.quickFilter, sort: ui.sort});
	return ids[selectedIndex(ids, ui.selectedId)] ?? null;
}

const selectedState = (id: number, entry: RunsPart['runs'][number] | undefined): KeyState['selected'] => {
	const phase = entry === undefined ? 'unknown' : runPhase(entry.run, entry.notFound);
	return {id, ended: isTerminalPhase(phase), canceling: phase === 'canceling'};
};

/** `selectedId`: the list's selected run when the caller has already worked it out (the App has). */
export function keyStateOf(runs: RunsPart, ui: UiPart, readOnly: boolean, selectedId: number | null = selectedRunId(runs, ui)): KeyState {
	const id = selectedId;
	const entry = id === null ? undefined : runs.runs[id];
	return {
		readOnly,
		selected: id === null ? null : selectedState(id, entry),
		inspectorSearch: ui.inspectorSearch,
		errorGroups: () => groupsOfRuns(runs.runs).length,
		historyRuns: () => (ui.history === null ? null : selectHistoryRuns(runs, ui.history.syncId).length),
	};
}
