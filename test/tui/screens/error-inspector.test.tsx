import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {useStore} from 'zustand';
import {useShallow} from 'zustand/shallow';
import {runWebUrl} from '../../../source/runs/links.js';
import {createUiStore} from '../../../source/store/ui-store.js';
import {inspectorPageOf} from '../../../source/tui/view/inspector-scroll.js';
import {noKeyActions, ScreenKeys} from './screen-keys.js';
import type {SyncRun} from '../../../source/census/types.js';
import {displayWidth} from '../../../source/text/text.js';
import {ErrorInspector, type ErrorInspectorProps} from '../../../source/tui/screens/error-inspector.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import {createRunStore, type RunStoreApi} from '../../../source/store/run-store.js';
import {inFlightRun, makeSync, UNKNOWN_SYNC} from '../../helpers/builders.js';
import {HOSTILE, RAW_CONTROL} from './detail-pane.fixtures.js';

afterEach(() => {
	cleanup();
});

const KEYS = {down: '\u001B[B', up: '\u001B[A', pageDown: '\u001B[6~', pageUp: '\u001B[5~', home: '\u001B[H', end: '\u001B[F'};
const BASE_URL = 'http://127.0.0.1:4010/api/v1';
const RUN_URL = 'http://127.0.0.1:4010/syncs/42/history?sync_run_id=9001';

const DETAIL = Array.from({length: 80}, (_, index) => `detail line ${String(index + 1).padStart(3, '0')}`).join('\n');

function storeWith(...runs: Array<Partial<SyncRun>>): RunStoreApi {
	const store = createRunStore();
	store.getState().upsertSyncs([makeSync(42, 'Orders to Salesforce', UNKNOWN_SYNC)], 0);
	store.getState().applyRuns(
		runs.map(fields => inFlightRun({status: 'failed', ...fields})),
		0,
	);
	return store;
}

type HarnessProps = Partial<ErrorInspectorProps> & {isActive?: boolean; onCopy?: (text: string) => string};

/**
 * The inspector with its keys going through the dispatcher, on the run it shows selected; `onCopy` is the
 * clipboard writer. `isActive: false`: another screen is shown, so the inspector's keys do not reach it.
 */
function renderInspector(store: RunStoreApi, {isActive = true, onCopy: givenCopy, ...props}: HarnessProps = {}) {
	const onCopy = vi.fn(givenCopy ?? ((_text: string) => 'copied (OSC 52)'));
	const ui = createUiStore({screen: isActive ? 'inspector' : 'detail', selectedId: props.runId ?? 9001});
	const all: ErrorInspectorProps = {runId: 9001, width: 54, height: 20, ascii: false, hyperlinks: false, webUrl: (runId: number, syncId: number) => runWebUrl({baseUrl: BASE_URL, syncId, runId}), ...props};
	const deps = {
		store,
		ui,
		actions: noKeyActions(),
		pageRows: () => 10,
		helpPage: () => ({rows: 10, maxScroll: 0}),
		copy: onCopy,
		webUrl: all.webUrl,
		inspectorPage: (runId: number) =>
			inspectorPageOf(store.getState().runs, runId, {width: all.width, height: all.height, hyperlinks: all.hyperlinks, webUrl: all.webUrl}),
	};
	function Screen(overrides: Partial<ErrorInspectorProps>) {
		const state = useStore(ui, useShallow(ui => ({scroll: ui.inspectorScroll, notice: ui.inspectorNotice})));
		return <ErrorInspector {...all} {...state} {...overrides} />;
	}

	const tree = (overrides: Partial<ErrorInspectorProps> = {}) => (
		<RunStoreProvider store={store}>
			<ScreenKeys deps={deps} />
			<Screen {...overrides} />
		</RunStoreProvider>
	);
	const view = render(tree());
	return {...view, ui, onCopy, frame: () => view.lastFrame() ?? '', rerenderWith: (overrides: Partial<ErrorInspectorProps>) => view.rerender(tree(overrides))};
}

describe('ErrorInspector', () => {
	it('explains a documented code and shows the message, detail, counts and the run\'s web-app URL', async () => {
		const {frame} = renderInspector(
			storeWith({errorCode: 'JSON_ARRAY_ERROR', errorMessage: 'Field tags is not an array', errorDetail: 'row 17: "a,b"'}),
			{width: 80, height: 30},
		);
		await expect.poll(frame).toContain('JSON_ARRAY_ERROR');
		const text = frame();
		expect(text).toMatch(/^Error {2}✗ failed {2}run 9001 · Orders to Salesforce #42/);
		expect(text).toContain('JSON array error');
		expect(text).toContain('valid JSON array');
		expect(text).toContain('Field tags is not an array');
		expect(text).toContain('row 17: "a,b"');
		expect(text).toContain('source 1,000  to send 203  processed 400  failed 10  invalids 0');
		expect(text).toContain(RUN_URL);
		expect(text).not.toContain('\u001B]8');
	});

	it('says how many watched runs failed with the same code, and keeps count as more fail', async () => {
		const store = storeWith({errorCode: 'E1'}, {id: 9002, syncId: 43, errorCode: 'E1'}, {id: 9003, errorCode: 'E2'});
		const {frame} = renderInspector(store, {width: 80, height: 30});
		await expect.poll(frame).toContain('Seen     2 failed runs have this code, in 2 syncs');
		store.getState().applyRuns([inFlightRun({id: 9004, syncId: 44, status: 'failed', errorCode: 'E1'})], 1);
		await expect.poll(frame).toContain('Seen     3 failed runs have this code, in 3 syncs');
	});

	it('says plainly that Census documents nothing about an unknown code', async () => {
		const {frame} = renderInspector(storeWith({errorCode: 'ZQX_42', errorMessage: 'boom'}), {width: 80, height: 30});
		await expect.poll(frame).toContain('ZQX_42');
		expect(frame().replaceAll(/\s+/g, ' ')).toContain('Census documents nothing about this code.');
	});

	it('says so for a run without an error', async () => {
		const {frame} = renderInspector(storeWith({status: 'completed'}));
		await expect.poll(frame).toContain('This run has no error.');
	});

	it('wraps a long multi-line detail to the pane and keeps every line within it', async () => {
		const long = `${'word '.repeat(60)}\nsecond paragraph`;
		const {frame} = renderInspector(storeWith({errorCode: 'E1', errorDetail: long}), {width: 40, height: 40});
		await expect.poll(frame).toContain('second paragraph');
		const lines = frame().split('\n');
		expect(lines.filter(line => line.includes('word')).length).toBeGreaterThan(5);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
		expect(lines.length).toBeLessThanOrEqual(40);
	});

	it('reaches the detail\'s last line with PgDn, and goes back to the top with PgUp and g', async () => {
		const {frame, stdin} = renderInspector(storeWith({errorCode: 'E1', errorMessage: 'm', errorDetail: DETAIL}));
		await expect.poll(frame).toContain('lines 1–18 of');
		expect(frame()).not.toContain('detail line 080');
		for (let press = 0; press < 10 && !frame().includes('detail line 080'); press++) {
			const before = frame();
			stdin.write(KEYS.pageDown);
			await expect.poll(frame).not.toBe(before);
		}

		expect(frame()).toContain('detail line 080');
		expect(frame().split('\n').at(-2)).toContain('detail line 080');
		stdin.write(KEYS.pageUp);
		await expect.poll(frame).not.toContain('detail line 080');
		stdin.write('g');
		await expect.poll(frame).toContain('Code');
		expect(frame()).toContain('lines 1–18 of');
	});

	it('jumps to the end with G and End, and to the top with Home', async () => {
		const {frame, stdin} = renderInspector(storeWith({errorCode: 'E1', errorDetail: DETAIL}));
		await expect.poll(frame).toContain('Code');
		stdin.write('G');
		await expect.poll(frame).toContain('detail line 080');
		stdin.write(KEYS.home);
		await expect.poll(frame).toContain('Code');
		stdin.write(KEYS.end);
		await expect.poll(frame).toContain('detail line 080');
	});

	it('scrolls one line with j/k and the arrows, every key of a pasted chunk counting', async () => {
		const {frame, stdin} = renderInspector(storeWith({errorCode: 'E1', errorDetail: DETAIL}));
		await expect.poll(frame).toContain('lines 1–18 of');
		stdin.write('jjj');
		await expect.poll(frame).toContain('lines 4–21 of');
		stdin.write('k');
		await expect.poll(frame).toContain('lines 3–20 of');
		stdin.write(KEYS.down);
		await expect.poll(frame).toContain('lines 4–21 of');
		stdin.write(KEYS.up);
		await expect.poll(frame).toContain('lines 3–20 of');
	});

	it('copies an incident-ready block with y: run, sync, status, link and the sanitised error, and says so', async () => {
		const {frame, stdin, onCopy} = renderInspector(
			storeWith({errorCode: 'E1', errorMessage: `bad ${HOSTILE}`, errorDetail: 'one\r\ntwo'}),
		);
		await expect.poll(frame).toContain('E1');
		stdin.write('y');
		await expect.poll(frame).toContain('copied');
		expect(onCopy).toHaveBeenCalledTimes(1);
		const text = String(onCopy.mock.calls[0]?.[0]);
		expect(text).toContain('Run:       9001');
		expect(text).toContain('Sync:      Orders to Salesforce (sync 42)');
		expect(text).toContain(`Web app:   ${RUN_URL}`);
		expect(text).toContain('Error:     E1');
		expect(text).toContain('Message:   bad ABCDEF');
		expect(text).toContain('Detail:\n  one\n  two');
	});

	it('says what the clipboard writer said, not "copied", when the copy could not reach the clipboard', async () => {
		const onCopy = vi.fn(() => 'not copied: tmux has set-clipboard external; set -g set-clipboard on');
		const {frame, stdin} = renderInspector(storeWith({errorCode: 'E1'}), {onCopy, width: 100});
		await expect.poll(frame).toContain('E1');
		stdin.write('y');
		await expect.poll(frame).toContain('not copied: tmux has set-clipboard external');
	});

	it('says what n said: a wrap, or that there is no other failed run', async () => {
		const {frame, stdin} = renderInspector(storeWith({errorCode: 'E1'}), {width: 100});
		await expect.poll(frame).toContain('E1');
		stdin.write('n');
		await expect.poll(frame).toContain('no other failed run');
	});

	it('copies the block of a run without an error too (its counts and link are what an incident needs)', async () => {
		const {frame, stdin, onCopy} = renderInspector(storeWith({status: 'completed'}));
		await expect.poll(frame).toContain('no error');
		stdin.write('y');
		await expect.poll(frame).toContain('copied');
		expect(String(onCopy.mock.calls[0]?.[0])).toContain('Error:     —');
	});

	it('goes to the next failed run with n and the previous one with N', async () => {
		const {frame, stdin, ui} = renderInspector(storeWith({errorCode: 'E1'}, {id: 9000, errorCode: 'E2'}, {id: 8999, errorCode: 'E3'}));
		await expect.poll(frame).toContain('E1');
		stdin.write('n');
		await vi.waitFor(() => expect(ui.getState().selectedId).toBe(9000));
		stdin.write('N');
		await vi.waitFor(() => expect(ui.getState().selectedId).toBe(9001));
	});

	it('ignores keys while inactive', async () => {
		const {frame, stdin, ui, onCopy} = renderInspector(storeWith({errorCode: 'E1', errorDetail: DETAIL}), {isActive: false});
		await expect.poll(frame).toContain('lines 1–18 of');
		stdin.write('jny');
		await new Promise(resolve => setImmediate(resolve));
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(frame()).toContain('lines 1–18 of');
		expect(ui.getState().inspectorNotice).toBeNull();
		expect(onCopy).not.toHaveBeenCalled();
	});

	it('starts at the top again when it shows another run', async () => {
		const store = storeWith({errorCode: 'E1', errorDetail: DETAIL}, {id: 9002, errorCode: 'E2', errorDetail: DETAIL});
		const {frame, stdin, rerenderWith} = renderInspector(store);
		await expect.poll(frame).toContain('E1');
		stdin.write('G');
		await expect.poll(frame).toContain('detail line 080');
		rerenderWith({runId: 9002});
		await expect.poll(frame).toContain('E2');
		expect(frame()).toContain('lines 1–18 of');
	});

	it('links the URL with OSC 8 when the terminal supports hyperlinks', async () => {
		const {frame} = renderInspector(storeWith({errorCode: 'E1'}), {hyperlinks: true, width: 80});
		await expect.poll(frame).toContain('\u001B]8;;');
		const link = frame().split('\n').find(line => line.includes('\u001B]8;;')) ?? '';
		expect(link).toContain(`\u001B]8;;${RUN_URL}\u0007${RUN_URL}\u001B]8;;\u0007`);
		expect(link).not.toContain('\u001B\\');
	});

	it('says when the run was not found', async () => {
		const store = createRunStore({watch: {runIds: [9001], syncIds: [], all: false}});
		store.getState().markNotFound(9001, 0);
		const {frame} = renderInspector(store);
		await expect.poll(frame).toContain('Run 9001 was not found.');
		expect(frame()).toContain('∅ not found');
	});

	for (const {width, height} of [
		{width: 80, height: 22},
		{width: 54, height: 37},
		{width: 40, height: 7},
		{width: 30, height: 2},
		{width: 20, height: 1},
	]) {
		it(`never draws more than ${height} lines or ${width} columns`, async () => {
			const store = storeWith({errorCode: `数据 ${'CODE_'.repeat(20)}`, errorMessage: `🚀 ${'message '.repeat(40)}`, errorDetail: DETAIL});
			const {frame, stdin} = renderInspector(store, {width, height});
			await expect.poll(frame).not.toBe('');
			const check = () => {
				const lines = frame().split('\n');
				expect(lines.length).toBeLessThanOrEqual(height);
				for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
			};

			check();
			const before = frame();
			stdin.write('G');
			if (height > 2) await expect.poll(frame).not.toBe(before);
			check();
		});
	}

	it('never lets terminal sequences from the API through, with or without hyperlinks', async () => {
		for (const hyperlinks of [false, true]) {
			const store = storeWith({status: HOSTILE, errorCode: HOSTILE, errorMessage: HOSTILE, errorDetail: HOSTILE});
			store.getState().upsertSyncs([makeSync(42, HOSTILE, UNKNOWN_SYNC)], 0);
			const {frame, unmount} = renderInspector(store, {hyperlinks, width: 80, height: 30});
			await expect.poll(frame).toContain('Message');
			const withoutOwnLink = frame().replaceAll(`\u001B]8;;${RUN_URL}\u0007`, '').replaceAll('\u001B]8;;\u0007', '');
			expect(withoutOwnLink).not.toMatch(RAW_CONTROL);
			expect(frame()).not.toContain('pwned');
			expect(frame()).not.toContain('owned');
			expect(frame()).toContain('ABCDEF');
			unmount();
		}
	});
});
