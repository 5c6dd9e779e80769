import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {SyncRun} from '../../../source/census/types.js';
import {AnimationClockProvider, createAnimationClock} from '../../../source/tui/hooks/animation-clock.js';
import {createWallClock, WallClockProvider} from '../../../source/tui/hooks/wall-clock.js';
import {formatClock, parseIsoTime} from '../../../source/text/format.js';
import {displayWidth} from '../../../source/text/text.js';
import {DetailPane, type DetailPaneProps} from '../../../source/tui/screens/detail-pane.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import {createRunStore, type RunStoreApi} from '../../../source/store/run-store.js';
import {inFlightRun, makeSync, STEP, UNKNOWN_SYNC} from '../../helpers/builders.js';
import {HOSTILE, RAW_CONTROL} from './detail-pane.fixtures.js';
import {POLL_INTERVAL_MS} from '../app/app-fixtures.js';

afterEach(() => {
	cleanup();
});

const RUN_ID = 9001;
const BASE = Date.parse('2026-11-29T10:00:00.000Z');
/** The pane's clock in every test that does not set its own: a minute after the fixtures' runs began. */
const NOW = BASE + 60_000;

type Setup = {store?: RunStoreApi; now?: () => number; animate?: boolean} & Partial<DetailPaneProps>;

function renderPane({store = createRunStore(), now = () => NOW, animate = false, ...props}: Setup = {}) {
	const wallClock = createWallClock(now);
	const clock = createAnimationClock({enabled: animate});
	const view = render(
		<RunStoreProvider store={store}>
			<AnimationClockProvider enabled={animate} clock={clock}>
				<WallClockProvider clock={wallClock}>
					<DetailPane runId={RUN_ID} width={100} height={40} ascii={false} animate={animate} pollIntervalMs={POLL_INTERVAL_MS} {...props} />
				</WallClockProvider>
			</AnimationClockProvider>
		</RunStoreProvider>,
	);
	return {...view, store, frame: () => view.lastFrame() ?? ''};
}

/** A store that polled the run at each of these steps, 5 s apart, and then saw `last`. */
function storeAfter(steps: string[], last: Partial<SyncRun>, label = 'Orders to Salesforce'): RunStoreApi {
	const store = createRunStore();
	store.getState().upsertSyncs([makeSync(42, label, UNKNOWN_SYNC)], BASE);
	steps.forEach((step, index) => store.getState().applyRuns([inFlightRun({currentStep: step})], BASE + index * 5000));
	store.getState().applyRuns([inFlightRun(last)], BASE + steps.length * 5000);
	return store;
}

const lineWith = (frame: string, text: string): string => frame.split('\n').find(line => line.includes(text)) ?? '';

const FAILED: Partial<SyncRun> = {
	status: 'failed',
	currentStep: STEP.unload,
	sourceRecordCount: 1_234_567,
	errorCode: 'JSON_ARRAY_ERROR',
	errorMessage: 'Field tags is not a JSON array',
	completedAt: '2026-11-29T10:00:20.000Z',
};

describe('DetailPane', () => {
	it('marks a failed run\'s steps done up to the one it failed at, and shows its source record count', async () => {
		const {frame} = renderPane({store: storeAfter([STEP.columns, STEP.fields, STEP.config, STEP.unload], FAILED)});
		await expect.poll(frame).toContain('Unloading data from warehouse');
		const text = frame();
		expect(lineWith(text, '1 Checking for columns')).toMatch(/^✓ 1 /);
		expect(lineWith(text, '3 Checking source')).toMatch(/^✓ 3 /);
		expect(lineWith(text, '4 Unloading')).toMatch(/^✗ 4 /);
		expect(lineWith(text, '5 Loading')).toMatch(/^· 5 /);
		expect(lineWith(text, '7 Committing sync')).toMatch(/^· 7 /);
		expect(text).toContain('1,234,567');
		expect(lineWith(text, 'failed  run 9001')).toContain('Orders to Salesforce #42');
		expect(lineWith(text, 'JSON_ARRAY_ERROR')).toContain('Field tags is not a JSON array');
		expect(lineWith(text, 'JSON_ARRAY_ERROR')).toContain('e: inspect');
	});

	it('shows when each step was first seen and how long it took as observed', async () => {
		const {frame} = renderPane({store: storeAfter([STEP.columns, STEP.fields], {...FAILED, currentStep: STEP.fields})});
		await expect.poll(frame).toContain('Checking for columns');
		const first = lineWith(frame(), '1 Checking for columns');
		expect(first).toContain(formatClock(BASE, NOW));
		expect(first).toMatch(/\s5s$/);
		expect(lineWith(frame(), '2 Checking for fields')).toMatch(/\s5s$/);
	});

	it('shows "between" bounds for a step first seen after a long gap', async () => {
		const store = createRunStore();
		store.getState().applyRuns([inFlightRun({currentStep: STEP.unload})], BASE);
		store.getState().applyRuns([inFlightRun({currentStep: STEP.load})], BASE + 60_000);
		const {frame} = renderPane({store});
		await expect.poll(frame).toContain('Loading data');
		expect(lineWith(frame(), '5 Loading')).toContain(`${formatClock(BASE, NOW)}–${formatClock(BASE + 60_000, NOW)}`);
	});

	it('lists "Running sync" and unknown steps of a working run after the ordered ones, verbatim', async () => {
		const store = storeAfter([STEP.load, 'Reticulating splines'], {status: 'working', currentStep: 'Running Sync'});
		const {frame} = renderPane({store});
		await expect.poll(frame).toContain('Running Sync');
		const lines = frame().split('\n');
		const last = lines.findIndex(line => line.includes('7 Committing sync'));
		const unknown = lines.findIndex(line => line.includes('Reticulating splines'));
		const generic = lines.findIndex(line => line.includes('Running Sync'));
		expect(last).toBeGreaterThan(-1);
		expect(unknown).toBeGreaterThan(last);
		expect(generic).toBeGreaterThan(unknown);
		expect(lines[generic]).toMatch(/^▶ {3}Running Sync/);
		expect(lines[unknown]).toMatch(/^✓ {3}Reticulating/);
	});

	it('shows nothing after step 7 for an ended run that says "Running Sync"', async () => {
		const store = storeAfter([STEP.load, 'Reticulating splines'], {status: 'failed', currentStep: 'Running Sync'});
		const {frame} = renderPane({store});
		await expect.poll(frame).toContain('Reticulating splines');
		expect(frame()).not.toContain('Running Sync');
		expect(lineWith(frame(), 'Reticulating splines')).toMatch(/^✗ {3}Reticulating/);
	});

	it('draws the records table with an em dash for null counts and room for 10^12', async () => {
		const store = storeAfter([], {
			status: 'working',
			sourceRecordCount: 1_000_000_000_000,
			sourceRecordUpdates: null,
			sourceRecordDeletes: null,
			recordsUpdated: null,
			recordsFailed: null,
		});
		const {frame} = renderPane({store, width: 100});
		await expect.poll(frame).toContain('┌');
		const lines = frame().split('\n');
		const header = lineWith(frame(), 'source │');
		const values = lines[lines.indexOf(header) + 2] ?? '';
		expect(header).toMatch(/source │ updates │ deletes │ invalids │ processed │ updated │ failed │/);
		expect(values).toContain('1,000,000,000,000');
		expect(values.match(/—/g)).toHaveLength(4);
	});

	it('uses ASCII borders for the table with --ascii', async () => {
		const {frame} = renderPane({store: storeAfter([], {}), width: 100, ascii: true});
		await expect.poll(frame).toContain('+--------+');
		expect(frame()).not.toMatch(/[┌─│┼└]/);
	});

	it('falls back to label/value pairs when the table is wider than the pane', async () => {
		const {frame} = renderPane({store: storeAfter([], {sourceRecordCount: 1_000_000_000_000}), width: 54});
		await expect.poll(frame).toContain('processed');
		expect(frame()).not.toContain('┌');
		expect(lineWith(frame(), 'source ')).toMatch(/^source\s+1,000,000,000,000\s+processed\s+400$/);
		expect(lineWith(frame(), 'invalids')).toMatch(/^invalids\s+0$/);
	});

	it('shows the progress of processed over the records to send (updates + deletes)', async () => {
		const store = storeAfter([], {recordsProcessed: 250, sourceRecordCount: 145_921, sourceRecordUpdates: 990, sourceRecordDeletes: 10, recordsFailed: 0});
		const {frame} = renderPane({store, width: 60});
		await expect.poll(frame).toContain('250/1,000 25%');
		expect(lineWith(frame(), '250/1,000')).toMatch(/^\[█+▌? +\] 250\/1,000 25%$/);
	});

	it('shows created, scheduled and completed times, a fixed duration, the sync mode and the trigger reason', async () => {
		const store = storeAfter([], {
			status: 'completed',
			fullSync: true,
			currentStep: null,
			createdAt: '2026-11-29T10:00:00.000Z',
			scheduledExecutionTime: '2026-11-29T09:59:00.000Z',
			completedAt: '2026-11-29T10:03:05.000Z',
			triggerReason: {uiTag: 'Manual', uiDetail: 'Manually triggered by a@b.com'},
		});
		const {frame} = renderPane({store});
		await expect.poll(frame).toContain('duration');
		const clock = (iso: string) => formatClock(parseIsoTime(iso), NOW);
		expect(lineWith(frame(), 'created')).toContain(clock('2026-11-29T10:00:00.000Z'));
		expect(lineWith(frame(), 'created')).toContain(`completed ${clock('2026-11-29T10:03:05.000Z')}`);
		expect(lineWith(frame(), 'scheduled')).toContain(clock('2026-11-29T09:59:00.000Z'));
		expect(lineWith(frame(), 'duration')).toMatch(/duration\s+3m 05s$/);
		expect(frame()).toContain('full sync · trigger Manual: Manually triggered by a@b.com');
	});

	it('ticks the duration of a working run as the clock moves', async () => {
		let now = BASE + 5000;
		const {frame} = renderPane({store: storeAfter([], {createdAt: '2026-11-29T10:00:00.000Z'}), now: () => now});
		await expect.poll(frame).toMatch(/duration\s+5s$/m);
		now = BASE + 65_000;
		await expect.poll(frame, {timeout: 3000}).toMatch(/duration\s+1m 05s$/m);
	});

	it('spins the current step of a working run when animating, and shows a steady mark otherwise', async () => {
		const store = storeAfter([STEP.unload], {currentStep: STEP.unload});
		const animated = renderPane({store, animate: true});
		await expect.poll(animated.frame).toContain('4 Unloading');
		expect(lineWith(animated.frame(), '4 Unloading')).toMatch(/^⠋ 4 /);
		animated.unmount();
		const still = renderPane({store, animate: false});
		await expect.poll(still.frame).toContain('4 Unloading');
		expect(lineWith(still.frame(), '4 Unloading')).toMatch(/^▶ 4 /);
	});

	it('says it is waiting for the first answer, or that the run was not found', async () => {
		const store = createRunStore({watch: {runIds: [RUN_ID], syncIds: [], all: false}});
		const {frame} = renderPane({store});
		await expect.poll(frame).toContain('Waiting for the first answer');
		store.getState().markNotFound(RUN_ID, BASE);
		await expect.poll(frame).toContain('Run 9001 was not found');
		expect(frame()).toContain('not found');
	});

	it('shows an unknown status verbatim and a canceled run as canceled', async () => {
		const unknown = renderPane({store: storeAfter([], {status: 'rebalancing'})});
		await expect.poll(unknown.frame).toMatch(/^\? rebalancing {2}run 9001/);
		unknown.unmount();
		const canceled = renderPane({store: storeAfter([], {status: 'completed', canceled: true})});
		await expect.poll(canceled.frame).toMatch(/^⊘ canceled {2}run 9001/);
	});

	it('shows a long unknown status in full beside the list at 120 columns, and wraps one longer than the pane', async () => {
		const beside = renderPane({store: storeAfter([], {status: 'paused_for_maintenance'}), width: 52});
		await expect.poll(beside.frame).toMatch(/^\? paused_for_maintenance {2}run 9001/);
		beside.unmount();
		const status = 'paused_for_maintenance_of_the_destination_service_until_further_notice';
		const narrow = renderPane({store: storeAfter([], {status}), width: 30});
		await expect.poll(narrow.frame).toContain('run 9001');
		const lines = narrow.frame().split('\n');
		const runLine = lines.findIndex(line => line.startsWith('run 9001'));
		expect(lines.slice(0, runLine).join('').replaceAll(' ', '')).toBe(`?${status}`);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
	});

	it('keeps the title and the error and shortens the steps to one line when short of height', async () => {
		const {frame} = renderPane({store: storeAfter([STEP.columns, STEP.unload], FAILED), width: 40, height: 7});
		await expect.poll(frame).toContain('run 9001');
		const lines = frame().split('\n');
		expect(lines).toHaveLength(7);
		expect(lines[0]).toMatch(/^✗ failed {2}run 9001/);
		expect(lines[1]).toContain('JSON_ARRAY_ERROR');
		expect(lines[2]).toBe('✗ step 4/7 Unloading data from warehouse');
	});

	// A run seen on another day shows dates beside its times, which widens the timing block: the pane
	// once spent the line that freed on a blank between the error and the step summary.
	for (const [age, now] of [['today', NOW], ['a week old', NOW + 7 * 86_400_000], ['a year old', NOW + 400 * 86_400_000]] as const) {
		for (const [width, height] of [[40, 5], [40, 7], [50, 9], [50, 12]] as const) {
			it(`keeps the error and the step summary together at ${width}x${height} when the run is ${age}`, async () => {
				const {frame} = renderPane({store: storeAfter([STEP.columns, STEP.unload], FAILED), width, height, now: () => now});
				await expect.poll(frame).toContain('run 9001');
				const lines = frame().split('\n');
				expect(lines.length).toBeLessThanOrEqual(height);
				expect(lines[0]).toMatch(/^✗ failed {2}run 9001/);
				expect(lines[1]).toContain('JSON_ARRAY_ERROR');
				// The one-line summary, or the full list where it fits: never a blank line.
				expect(lines[2]).toMatch(height < 9 ? /^✗ step 4\/7 Unloading/ : /^✓ 1 Check/);
			});
		}
	}

	describe('time left and stalls', () => {
		const MINUTE = 60_000;
		/** Completed runs of sync 42 that took these many minutes. */
		const pastRuns = (...minutes: number[]): SyncRun[] =>
			minutes.map((taken, index) =>
				inFlightRun({id: 100 + index, status: 'completed', createdAt: '2026-11-28T10:00:00.000Z', completedAt: new Date(Date.parse('2026-11-28T10:00:00.000Z') + taken * MINUTE).toISOString()}),
			);

		/** The working run polled every 5 s from BASE to BASE + `forMs`, its step and counts never moving. */
		function frozenStore(forMs: number, history?: number[]): RunStoreApi {
			const store = createRunStore();
			if (history) store.getState().setSyncHistory(42, history, BASE);
			for (let at = 0; at <= forMs; at += 5000) store.getState().applyRuns([inFlightRun()], BASE + at);
			return store;
		}

		it('says how long a working run has left from the median of its sync\'s runs, ticking with the clock', async () => {
			const store = storeAfter([], {});
			store.getState().setSyncHistory(42, [8 * MINUTE, 10 * MINUTE, 30 * MINUTE], BASE);
			let now = BASE + 6 * MINUTE;
			const {frame} = renderPane({store, now: () => now});
			await expect.poll(frame).toContain('~4m left · expected 10m (median of 3 runs)');
			now = BASE + 7 * MINUTE + 30_000;
			await expect.poll(frame, {timeout: 3000}).toContain('~3m left · expected 10m');
			now = BASE + 12 * MINUTE + 10_000;
			await expect.poll(frame, {timeout: 3000}).toContain('overdue 2m · expected 10m');
		});

		it('falls back to the completed runs of the sync that are watched', async () => {
			const store = createRunStore();
			store.getState().applyRuns([...pastRuns(4, 6), inFlightRun()], BASE);
			const {frame} = renderPane({store, now: () => BASE + MINUTE});
			await expect.poll(frame).toContain('~4m left · expected 5m (median of 2 runs)');
		});

		it('gives no ETA without history, and says why', async () => {
			const store = storeAfter([], {});
			const {frame, unmount} = renderPane({store});
			await expect.poll(frame).toContain('no ETA: no history for this sync yet');
			expect(frame()).not.toContain('left');
			unmount();
			store.getState().setSyncHistory(42, [], BASE);
			const fetched = renderPane({store});
			await expect.poll(fetched.frame).toContain('no ETA: this sync has no completed runs to go by');
			fetched.unmount();
			store.getState().setSyncHistory(42, [5 * MINUTE], BASE);
			const one = renderPane({store});
			await expect.poll(one.frame).toContain('no ETA: only 1 completed run of this sync to go by');
		});

		it('shows a queued run\'s expected duration without a time left, and an ended run neither', async () => {
			const queued = storeAfter([], {status: 'queued'});
			queued.getState().setSyncHistory(42, [10 * MINUTE, 10 * MINUTE], BASE);
			const view = renderPane({store: queued});
			await expect.poll(view.frame).toContain('expected 10m (median of 2 runs)');
			expect(view.frame()).not.toContain('left');
			view.unmount();
			const ended = storeAfter([], {status: 'completed', completedAt: '2026-11-29T10:09:00.000Z'});
			ended.getState().setSyncHistory(42, [10 * MINUTE, 10 * MINUTE], BASE);
			const done = renderPane({store: ended});
			await expect.poll(done.frame).toContain('duration');
			expect(done.frame()).not.toMatch(/expected|no ETA|STALLED/);
		});

		it('marks a run stalled once polls have seen no step or count change for 90 s without history', async () => {
			const store = frozenStore(85_000);
			const {frame} = renderPane({store});
			await expect.poll(frame).toContain('no ETA');
			expect(frame()).not.toContain('STALLED');
			store.getState().applyRuns([inFlightRun()], BASE + 90_000);
			await expect.poll(frame).toContain('⚠ STALLED: no progress for 1m 30s (limit 1m 30s; no history)');
			expect(frame().split('\n')[1]).toContain('STALLED');
			store.getState().applyRuns([inFlightRun({recordsProcessed: 401})], BASE + 95_000);
			await expect.poll(frame).not.toContain('STALLED');
		});

		it('waits half a usual run before calling a run with history stalled', async () => {
			const store = frozenStore(4 * MINUTE, [10 * MINUTE, 10 * MINUTE]);
			const {frame} = renderPane({store});
			await expect.poll(frame).toContain('expected 10m');
			expect(frame()).not.toContain('STALLED');
			store.getState().applyRuns([inFlightRun()], BASE + 5 * MINUTE);
			await expect.poll(frame).toContain('STALLED: no progress for 5m 00s (limit 5m 00s; usual run 10m)');
		});

		it('does not judge a slowly polled run on two quiet polls', async () => {
			const {frame} = renderPane({store: frozenStore(2 * MINUTE), pollIntervalMs: 60_000});
			await expect.poll(frame).toContain('no ETA');
			expect(frame()).not.toContain('STALLED');
		});

		it('keeps the stall warning and the ETA over the full step list when short of height', async () => {
			const store = frozenStore(2 * MINUTE, [10 * MINUTE, 10 * MINUTE]);
			store.getState().setSyncHistory(42, [3 * MINUTE, 3 * MINUTE], BASE);
			const {frame} = renderPane({store, width: 60, height: 6, ascii: true});
			await expect.poll(frame).toContain('STALLED');
			const lines = frame().split('\n');
			expect(lines.length).toBeLessThanOrEqual(6);
			expect(lines[0]).toMatch(/^~ working {2}run 9001/);
			expect(lines[1]).toMatch(/^! STALLED: no progress for 2m 00s/);
			expect(frame()).toContain('step 4/7 Unloading');
			expect(frame()).toMatch(/overdue|left/);
			expect(frame()).not.toMatch(/[^\u0000-\u007f]/u);
		});

		for (const {width, height} of [
			{width: 80, height: 22},
			{width: 40, height: 5},
			{width: 20, height: 3},
		]) {
			it(`never draws more than ${height} lines or ${width} columns with a stalled run and an ETA`, async () => {
				const store = frozenStore(3 * MINUTE, [2 * MINUTE, 2 * MINUTE]);
				store.getState().upsertSyncs([makeSync(42, `同步 ${'label '.repeat(30)}`, UNKNOWN_SYNC)], BASE);
				const {frame} = renderPane({store, width, height});
				await expect.poll(frame).toContain('9001');
				const lines = frame().split('\n');
				expect(lines.length).toBeLessThanOrEqual(height);
				for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
			});
		}
	});

	const SIZES = [
		{width: 80, height: 22},
		{width: 54, height: 37},
		{width: 40, height: 7},
		{width: 40, height: 3},
		{width: 20, height: 12},
	];

	for (const {width, height} of SIZES) {
		for (const ascii of [false, true]) {
			it(`never draws more than ${height} lines or ${width} columns (${ascii ? 'ascii' : 'unicode'})`, async () => {
				const store = storeAfter([STEP.columns, STEP.unload, '漢字のステップ 🚀 with a very long name indeed', STEP.generic], {
					...FAILED,
					currentStep: STEP.generic,
					sourceRecordCount: 1_000_000_000_000,
					recordsProcessed: 999_999_999_999,
					errorMessage: `数据同步失败 ${'very long message '.repeat(20)}`,
					triggerReason: {uiTag: 'Schedule', uiDetail: 'x'.repeat(200)},
				}, `同步 ${'label '.repeat(30)}`);
				const {frame} = renderPane({store, width, height, ascii});
				await expect.poll(frame).toContain('9001');
				const lines = frame().split('\n');
				expect(lines.length).toBeLessThanOrEqual(height);
				for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
			});
		}
	}

	it('never lets terminal sequences from the API through', async () => {
		const store = storeAfter([STEP.unload, HOSTILE], {status: HOSTILE, currentStep: HOSTILE, errorCode: HOSTILE, errorMessage: HOSTILE, triggerReason: {uiTag: HOSTILE, uiDetail: HOSTILE}}, HOSTILE);
		store.getState().setRunError(RUN_ID, HOSTILE);
		const {frame} = renderPane({store});
		await expect.poll(frame).toContain('run 9001');
		expect(frame()).not.toMatch(RAW_CONTROL);
		expect(frame()).not.toContain('pwned');
		expect(frame()).not.toContain('owned');
		expect(frame()).toContain('ABCDEF');
	});
});

describe('a failed run Census sent without completed_at', () => {
	it('says when it ended by its last update, not "completed —"', () => {
		const store = storeAfter([STEP.unload], {...FAILED, completedAt: null, updatedAt: '2026-11-29T10:00:20.000Z'});
		const {frame} = renderPane({store});
		const ended = lineWith(frame(), 'ended');
		expect(ended).toContain(`${formatClock(parseIsoTime('2026-11-29T10:00:20.000Z'), NOW)} (last update)`);
		expect(frame()).not.toMatch(/completed\s+—/);
	});

	it('keeps "completed" with its time when Census sent one, and for a run still working', () => {
		expect(renderPane({store: storeAfter([STEP.unload], FAILED)}).frame()).toContain(`completed ${formatClock(parseIsoTime(FAILED.completedAt ?? null), NOW)}`);
		expect(renderPane({store: storeAfter([STEP.unload], {status: 'working', currentStep: STEP.unload})}).frame()).not.toContain('(last update)');
	});
});
