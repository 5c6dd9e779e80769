import type {RunStoreApi} from './store/run-store.js';
import type {UiStoreApi} from './store/ui-store.js';
import {isInterrupt, matchKey, type KeyAction, type KeyPress} from './lib/keys.js';
import {moveSelection, selectedIndex, type Move} from './lib/list-window.js';
import {filterRunIds, type QuickFilter} from './lib/run-filter.js';
import {sanitizeText} from './lib/sanitize.js';
import {runPhase} from './lib/status.js';

// What each key does to the stores. Everything is read from the stores at the moment the key is handled,
// never from what the last render saw: several keys can arrive in one chunk and each must act on what the
// one before it left. No React here, so the App only wires this to useInput.

export type KeyActions = {
	refreshNow(): void;
	setPaused(paused: boolean): void;
	quit(): void;
};

export type KeyHandlerDeps = {
	store: RunStoreApi;
	ui: UiStoreApi;
	actions: KeyActions;
	/** Runs a page key moves by: the rows the list shows now. */
	pageRows(): number;
	/** Lines the help shows at once, and how far it can scroll, at the current size. */
	helpPage(): {rows: number; maxScroll: number};
};

const QUICK: Partial<Record<KeyAction, QuickFilter>> = {
	'quick-all': 'all',
	'quick-active': 'active',
	'quick-failed': 'failed',
	'quick-ended': 'ended',
};

/** The ids the list shows now, in its order. */
const visibleIds = ({store, ui}: Pick<KeyHandlerDeps, 'store' | 'ui'>): number[] => {
	const {filterText, quickFilter} = ui.getState();
	return filterRunIds(store.getState(), {text: filterText, quick: quickFilter});
};

/** The run the list shows as selected now (the first row when the selected one is hidden), or null. */
export function currentRunId(deps: Pick<KeyHandlerDeps, 'store' | 'ui'>): number | null {
	const ids = visibleIds(deps);
	return ids[selectedIndex(ids, deps.ui.getState().selectedId)] ?? null;
}

/** Selects the next (1) or previous (-1) failed run in list order, marking it seen; stays put at the end. */
export function selectFailedRun(deps: Pick<KeyHandlerDeps, 'store' | 'ui'>, delta: 1 | -1): void {
	const ids = visibleIds(deps);
	const state = deps.store.getState();
	for (let index = selectedIndex(ids, deps.ui.getState().selectedId) + delta; index >= 0 && index < ids.length; index += delta) {
		const id = ids[index];
		const entry = id === undefined ? undefined : state.runs[id];
		if (id !== undefined && entry && runPhase(entry.run, entry.notFound) === 'failed') {
			deps.ui.getState().select(id);
			state.markSeen(id);
			return;
		}
	}
}

export function createKeyHandler(deps: KeyHandlerDeps): (input: string, key: KeyPress) => void {
	const {store, ui, actions} = deps;

	const move = (to: Move) => {
		const next = moveSelection(visibleIds(deps), ui.getState().selectedId, to);
		ui.getState().select(next);
		// Moving while a run's detail is open shows that run: it counts as seen.
		if (next !== null && ui.getState().screen !== 'list') store.getState().markSeen(next);
	};

	const open = (screen: 'detail' | 'inspector') => {
		const id = currentRunId(deps);
		if (id === null) return;
		ui.getState().select(id);
		store.getState().markSeen(id);
		if (screen === 'detail') ui.getState().openDetail();
		else ui.getState().openInspector();
	};

	const scrollHelp = (action: KeyAction) => {
		const {rows, maxScroll} = deps.helpPage();
		const current = ui.getState().helpScroll;
		const page = Math.max(1, rows - 1);
		const target: Partial<Record<KeyAction, number>> = {
			'move-up': current - 1,
			'move-down': current + 1,
			'page-up': current - page,
			'page-down': current + page,
			first: 0,
			last: maxScroll,
		};
		const line = target[action];
		if (line !== undefined) ui.getState().setHelpScroll(Math.min(line, maxScroll));
	};

	const onFilterKey = (input: string, key: KeyPress) => {
		const state = ui.getState();
		const action = matchKey('filter', input, key);
		if (action === 'filter-clear') state.clearFilter();
		else if (action === 'filter-keep') state.keepFilter();
		else if (action === 'filter-erase') state.eraseFilter();
		else if (key.upArrow) move({by: -1});
		else if (key.downArrow) move({by: 1});
		else if (!key.ctrl && !key.meta) {
			const typed = sanitizeText(input);
			if (typed !== '') state.appendFilter(typed);
		}
	};

	return (input, key) => {
		if (isInterrupt(input, key)) {
			actions.quit();
			return;
		}

		const state = ui.getState();
		if (state.filterEditing) {
			onFilterKey(input, key);
			return;
		}

		const action = matchKey(state.screen, input, key);
		const quick = action === null ? undefined : QUICK[action];
		if (quick !== undefined) {
			state.setQuickFilter(quick);
			return;
		}

		switch (action) {
			case 'quit':
				actions.quit();
				break;
			case 'help':
				state.toggleHelp();
				break;
			case 'back':
				state.back();
				break;
			case 'refresh':
				actions.refreshNow();
				break;
			case 'pause':
				actions.setPaused(!store.getState().paused);
				break;
			case 'move-up':
			case 'move-down':
			case 'page-up':
			case 'page-down':
			case 'first':
			case 'last':
				if (state.screen === 'help') scrollHelp(action);
				else if (action === 'move-up' || action === 'move-down') move({by: action === 'move-up' ? -1 : 1});
				else if (action === 'page-up' || action === 'page-down') move({by: (action === 'page-up' ? -1 : 1) * deps.pageRows()});
				else move({to: action});
				break;
			case 'filter':
				state.startFilter();
				break;
			case 'quick-cycle':
				state.cycleQuickFilter();
				break;
			case 'open-detail':
				open('detail');
				break;
			case 'open-inspector':
				open('inspector');
				break;
			default:
				break;
		}
	};
}
