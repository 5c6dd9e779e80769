import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {render} from 'ink';
import {App, type AppActions} from '../../../source/tui/app.js';
import {createFocusStdin} from '../../../source/terminal/focus-stdin.js';
import {createUiStore} from '../../../source/store/ui-store.js';
import {makeRun, storeWith} from '../../helpers/builders.js';
import {FakeTerminal} from '../../helpers/ink-streams.js';
import {noActions, options} from './app-fixtures.js';

// Esc followed at once by another key, in one read as over SSH, through the stdin the CLI gives Ink and
// Ink's own key parsing: the Esc must act as Esc, and the key after it as itself.

const ESC = '\u001B';

const unmounts: Array<() => void> = [];
afterEach(() => {
	for (const unmount of unmounts.splice(0)) unmount();
});

function start() {
	const real = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => real});
	const stdin = createFocusStdin(real as unknown as NodeJS.ReadStream, {onFocus() {}});
	const ui = createUiStore();
	const store = storeWith([makeRun(1, {syncId: 101}), makeRun(2, {status: 'failed', syncId: 102})]);
	const instance = render(<App store={store} ui={ui} actions={noActions() as AppActions} options={options()} size={{columns: 100, rows: 20}} />, {
		stdout: new FakeTerminal(100, 20) as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		patchConsole: false,
		exitOnCtrlC: false,
	});
	unmounts.push(() => {
		instance.unmount();
		stdin.destroy();
	});
	return {ui, type: (text: string) => real.write(text)};
}

describe('Esc then a key in one read', () => {
	it('Esc clears the filter being typed and / starts a new one, instead of / joining the old filter', async () => {
		const {ui, type} = start();
		type('/');
		await vi.waitFor(() => expect(ui.getState().filterEditing).toBe(true));
		type('hubspot');
		await vi.waitFor(() => expect(ui.getState().filterText).toBe('hubspot'));
		type(`${ESC}/`);
		await vi.waitFor(() => expect(ui.getState().filterText).toBe(''));
		expect(ui.getState().filterEditing).toBe(true);
		type('fail');
		await vi.waitFor(() => expect(ui.getState().filterText).toBe('fail'));
	});

	it('Esc leaves the detail and j then moves on the list, instead of Alt+j', async () => {
		const {ui, type} = start();
		type('\r');
		await vi.waitFor(() => expect(ui.getState().screen).toBe('detail'));
		type(`${ESC}j`);
		await vi.waitFor(() => expect(ui.getState().screen).toBe('list'));
		await vi.waitFor(() => expect(ui.getState().selectedId).toBe(1));
	});
});
