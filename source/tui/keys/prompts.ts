import type {ConfirmAction} from '../../store/ui-store.js';
import {sanitizeText} from '../../text/sanitize.js';
import {matchKey, stepOf, typedText, type KeyPress} from './keymap.js';
import {say, type KeyHandlerDeps} from './key-deps.js';
import {sendConfirmed} from './census-actions.js';
import {followSearch} from './inspector-keys.js';
import {navigationKeys} from './navigation.js';
import {submitAdd, unfollow} from './watch-list.js';

// The lines that take the keys while they are open: a y/N question, the add prompt, the list's filter and
// the inspector's search. What is not one of their keys is typed text (sanitised: a paste can hold anything).

/** Printable text of a key press, or '' for a control key. */
const typed = (input: string, key: KeyPress): string => sanitizeText(typedText(input, key));

const declined = (action: ConfirmAction): string =>
	action.kind === 'unfollow' ? `still following sync ${action.syncId}` : `nothing sent: ${action.kind} not confirmed`;

/** Any key answers the question: y sends, n keeps X's runs, anything else declines. */
export function onConfirmKey(deps: KeyHandlerDeps, action: ConfirmAction, input: string, key: KeyPress) {
	deps.ui.getState().closePrompt();
	const answer = matchKey('confirm', input, key);
	if (answer === 'confirm-yes') {
		if (action.kind === 'unfollow') unfollow(deps, action.syncId, 'drop');
		else sendConfirmed(deps, action);
	} else if (action.kind === 'unfollow' && answer === 'confirm-keep') {
		unfollow(deps, action.syncId, 'keep');
	} else {
		say(deps, declined(action));
	}
}

export function onAddKey(deps: KeyHandlerDeps, text: string, input: string, key: KeyPress) {
	const state = deps.ui.getState();
	const action = matchKey('add', input, key);
	if (action === 'add-cancel') state.closePrompt();
	else if (action === 'add-erase') state.eraseAddText();
	else if (action === 'add-submit') submitAdd(deps, text);
	else if (typed(input, key) !== '') state.appendAddText(typed(input, key));
}

export function onFilterKey(deps: KeyHandlerDeps, input: string, key: KeyPress) {
	const state = deps.ui.getState();
	const action = matchKey('filter', input, key);
	if (action === 'filter-clear') state.clearFilter();
	else if (action === 'filter-keep') state.keepFilter();
	else if (action === 'filter-erase') state.eraseFilter();
	// The arrows still move the selection while the filter is typed.
	else if (action === 'filter-move') navigationKeys[stepOf(input, key) === 'back' ? 'move-up' : 'move-down']?.(deps, null);
	else if (typed(input, key) !== '') state.appendFilter(typed(input, key));
}

export function onSearchKey(deps: KeyHandlerDeps, input: string, key: KeyPress) {
	const state = deps.ui.getState();
	const action = matchKey('search', input, key);
	const before = state.inspectorSearch;
	if (action === 'search-clear') state.clearInspectorSearch();
	else if (action === 'search-keep') state.keepInspectorSearch();
	else if (action === 'search-erase') state.eraseInspectorSearch();
	else if (typed(input, key) !== '') state.appendInspectorSearch(typed(input, key));
	// A new query lands on its first match from where the view is.
	if (deps.ui.getState().inspectorSearch !== before) followSearch(deps);
}
