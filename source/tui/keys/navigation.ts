import {moveSelection, type Move} from '../view/list-window.js';
import type {KeyAction} from './keymap.js';
import {currentRunId, selectedSync, visibleIds, type KeyHandler, type KeyHandlerDeps} from './key-deps.js';

// Moving through the list (or scrolling the help over it), and opening and leaving screens.

function move(deps: KeyHandlerDeps, to: Move) {
	const {store, ui} = deps;
	const next = moveSelection(visibleIds(deps), ui.getState().selectedId, to);
	ui.getState().select(next);
	// Moving while a run's detail is open shows that run: it counts as seen.
	if (next !== null && ui.getState().screen !== 'list') store.getState().markSeen(next);
}

function scrollHelp(deps: KeyHandlerDeps, action: KeyAction) {
	const {rows, maxScroll} = deps.helpPage();
	const current = deps.ui.getState().helpScroll;
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
	if (line !== undefined) deps.ui.getState().setHelpScroll(Math.min(line, maxScroll));
}

/** A list key: moves the selection, or scrolls the help while it is open. */
const listMove =
	(action: KeyAction, to: (deps: KeyHandlerDeps) => Move): KeyHandler =>
	deps => {
		if (deps.ui.getState().screen === 'help') scrollHelp(deps, action);
		else move(deps, to(deps));
	};

function open(deps: KeyHandlerDeps, screen: 'detail' | 'inspector') {
	const id = currentRunId(deps);
	if (id === null) return;
	deps.ui.getState().select(id);
	deps.store.getState().markSeen(id);
	if (screen === 'detail') deps.ui.getState().openDetail();
	else deps.ui.getState().openInspector();
}

/** The selected run's sync's history; its page is asked for once (the poller sends it within the budget). */
function openHistory(deps: KeyHandlerDeps) {
	const sync = selectedSync(deps);
	if (sync === null) return;
	deps.store.getState().wantSyncHistory(sync.syncId);
	const {screen} = deps.ui.getState();
	deps.ui.getState().openHistory(sync.syncId, sync.runId, screen === 'detail' ? 'detail' : 'list');
}

export const navigationKeys: Partial<Record<KeyAction, KeyHandler>> = {
	'move-up': listMove('move-up', () => ({by: -1})),
	'move-down': listMove('move-down', () => ({by: 1})),
	'page-up': listMove('page-up', deps => ({by: -deps.pageRows()})),
	'page-down': listMove('page-down', deps => ({by: deps.pageRows()})),
	first: listMove('first', () => ({to: 'first'})),
	last: listMove('last', () => ({to: 'last'})),
	'open-detail': deps => open(deps, 'detail'),
	'open-inspector': deps => open(deps, 'inspector'),
	'open-errors': deps => deps.ui.getState().openErrors(),
	'open-history': openHistory,
	help: deps => deps.ui.getState().toggleHelp(),
	back(deps) {
		const state = deps.ui.getState();
		// In the inspector Esc first clears a search, as it clears the filter on the list.
		if (state.screen === 'inspector' && state.inspectorSearch !== '') state.clearInspectorSearch();
		else state.back();
	},
};
