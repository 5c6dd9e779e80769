import {render} from 'ink-testing-library';
import {vi} from 'vitest';
import {App, type AppActions, type AppOptions} from '../../../source/tui/app.js';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {createUiStore} from '../../../source/store/ui-store.js';
import {options} from './run-list-helpers.js';

// The whole App under ink-testing-library for the App tests. Apart from run-list-helpers on purpose:
// importing Ink loads chalk, which settles on colour there and then, and some tests that use those
// fixtures turn colour on before they import Ink.

export type ActionSpies = {[K in keyof Required<AppActions>]: ReturnType<typeof vi.fn>};

/** Every action the App can ask for, as a spy that does nothing. */
export const actionSpies = (): ActionSpies => ({
	refreshNow: vi.fn(),
	setPaused: vi.fn(),
	quit: vi.fn(),
	copyToClipboard: vi.fn(() => 'copied'),
	trigger: vi.fn(async () => 1),
	cancel: vi.fn(async () => undefined),
	openUrl: vi.fn(async () => false),
});

/** The whole App in ink-testing-library, with its own UI store and `press` for keys. */
export const renderApp = <Actions extends object>(store: RunStoreApi, size: {columns: number; rows: number}, overrides: Partial<AppOptions>, actions: Actions) => {
	const ui = createUiStore();
	const result = render(<App store={store} ui={ui} actions={actions as unknown as AppActions} options={options(overrides)} size={size} />);
	const press = async (...keys: string[]) => {
		for (const key of keys) {
			result.stdin.write(key);
			// A lone ESC is held for one setImmediate in case a sequence follows; let it through.
			await new Promise(resolve => setImmediate(resolve));
			await new Promise(resolve => setImmediate(resolve));
		}
	};

	return {...result, ui, actions, press, frame: () => result.lastFrame() ?? ''};
};
