import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {useStore} from 'zustand';
import type {SyncRun} from '../../../source/census/types.js';
import {createWallClock, WallClockProvider} from '../../../source/tui/hooks/wall-clock.js';
import {displayWidth} from '../../../source/text/text.js';
import {errorsRows, ErrorGroups, type ErrorGroupsProps} from '../../../source/tui/screens/error-groups.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import {createRunStore, type RunStoreApi} from '../../../source/store/run-store.js';
import {inFlightRun, makeSync, UNKNOWN_SYNC} from '../../helpers/builders.js';
import {createUiStore} from '../../../source/store/ui-store.js';
import {noKeyActions, ScreenKeys} from './screen-keys.js';
import {HOSTILE, RAW_CONTROL} from './detail-pane.fixtures.js';

afterEach(() => {
	cleanup();
});

const KEYS = {down: '\u001B[B', up: '\u001B[A', enter: '\r', escape: '\u001B', end: '\u001B[F'};
const NOW = Date.parse('2026-11-29T11:00:00.000Z');
const minutesAgo = (minutes: number): string => new Date(NOW - minutes * 60_000).toISOString();

const failed = (id: number, syncId: number, code: string | null, minutes: number, fields: Partial<SyncRun> = {}): SyncRun =>
	inFlightRun({id, syncId, status: 'failed', errorCode: code, errorMessage: `boom ${id}`, completedAt: minutesAgo(minutes), ...fields});

function storeWith(runs: SyncRun[]): RunStoreApi {
	const store = createRunStore();
	store.getState().upsertSyncs([makeSync(10, 'Orders', UNKNOWN_SYNC), makeSync(11, 'Users', UNKNOWN_SYNC), makeSync(12, 'Invoices', UNKNOWN_SYNC)], NOW);
	store.getState().applyRuns(runs, NOW);
	return store;
}

const STANDARD = [
	failed(101, 10, 'JSON_ARRAY_ERROR', 3),
	failed(102, 11, 'JSON_ARRAY_ERROR', 7),
	failed(103, 10, 'JSON_ARRAY_ERROR', 20),
	failed(104, 12, 'TIMEOUT', 12),
	inFlightRun({id: 105, syncId: 12, status: 'completed', recordsFailed: 4, errorCode: 'INVALID_EMAIL', errorMessage: 'bad email', completedAt: minutesAgo(30)}),
	inFlightRun({id: 106, syncId: 12, status: 'working'}),
];

/**
 * The screen with its keys going through the dispatcher. Enter on a run opens the inspector and Esc on the
 * groups goes back, as in the App; the spies record that, and the harness then shows the errors screen
 * again, so that a test sees what it does next. `isActive: false`: another screen is shown.
 */
function renderGroups(store: RunStoreApi, {isActive = true, ...props}: Partial<ErrorGroupsProps> & {isActive?: boolean} = {}) {
	const onOpenRun = vi.fn();
	const onBack = vi.fn();
	const ui = createUiStore({screen: isActive ? 'errors' : 'detail'});
	ui.subscribe((state, previous) => {
		if (previous.screen !== 'errors') return;
		if (state.screen === 'inspector') onOpenRun(state.selectedId);
		else if (state.screen === 'list') onBack();
		else return;
		ui.setState({screen: 'errors'});
	});
	const deps = {store, ui, actions: noKeyActions(), pageRows: () => 10, helpPage: () => ({rows: 10, maxScroll: 0}), errorsPage: (open: boolean) => errorsRows(props.height ?? 12, open)};
	function Screen() {
		const errorsView = useStore(ui, state => state.errorsView);
		return <ErrorGroups width={80} height={12} ascii={false} view={errorsView} {...props} />;
	}

	const view = render(
		<RunStoreProvider store={store}>
			<WallClockProvider clock={createWallClock(() => NOW)}>
				<ScreenKeys deps={deps} />
				<Screen />
			</WallClockProvider>
		</RunStoreProvider>,
	);
	return {...view, ui, onOpenRun, onBack, frame: () => view.lastFrame() ?? ''};
}

const lineWith = (frame: string, text: string): string => frame.split('\n').find(line => line.includes(text)) ?? '';
const selectedLine = (frame: string): string => frame.split('\n').find(line => line.startsWith('›')) ?? '';

describe('ErrorGroups', () => {
	it('lists one line per code with its runs, syncs and how long ago the newest, newest group first', async () => {
		const {frame} = renderGroups(storeWith(STANDARD));
		await expect.poll(frame).toContain('JSON_ARRAY_ERROR');
		const lines = frame().split('\n');
		expect(lines[0]).toBe('Errors by code · 3 codes · 5 runs');
		expect(lines[1]).toMatch(/^›✗ JSON_ARRAY_ERROR +failed +3 runs +2 syncs +3m ago$/);
		expect(lines[2]).toMatch(/^ ✗ TIMEOUT +failed +1 run +1 sync +12m ago$/);
		expect(lines[3]).toMatch(/^ ! INVALID_EMAIL +rejected +1 run +1 sync +30m ago$/);
		expect(frame()).toContain('newest: run 101: boom 101');
		expect(frame()).toContain('↑↓ select · Enter its runs · Esc back');
	});

	it('moves the selection with j/k and the arrows, and shows the selected group\'s newest message', async () => {
		const {frame, stdin} = renderGroups(storeWith(STANDARD));
		await expect.poll(frame).toContain('JSON_ARRAY_ERROR');
		stdin.write('j');
		await expect.poll(() => selectedLine(frame())).toContain('TIMEOUT');
		expect(frame()).toContain('newest: run 104: boom 104');
		stdin.write(KEYS.down);
		await expect.poll(() => selectedLine(frame())).toContain('INVALID_EMAIL');
		stdin.write(KEYS.down);
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(selectedLine(frame())).toContain('INVALID_EMAIL');
		stdin.write('k');
		await expect.poll(() => selectedLine(frame())).toContain('TIMEOUT');
		stdin.write(KEYS.up);
		await expect.poll(() => selectedLine(frame())).toContain('JSON_ARRAY_ERROR');
	});

	it('opens a group into its runs, newest first, and hands the selected run over on Enter', async () => {
		const {frame, stdin, onOpenRun} = renderGroups(storeWith(STANDARD));
		await expect.poll(frame).toContain('JSON_ARRAY_ERROR');
		stdin.write(KEYS.enter);
		await expect.poll(frame).toContain('run 102');
		const lines = frame().split('\n');
		expect(lines[0]).toMatch(/^JSON_ARRAY_ERROR · failed · 3 runs · 2 syncs/);
		expect(lines[1]).toMatch(/^› run 101 Orders #10 +3m ago boom 101/);
		expect(lines[2]).toMatch(/^ {2}run 102 Users #11 +7m ago boom 102/);
		expect(lines[3]).toMatch(/^ {2}run 103 Orders #10 +20m ago boom 103/);
		expect(frame()).toContain('Enter inspect · Esc codes');
		stdin.write(KEYS.enter);
		await vi.waitFor(() => expect(onOpenRun).toHaveBeenCalledWith(101));
		stdin.write('j');
		await expect.poll(() => selectedLine(frame())).toContain('run 102');
		stdin.write(KEYS.enter);
		await vi.waitFor(() => expect(onOpenRun).toHaveBeenLastCalledWith(102));
		expect(onOpenRun).toHaveBeenCalledTimes(2);
	});

	it('closes the open group with Esc, keeping it selected, and hands Esc on the groups back to the App', async () => {
		const {frame, stdin, onBack} = renderGroups(storeWith(STANDARD));
		await expect.poll(frame).toContain('JSON_ARRAY_ERROR');
		stdin.write('j');
		await expect.poll(() => selectedLine(frame())).toContain('TIMEOUT');
		stdin.write(KEYS.enter);
		await expect.poll(frame).toContain('Esc codes');
		stdin.write(KEYS.escape);
		await expect.poll(frame).toContain('Errors by code');
		expect(selectedLine(frame())).toContain('TIMEOUT');
		expect(onBack).not.toHaveBeenCalled();
		stdin.write(KEYS.escape);
		await vi.waitFor(() => expect(onBack).toHaveBeenCalledTimes(1));
	});

	it('acts on every key of a chunk in turn', async () => {
		const {frame, stdin, onOpenRun} = renderGroups(storeWith(STANDARD));
		await expect.poll(frame).toContain('JSON_ARRAY_ERROR');
		stdin.write('\rjj\r');
		await vi.waitFor(() => expect(onOpenRun).toHaveBeenCalledWith(103));
		expect(onOpenRun).toHaveBeenCalledTimes(1);
	});

	it('keeps the selection on the same code when a newer failure reorders the groups', async () => {
		const store = storeWith(STANDARD);
		const {frame, stdin} = renderGroups(store);
		await expect.poll(frame).toContain('JSON_ARRAY_ERROR');
		stdin.write('j');
		await expect.poll(() => selectedLine(frame())).toContain('TIMEOUT');
		store.getState().applyRuns([failed(107, 11, 'NEW_CODE', 0)], NOW);
		await expect.poll(() => frame().split('\n')[1] ?? '').toContain('NEW_CODE');
		expect(selectedLine(frame())).toContain('TIMEOUT');
		expect(frame().split('\n')[0]).toContain('4 codes · 6 runs');
	});

	it('ignores keys while inactive', async () => {
		const {frame, stdin, onOpenRun, onBack} = renderGroups(storeWith(STANDARD), {isActive: false});
		await expect.poll(frame).toContain('JSON_ARRAY_ERROR');
		stdin.write('j\r');
		stdin.write(KEYS.escape);
		await new Promise(resolve => setTimeout(resolve, 50));
		expect(selectedLine(frame())).toContain('JSON_ARRAY_ERROR');
		expect(onOpenRun).not.toHaveBeenCalled();
		expect(onBack).not.toHaveBeenCalled();
	});

	it('says so when no watched run failed or rejected records', async () => {
		const {frame} = renderGroups(storeWith([inFlightRun({id: 1, status: 'completed', recordsFailed: 0})]));
		await expect.poll(frame).toContain('No failed runs or rejected records among the watched runs.');
	});

	it('windows a long list so that the selection stays in view', async () => {
		const many = Array.from({length: 30}, (_, index) => failed(200 + index, 10, `CODE_${String(index).padStart(2, '0')}`, 30 - index));
		const {frame, stdin} = renderGroups(storeWith(many), {height: 8});
		await expect.poll(frame).toContain('CODE_29');
		expect(frame()).not.toContain('CODE_00');
		stdin.write('G');
		await expect.poll(() => selectedLine(frame())).toContain('CODE_00');
		expect(frame().split('\n')).toHaveLength(8);
		stdin.write('k');
		await expect.poll(() => selectedLine(frame())).toContain('CODE_01');
		expect(frame()).toContain('CODE_00');
	});

	for (const {width, height} of [
		{width: 80, height: 12},
		{width: 40, height: 6},
		{width: 24, height: 3},
		{width: 12, height: 2},
		{width: 10, height: 1},
	]) {
		for (const ascii of [false, true]) {
			it(`never draws more than ${height} lines or ${width} columns, groups and runs (${ascii ? 'ascii' : 'unicode'})`, async () => {
				const wide = [
					...STANDARD,
					failed(300, 99_999, `数据 ${'CODE_'.repeat(30)}`, 1, {errorMessage: `🚀 ${'message '.repeat(40)}`}),
					failed(301, 99_999, `数据 ${'CODE_'.repeat(30)}`, 2),
				];
				const store = storeWith(wide);
				store.getState().upsertSyncs([makeSync(99_999, `同步 ${'label '.repeat(30)}`, UNKNOWN_SYNC)], NOW);
				const {frame, stdin} = renderGroups(store, {width, height, ascii});
				const check = () => {
					const lines = frame().split('\n');
					expect(lines.length).toBeLessThanOrEqual(height);
					for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
					if (ascii) expect(frame()).not.toMatch(/[^\u0000-\u007f数据同步🚀]/u);
				};

				await expect.poll(frame).not.toBe('');
				check();
				const before = frame();
				stdin.write(KEYS.enter);
				await expect.poll(frame).not.toBe(before);
				check();
			});
		}
	}

	it('never lets terminal sequences from the API through', async () => {
		const store = storeWith([failed(1, 10, HOSTILE, 1, {errorMessage: HOSTILE})]);
		store.getState().upsertSyncs([makeSync(10, HOSTILE, UNKNOWN_SYNC)], NOW);
		const {frame, stdin} = renderGroups(store);
		await expect.poll(frame).toContain('ABCDEF');
		expect(frame()).not.toMatch(RAW_CONTROL);
		expect(frame()).toContain('newest: run 1: ABCDEF');
		stdin.write(KEYS.enter);
		await expect.poll(frame).toContain('Esc codes');
		expect(frame()).not.toMatch(RAW_CONTROL);
		expect(frame()).not.toContain('pwned');
		expect(frame()).not.toContain('owned');
		expect(lineWith(frame(), 'run 1 ')).toContain('ABCDEF #10');
	});
});
