import {incidentText} from '../../runs/incident-text.js';
import {runPhase} from '../../runs/status.js';
import {syncDisplayLabel} from '../../runs/sync-label.js';
import {selectedIndex} from '../view/list-window.js';
import type {ScrollAction} from '../view/inspector-lines.js';
import {jumpedToMatch, scrolled, searched} from '../view/inspector-scroll.js';
import type {KeyAction, Step} from './keymap.js';
import {currentRunId, visibleIds, type KeyHandler, type KeyHandlerDeps} from './key-deps.js';

// The error inspector's keys: scrolling, ]/[ between search matches, y to copy, n/N to the next or
// previous failed run. Its place is in the UI store, so that these act even before the inspector is drawn.

/** Where n / N went: the run now selected (null: none other), and a line to say when it is not the obvious. */
export type FailedRunMove = {runId: number | null; note: string | null};

/**
 * Selects the next (1) or previous (-1) failed run in list order, marking it seen. Past the last (first)
 * one it wraps around to the first (last) and says so, as a search in an editor does.
 */
export function selectFailedRun(deps: Pick<KeyHandlerDeps, 'store' | 'ui'>, delta: 1 | -1): FailedRunMove {
	const ids = visibleIds(deps);
	const state = deps.store.getState();
	const isFailed = (id: number | undefined): id is number => {
		const entry = id === undefined ? undefined : state.runs[id];
		return entry !== undefined && runPhase(entry.run, entry.notFound) === 'failed';
	};

	const current = selectedIndex(ids, deps.ui.getState().selectedId);
	for (let step = 1; step < ids.length; step++) {
		const index = (((current + delta * step) % ids.length) + ids.length) % ids.length;
		const id = ids[index];
		if (isFailed(id)) {
			deps.ui.getState().select(id);
			state.markSeen(id);
			const wrapped = delta === 1 ? index < current : index > current;
			return {runId: id, note: wrapped ? `wrapped to the ${delta === 1 ? 'first' : 'last'} failed run` : null};
		}
	}

	return {runId: null, note: isFailed(ids[current]) ? 'no other failed run' : 'no failed run in the list'};
}

const SCROLL: Readonly<Record<Step, ScrollAction>> = {
	back: 'line-up',
	forward: 'line-down',
	'page-back': 'page-up',
	'page-forward': 'page-down',
	start: 'top',
	end: 'bottom',
};

/** 1 for a key that goes forward, -1 for one that goes back. */
const deltaOf = (step: Step | null): 1 | -1 => (step === 'back' ? -1 : 1);

/** The run on the inspector and its lines at the current size; null without a run or a size. */
function shown(deps: KeyHandlerDeps) {
	const runId = currentRunId(deps);
	if (runId === null || deps.inspectorPage === undefined) return null;
	return {runId, page: deps.inspectorPage(runId), query: deps.ui.getState().inspectorSearch};
}

const scroll: KeyHandler = (deps, step) => {
	const view = shown(deps);
	if (view === null || step === null) return;
	const state = deps.ui.getState();
	state.setInspectorScroll(scrolled(state.inspectorScroll, view.runId, view.page, view.query, SCROLL[step]));
	state.setInspectorNotice(null);
};

/** After the search's text changed: the view lands on its first match from where it is. */
export function followSearch(deps: KeyHandlerDeps) {
	const view = shown(deps);
	if (view === null) return;
	const state = deps.ui.getState();
	state.setInspectorScroll(searched(state.inspectorScroll, view.runId, view.page, view.query));
}

export const inspectorKeys: Partial<Record<KeyAction, KeyHandler>> = {
	'inspector-search': deps => deps.ui.getState().startInspectorSearch(),
	'inspector-scroll': scroll,
	'inspector-page': scroll,
	'inspector-ends': scroll,
	'inspector-match'(deps, step) {
		const view = shown(deps);
		if (view === null) return;
		const state = deps.ui.getState();
		state.setInspectorScroll(jumpedToMatch(state.inspectorScroll, view.runId, view.page, view.query, deltaOf(step)));
		state.setInspectorNotice(null);
	},
	'inspector-copy'(deps) {
		const runId = currentRunId(deps);
		if (runId === null) return;
		const {runs, syncs} = deps.store.getState();
		const run = runs[runId]?.run ?? null;
		const webUrl = run === null ? null : (deps.webUrl?.(runId, run.syncId) ?? null);
		const text = incidentText({runId, run, syncLabel: run === null ? null : syncDisplayLabel(syncs, run.syncId), webUrl});
		deps.ui.getState().setInspectorNotice({runId, text: text === '' ? 'nothing to copy' : (deps.copy?.(text) ?? 'nothing to copy with')});
	},
	'inspector-next-failed'(deps, step) {
		const runId = currentRunId(deps);
		if (runId === null) return;
		const move = selectFailedRun(deps, deltaOf(step));
		// Said on the run it lands on (a wrap), or on this one when there is no other.
		deps.ui.getState().setInspectorNotice(move.note === null ? null : {runId: move.runId ?? runId, text: move.note});
	},
};
