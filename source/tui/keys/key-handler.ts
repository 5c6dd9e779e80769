import {bindingFor, isInterrupt, stepOf, type KeyAction, type KeyPress} from './keymap.js';
import {say, type KeyHandler, type KeyHandlerDeps} from './key-deps.js';
import {keyStateOf} from './key-state.js';
import {censusActionKeys} from './census-actions.js';
import {errorsKeys} from './errors-keys.js';
import {historyKeys} from './history-keys.js';
import {inspectorKeys} from './inspector-keys.js';
import {navigationKeys} from './navigation.js';
import {onAddKey, onConfirmKey, onFilterKey, onSearchKey} from './prompts.js';
import {viewKeys} from './view-keys.js';
import {watchListKeys} from './watch-list.js';

// The one dispatcher: every key press goes to the open prompt, or else to the keymap entry it means on
// the screen the UI store shows at that moment (not the one React last drew), so that keys typed ahead of
// a screen change (`e` then PgDn in one read) reach the screen they were meant for. An entry that is off
// says why instead of acting. No React here: the App only wires this to useInput.

const HANDLERS: Partial<Record<KeyAction, KeyHandler>> = {
	...navigationKeys,
	...viewKeys,
	...watchListKeys,
	...censusActionKeys,
	...inspectorKeys,
	...errorsKeys,
	...historyKeys,
};

export function createKeyHandler(deps: KeyHandlerDeps): (input: string, key: KeyPress) => void {
	const {store, ui} = deps;
	return (input, key) => {
		if (isInterrupt(input, key)) {
			deps.actions.quit();
			return;
		}

		const state = ui.getState();
		if (state.prompt?.kind === 'confirm') {
			onConfirmKey(deps, state.prompt.action, input, key);
			return;
		}

		if (state.prompt?.kind === 'add') {
			onAddKey(deps, state.prompt.text, input, key);
			return;
		}

		// A message answers the last key; the next one makes it go.
		state.clearMessage();
		if (state.filterEditing) {
			onFilterKey(deps, input, key);
			return;
		}

		if (state.inspectorSearchEditing && state.screen === 'inspector') {
			onSearchKey(deps, input, key);
			return;
		}

		const binding = bindingFor(state.screen, input, key);
		if (binding === undefined) return;
		const off = binding.off?.(keyStateOf(store.getState(), ui.getState(), deps.readOnly ?? false)) ?? null;
		if (off === null) HANDLERS[binding.action]?.(deps, stepOf(input, key));
		else say(deps, off.message);
	};
}
