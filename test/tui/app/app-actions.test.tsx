import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {AppActions, AppOptions} from '../../../source/tui/app.js';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {displayWidth} from '../../../source/text/text.js';
import {throttledView} from '../../../source/store/throttled-view.js';
import {makeRun, makeSync, storeWith} from '../../helpers/builders.js';
import {KEYS, linesOf, noActions} from './app-fixtures.js';
import {renderApp} from './render-app.js';

// The action keys through the whole App: what the question, the add prompt and the messages look like on
// the frame, and what reaches the actions (fakes here; the pty test sends them to a simulator).

afterEach(() => {
	cleanup();
});

const workspace = (): RunStoreApi =>
	storeWith(
		[makeRun(8123, {status: 'working', completedAt: null, syncId: 101}), makeRun(8122, {status: 'completed', syncId: 101})],
		[makeSync(101, 'Users → Salesforce Contacts')],
	);

const app = (store: RunStoreApi, overrides: Partial<AppOptions> = {}, size = {columns: 100, rows: 20}) => {
	const actions = {
		refreshNow: vi.fn(),
		setPaused: vi.fn(),
		quit: vi.fn(),
		copyToClipboard: vi.fn(() => 'copied'),
		trigger: vi.fn(async (_syncId: number, _fullSync: boolean) => {
			store.getState().addRunIds([8130]);
			return 8130;
		}),
		cancel: vi.fn(async (_runId: number) => undefined),
	};
	return renderApp(store, {size, options: overrides, actions: actions satisfies AppActions});
};

/** The line above the footer. */
const promptLine = (frame: string): string => linesOf(frame).at(-2) ?? '';
const footer = (frame: string): string => linesOf(frame).at(-1) ?? '';

describe('App: trigger and cancel', () => {
	it('t shows the question above y/N keys; y triggers once, says so and selects the new run', async () => {
		const view = app(workspace());
		await view.press('t');
		await vi.waitFor(() => expect(promptLine(view.frame())).toMatch(/^Trigger a run of sync 101 \(Users → Salesforce Contacts\)\? y\/N\s*$/));
		expect(footer(view.frame())).toMatch(/^y yes {2}N\/Esc no\s*$/);
		await view.press('y');
		await vi.waitFor(() => expect(promptLine(view.frame())).toMatch(/^triggered run 8130 of sync 101\s*$/));
		expect(view.actions.trigger.mock.calls).toEqual([[101, false]]);
		expect(view.ui.getState().selectedId).toBe(8130);
		expect(linesOf(view.frame()).find(line => line.startsWith('›'))).toContain('8130');
	});

	it('Esc answers no: nothing is sent and the line says so', async () => {
		const view = app(workspace());
		await view.press('c');
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('Cancel run 8123 (working)? y/N'));
		await view.press(KEYS.escape);
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('nothing sent: cancel not confirmed'));
		expect(view.actions.cancel).not.toHaveBeenCalled();
	});

	it('c then y on a working run cancels it and says so', async () => {
		const view = app(workspace());
		await view.press('c', 'y');
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('canceled run 8123'));
		expect(view.actions.cancel.mock.calls).toEqual([[8123]]);
	});

	it('shows a failed trigger in red as one sanitised line', async () => {
		const view = app(workspace());
		view.actions.trigger.mockRejectedValueOnce(new Error('POST syncs/101/trigger: 422: sync is\n paused \u001B]0;x\u0007now'));
		await view.press('t', 'y');
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('trigger of sync 101 failed: POST syncs/101/trigger: 422: sync is paused now'));
		expect(view.frame()).not.toContain('\u001B]');
	});

	it('read-only: the key says it is disabled, the footer and help mark it off, nothing is sent', async () => {
		const view = app(workspace(), {readOnly: true}, {columns: 140, rows: 40});
		expect(footer(view.frame())).toContain('t trigger (off: read-only)');
		expect(footer(view.frame())).toContain('c cancel (off: read-only)');
		await view.press('t');
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('read-only: trigger is disabled (--read-only)'));
		await view.press('c');
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('read-only: cancel is disabled (--read-only)'));
		await view.press('y');
		await view.press('?');
		await vi.waitFor(() => expect(view.frame()).toContain("(off: read-only) trigger a run of the selected run's sync"));
		expect(view.actions.trigger).not.toHaveBeenCalled();
		expect(view.actions.cancel).not.toHaveBeenCalled();
	});
});

describe('App: the watch list', () => {
	it('a shows the prompt with what is typed; a bad token is named on the same line', async () => {
		const view = app(workspace());
		await view.press('a', '77 s:x');
		await vi.waitFor(() => expect(promptLine(view.frame())).toMatch(/^add \(run ids, s:ID\): 77 s:x▏/));
		expect(footer(view.frame())).toMatch(/^Enter add {2}Esc cancel\s*$/);
		await view.press(KEYS.enter);
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('77 s:x▏  ✗ "s:x" is not a run id or s:ID'));
		expect(view.ui.getState().prompt?.kind).toBe('add');
	});

	it('Enter adds the runs: the new row is on screen and selected', async () => {
		const store = workspace();
		const view = app(store);
		await view.press('a', '9001', KEYS.enter);
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('watching run 9001'));
		expect(linesOf(view.frame()).find(line => line.startsWith('›'))).toContain('9001');
		expect(store.getState().watch.runIds).toContain(9001);
	});

	it('x removes the selected row and says how to bring it back', async () => {
		const view = app(workspace());
		await view.press('x');
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('removed run 8123 (a to add it back)'));
		expect(linesOf(view.frame()).slice(0, -2).join('\n')).not.toContain('8123');
		expect(linesOf(view.frame()).find(line => line.startsWith('›'))).toContain('8122');
	});

	it('keeps every line within the width, with the prompt open, at 40 columns', async () => {
		const view = app(workspace(), {}, {columns: 40, rows: 12});
		await view.press('t');
		await vi.waitFor(() => expect(promptLine(view.frame())).toContain('Trigger a run of sync 101'));
		expect(linesOf(view.frame()).every(line => displayWidth(line) <= 40)).toBe(true);
		expect(linesOf(view.frame())).toHaveLength(11);
	});

	it('shows the question instead of the footer when the terminal is too short for both', async () => {
		const view = app(workspace(), {}, {columns: 80, rows: 4});
		await view.press('t');
		await vi.waitFor(() => expect(linesOf(view.frame()).at(-1)).toContain('Trigger a run of sync 101'));
		expect(linesOf(view.frame())).toHaveLength(3);
	});
});

describe('what a key did shows at once through a throttled view', () => {
	it('x takes the row off and moves the selection in the same frame as its message, not at the next flush', async () => {
		const real = storeWith([makeRun(8123, {status: 'working', completedAt: null}), makeRun(8122), makeRun(8121)]);
		// A view whose timer never fires: only a flush brings it up to date.
		const view = throttledView(real, 1000, {now: () => 0, setTimer: () => 0, clearTimer: () => undefined});
		// The first change goes through at once; from here on the view holds changes back.
		real.getState().recordSuccess(1);
		const {ui, stdin, lastFrame} = renderApp(view, {actions: noActions(), flushStore: view.flush});
		await vi.waitFor(() => expect(lastFrame()).toContain('8123'));
		stdin.write('x');
		await vi.waitFor(() => expect(lastFrame()).toContain('removed run 8123'));
		expect(linesOf(lastFrame() ?? '').filter(line => line.includes('8123'))).toEqual([expect.stringContaining('removed run 8123')]);
		expect(ui.getState().selectedId).toBe(8122);
	});

	it('t y shows the new run on the list in the same frame as "triggered run"', async () => {
		const real = storeWith([makeRun(8123, {syncId: 101})], [makeSync(101, 'Users')]);
		const view = throttledView(real, 1000, {now: () => 0, setTimer: () => 0, clearTimer: () => undefined});
		real.getState().recordSuccess(1);
		const actions = {
			...noActions(),
			// As the engine does: the new run is on the watch list before the trigger resolves.
			trigger: async () => {
				real.getState().addRunIds([9000]);
				return 9000;
			},
		};
		const {stdin, lastFrame} = renderApp(view, {actions, flushStore: view.flush});
		await vi.waitFor(() => expect(lastFrame()).toContain('8123'));
		stdin.write('t');
		await vi.waitFor(() => expect(lastFrame()).toContain('Trigger'));
		stdin.write('y');
		await vi.waitFor(() => expect(lastFrame()).toContain('triggered run 9000'));
		expect(linesOf(lastFrame() ?? '').filter(line => line.includes('9000'))).toHaveLength(2);
	});
});
