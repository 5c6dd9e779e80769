import {selectHistoryRuns} from '../../store/history-select.js';
import type {KeyAction} from './keymap.js';
import {moved, selectShown, type KeyHandler, type KeyHandlerDeps} from './key-deps.js';

// The sync history screen's keys: the cursor moves over the runs (newest first in the store, oldest on the
// left on screen), Enter opens the run under it in the detail pane, Esc goes back to where h was pressed.

/** The history's run ids, newest first, and the cursor's index among them (the newest when it is not there). */
function cursorOf(deps: KeyHandlerDeps) {
	const history = deps.ui.getState().history;
	if (history === null) return null;
	const ids = selectHistoryRuns(deps.store.getState(), history.syncId).map(run => run.id);
	return {ids, index: Math.max(0, ids.indexOf(history.cursor))};
}

export const historyKeys: Partial<Record<KeyAction, KeyHandler>> = {
	'history-move'(deps, step) {
		const cursor = cursorOf(deps);
		if (cursor === null || step === null) return;
		// As drawn, oldest on the left: a step back (←/h) goes to an older run, the start (g) to the oldest.
		const next = moved([...cursor.ids].reverse(), cursor.ids[cursor.index] ?? null, step, 1);
		if (next !== null) deps.ui.getState().setHistoryCursor(next);
	},
	'history-open'(deps) {
		const cursor = cursorOf(deps);
		const runId = cursor?.ids[cursor.index];
		if (runId === undefined) return;
		// A run of the history not watched yet joins the list, where the detail finds it (x removes it again);
		// an ended run is fetched once and not polled after that.
		if (deps.store.getState().runs[runId] === undefined) deps.store.getState().addRunIds([runId]);
		selectShown(deps, runId);
		deps.ui.getState().openDetail();
	},
	'history-close': deps => deps.ui.getState().back(),
};
