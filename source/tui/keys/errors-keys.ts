import {groupsOfRuns} from '../../runs/error-groups.js';
import type {ErrorsView} from '../../store/ui-store.js';
import type {KeyAction} from './keymap.js';
import {moved, selectShown, type KeyHandler, type KeyHandlerDeps} from './key-deps.js';

// The errors-by-code screen's keys: move between codes (or an open code's runs), Enter opens a code and
// then inspects a run, Esc closes the code and then goes back. Groups and runs are kept by key and id, so
// that the selection stays put while new failures reorder them.

/** The groups now, the open one (if it still exists) and the selected group's key, defaulting to the first. */
function current(deps: KeyHandlerDeps) {
	const groups = groupsOfRuns(deps.store.getState().runs);
	const view = deps.ui.getState().errorsView;
	const open = view.openKey === null ? undefined : groups.find(group => group.key === view.openKey);
	const keys = groups.map(group => group.key);
	const groupKey = keys.includes(view.groupKey ?? '') ? view.groupKey : (keys[0] ?? null);
	return {groups, keys, open, view, groupKey};
}

const set = (deps: KeyHandlerDeps, view: ErrorsView) => {
	deps.ui.getState().setErrorsView(view);
};

export const errorsKeys: Partial<Record<KeyAction, KeyHandler>> = {
	'errors-move'(deps, step) {
		if (step === null) return;
		const {keys, open, view, groupKey} = current(deps);
		const page = Math.max(1, (deps.errorsPage?.(open !== undefined) ?? 1) - 1);
		if (open === undefined) set(deps, {groupKey: moved(keys, groupKey, step, page), openKey: null, runId: null});
		else set(deps, {groupKey, openKey: open.key, runId: moved(open.runIds, view.runId, step, page)});
	},
	'errors-open'(deps) {
		const {groups, open, view, groupKey} = current(deps);
		if (open === undefined) {
			const target = groups.find(group => group.key === groupKey);
			if (target) set(deps, {groupKey, openKey: target.key, runId: target.runIds[0] ?? null});
			return;
		}

		const runId = open.runIds.includes(view.runId ?? -1) ? view.runId : (open.runIds[0] ?? null);
		if (runId === null) return;
		selectShown(deps, runId);
		deps.ui.getState().openInspector();
	},
	'errors-close'(deps) {
		const {open} = current(deps);
		if (open === undefined) deps.ui.getState().back();
		else set(deps, {groupKey: open.key, openKey: null, runId: null});
	},
};
