import {useInput} from 'ink';
import {createKeyHandler} from '../../../source/tui/keys/key-handler.js';
import type {KeyHandlerDeps} from '../../../source/tui/keys/key-deps.js';
import {splitKeyPresses} from '../../../source/tui/keys/key-presses.js';

// A screen under test takes its keys as in the App: through the one dispatcher, which acts on the stores
// the screen draws from. The App wires the same handler to useInput.

export const noKeyActions = (): KeyHandlerDeps['actions'] => ({
	refreshNow() {},
	setPaused() {},
	quit() {},
	trigger: async () => Promise.reject(new Error('not in this test')),
	cancel: async () => Promise.reject(new Error('not in this test')),
});

export function ScreenKeys({deps}: {deps: KeyHandlerDeps}) {
	const onKey = createKeyHandler(deps);
	useInput((input, key) => {
		for (const press of splitKeyPresses(input, key)) onKey(press.input, press.key);
	});
	return null;
}
