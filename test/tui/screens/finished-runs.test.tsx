// How an ended run reads on every screen: a completed run as done with a fixed duration and a full bar, a
// failed run without completed_at with a duration that ends at updated_at, and a run whose cancel was
// asked for as canceling. Each is rendered at two fixed "now"s an hour apart: nothing of an ended run may
// differ between them.
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {SyncRun} from '../../../source/census/types.js';
import {AnimationClockProvider, createAnimationClock} from '../../../source/tui/hooks/animation-clock.js';
import {createWallClock, WallClockProvider} from '../../../source/tui/hooks/wall-clock.js';
import {formatRunTable} from '../../../source/cli/modes/run-table.js';
import {DetailPane} from '../../../source/tui/screens/detail-pane.js';
import {RunList} from '../../../source/tui/screens/run-list.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import {createRunStore, type RunStoreApi} from '../../../source/store/run-store.js';
import {inFlightRun, makeSync, RUN_94_COUNTS, STEP, UNKNOWN_SYNC} from '../../helpers/builders.js';
import {POLL_INTERVAL_MS} from '../app/app-fixtures.js';

const CREATED = Date.parse('2026-11-29T08:20:16.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const POLL = CREATED + 60_000;
const LATER = POLL + 3_600_000;

afterEach(() => {
	cleanup();
	vi.useRealTimers();
});

/** Run 94 of the reference, as run 1052 of a sync that was watched working and then seen completed. */
const COMPLETED: Partial<SyncRun> = {
	id: 1052,
	status: 'completed',
	currentStep: 'Running Sync',
	createdAt: iso(CREATED),
	updatedAt: iso(CREATED + 70_002),
	completedAt: iso(CREATED + 70_000),
	...RUN_94_COUNTS,
};

const FAILED_NO_END: Partial<SyncRun> = {
	id: 1053,
	status: 'failed',
	currentStep: 'Running sync',
	createdAt: iso(CREATED),
	updatedAt: iso(CREATED + 73_000),
	completedAt: null,
	sourceRecordUpdates: null,
	sourceRecordDeletes: null,
	recordsProcessed: null,
	recordsUpdated: null,
	recordsFailed: null,
	errorCode: 'JSON_ARRAY_ERROR',
	errorMessage: 'The array field being used does not appear to be valid JSON',
};

const CANCELING: Partial<SyncRun> = {
	id: 1054,
	status: 'working',
	canceled: true,
	currentStep: STEP.load,
	createdAt: iso(CREATED),
	updatedAt: iso(CREATED + 30_000),
	completedAt: null,
};

/** A store that saw the run working at step 7 (or its own step) and then as `last`, then refreshed it again and again. */
function storeWith(last: Partial<SyncRun>): RunStoreApi {
	const store = createRunStore();
	store.getState().upsertSyncs([{...makeSync(42, 'Leads → Salesforce Leads', UNKNOWN_SYNC), paused: true, sourceObject: 'ANALYTICS.PUBLIC.LEADS', destinationObject: 'Lead'}], CREATED);
	const working = inFlightRun({id: last.id, createdAt: last.createdAt, completedAt: null, status: 'working', currentStep: STEP.commitWh});
	store.getState().applyRuns([working], CREATED + 50_000);
	// A followed sync's list keeps showing the run after it ended: each sighting must change nothing.
	for (let at = CREATED + 60_000; at <= LATER; at += 600_000) store.getState().applyRuns([inFlightRun(last)], at);
	return store;
}

function listFrame(store: RunStoreApi, now: number): string {
	const view = render(
		<RunStoreProvider store={store}>
			<AnimationClockProvider enabled={false} clock={createAnimationClock({enabled: false})}>
				<WallClockProvider clock={createWallClock(() => now)}>
					<RunList filter={{text: '', quick: 'all'}} filterEditing={false} selectedId={null} width={120} height={10} ascii={false} animate={false} pollIntervalMs={POLL_INTERVAL_MS} />
				</WallClockProvider>
			</AnimationClockProvider>
		</RunStoreProvider>,
	);
	const frame = view.lastFrame() ?? '';
	view.unmount();
	return frame;
}

function paneFrame(store: RunStoreApi, runId: number, now: number): string {
	vi.useFakeTimers({toFake: ['Date'], now});
	const view = render(
		<RunStoreProvider store={store}>
			<AnimationClockProvider enabled={false} clock={createAnimationClock({enabled: false})}>
				<WallClockProvider clock={createWallClock(() => now)}>
					<DetailPane runId={runId} width={70} height={40} ascii={false} animate={false} pollIntervalMs={POLL_INTERVAL_MS} />
				</WallClockProvider>
			</AnimationClockProvider>
		</RunStoreProvider>,
	);
	const frame = view.lastFrame() ?? '';
	view.unmount();
	vi.useRealTimers();
	return frame;
}

/**
 * Every length the pane shows: the run's duration and each step's. Clock times are left out: an hour
 * later can be another day in some time zones, and then they carry a date.
 */
const durationsOf = (frame: string): string[] =>
	frame
		.split('\n')
		.filter(line => /^[✓▶·✗⊘] \d /.test(line) || line.includes('duration'))
		.map(line => /(\d+[hms](?: \d+[ms])?)?$/.exec(line)?.[1] ?? '');

const rowOf = (frame: string, id: number): string => frame.split('\n').find(line => line.includes(` ${id} `)) ?? '';
const lineWith = (frame: string, text: string): string => frame.split('\n').find(line => line.includes(text)) ?? '';

describe('a completed run', () => {
	it('reads done in the list: 7/7 done, 14 of 14 sent, a duration that does not grow', () => {
		const store = storeWith(COMPLETED);
		const row = rowOf(listFrame(store, POLL), 1052);
		expect(row).toMatch(/✓ completed +1052 \(paused\) Leads → .* #42 +7\/7 done +14\/14 +✗1 .* 1m 10s/);
		expect(row).not.toMatch(/Running/);
		expect(rowOf(listFrame(store, LATER), 1052).replace(/\d+[mh] ago|just now/, '')).toBe(row.replace(/\d+[mh] ago|just now/, ''));
		expect(listFrame(store, POLL)).toContain('SENT/TO SEND');
	});

	it('reads done in the detail pane: every step done, nothing after step 7, a full bar and a fixed duration', () => {
		const store = storeWith(COMPLETED);
		const frame = paneFrame(store, 1052, POLL);
		const steps = frame.split('\n').filter(line => /^[✓▶·✗⊘] \d /.test(line));
		expect(steps).toHaveLength(7);
		expect(steps.every(line => line.startsWith('✓ '))).toBe(true);
		expect(steps.at(-1)).toMatch(/^✓ 7 Committing sync to warehouse/);
		expect(frame).not.toContain('Running');
		// The bar is full: done in the outcome's colour, the failed share in a glyph of its own.
		expect(lineWith(frame, '14/14')).toMatch(/^\[█+▒+\] 14\/14 100% ✗1 failed$/);
		expect(lineWith(frame, 'duration')).toMatch(/duration +1m 10s$/);
		expect(durationsOf(paneFrame(store, 1052, LATER))).toEqual(durationsOf(frame));
		expect(lineWith(frame, 'ANALYTICS.PUBLIC.LEADS')).toBe('ANALYTICS.PUBLIC.LEADS → Lead · sync paused');
		expect(lineWith(frame, 'run 1052')).toContain('(paused) Leads → Salesforce Leads #42');
	});

	it('reads done in --once: 7/7 done, 14/14, its duration', () => {
		const run = inFlightRun(COMPLETED);
		const [header, line] = formatRunTable([{id: 1052, run, notFound: false, syncLabel: 'Leads'}], LATER);
		expect(header).toContain('SENT/TO SEND');
		expect(line).toMatch(/^completed +1052 {2}Leads #42 +7\/7 done +14\/14 +1 +.+ +1m 10s$/);
	});
});

describe('a failed run without completed_at', () => {
	it('has a duration that ends at updated_at in the list, the pane and --once', () => {
		const store = storeWith(FAILED_NO_END);
		const row = rowOf(listFrame(store, POLL), 1053);
		expect(row).toMatch(/✗ failed +1053 .* 7\/7 Commit WH +—\/— .* 1m 13s/);
		expect(rowOf(listFrame(store, LATER), 1053)).toMatch(/ 1m 13s/);
		const frame = paneFrame(store, 1053, POLL);
		expect(lineWith(frame, 'duration')).toMatch(/duration +1m 13s$/);
		expect(lineWith(frame, '7 Committing sync')).toMatch(/^✗ 7 /);
		expect(lineWith(frame, '—/— —')).toMatch(/^\[▒+\] —\/— —$/);
		expect(frame).not.toContain('Running');
		expect(durationsOf(paneFrame(store, 1053, LATER))).toEqual(durationsOf(frame));
		const [, line] = formatRunTable([{id: 1053, run: inFlightRun(FAILED_NO_END), notFound: false, syncLabel: null}], LATER);
		expect(line).toMatch(/^failed +1053 {2}sync #42 +— +— +— +.+ +1m 13s +JSON_ARRAY_ERROR$/);
	});
});

describe('a run whose cancel was asked for', () => {
	it('reads canceling, with its glyph, where it is, and a duration that still runs', () => {
		const store = storeWith(CANCELING);
		expect(rowOf(listFrame(store, POLL), 1054)).toMatch(/⊖ canceling +1054 .* 5\/7 Load .* 1m 00s/);
		expect(rowOf(listFrame(store, LATER), 1054)).toMatch(/ 1h 01m/);
		const frame = paneFrame(store, 1054, POLL);
		expect(lineWith(frame, 'run 1054')).toMatch(/^⊖ canceling {2}run 1054/);
		expect(lineWith(frame, '5 Loading data')).toMatch(/^▶ 5 /);
		const [, line] = formatRunTable([{id: 1054, run: inFlightRun(CANCELING), notFound: false, syncLabel: null}], POLL);
		expect(line).toMatch(/^canceling +1054 {2}sync #42 +5\/7 Load .* 1m 00s$/);
	});
});
