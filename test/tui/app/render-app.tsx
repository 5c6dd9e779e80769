import {render} from 'ink-testing-library';
import {vi} from 'vitest';
import {App, type AppActions, type AppOptions, type AppProps} from '../../../source/tui/app.js';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {createUiStore, type UiStoreApi} from '../../../source/store/ui-store.js';
import {options} from './app-fixtures.js';

// The whole App under ink-testing-library, for every test that drives it with keys. Apart from
// app-fixtures on purpose: importing Ink loads chalk, which settles on colour there and then, and some
// tests that use those fixtures turn colour on before they import Ink (they import this file dynamically).

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

/** Two turns of the event loop: a lone ESC is held for one setImmediate in case a sequence follows. */
export const settle = async (): Promise<void> => {
	await new Promise(resolve => setImmediate(resolve));
	await new Promise(resolve => setImmediate(resolve));
};

export type AppSetup<Actions extends object> = Omit<Partial<AppProps>, 'store' | 'actions' | 'options' | 'ui'> & {
	/** Overrides of app-fixtures' options. */
	options?: Partial<AppOptions>;
	/** Any subset of the actions (spies, fakes): the App is given them as they are. */
	actions?: Actions;
	ui?: UiStoreApi;
};

/** The whole App in ink-testing-library (100x20 unless `size` says otherwise), with its UI store and `press` for keys. */
export const renderApp = <Actions extends object = ActionSpies>(store: RunStoreApi, setup: AppSetup<Actions> = {}) => {
	const {options: overrides = {}, actions = actionSpies() as Actions, ui = createUiStore(), size = {columns: 100, rows: 20}, ...props} = setup;
	const result = render(<App store={store} ui={ui} actions={actions as unknown as AppActions} options={options(overrides)} size={size} {...props} />);
	const press = async (...keys: string[]) => {
		for (const key of keys) {
			result.stdin.write(key);
			await settle();
		}
	};

	return {...result, ui, actions, press, frame: () => result.lastFrame() ?? ''};
};
