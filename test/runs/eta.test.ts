import {describe, expect, it} from 'vitest';
import type {SyncRun} from '../../source/census/types.js';
import {
	completedDurationMs,
	etaText,
	expectedDurationMs,
	formatEta,
	formatRoughDuration,
	selectExpectedEndAt,
	selectStalled,
	stallState,
	stallThresholdMs,
	syncExpectation,
	watchedDurations,
	type StallInput,
} from '../../source/runs/eta.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';
import {inFlightRun, STEP} from '../helpers/builders.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const START = Date.parse('2026-11-29T10:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/** A completed run of sync 42 that took `ms`. */
const completed = (id: number, ms: number, fields: Partial<SyncRun> = {}): SyncRun =>
	inFlightRun({id, status: 'completed', createdAt: iso(START - 10 * HOUR), completedAt: iso(START - 10 * HOUR + ms), ...fields});

describe('expectedDurationMs', () => {
	it('is the median: the middle one of an odd count, the mean of the middle two of an even count', () => {
		expect(expectedDurationMs([3 * MINUTE, 1 * MINUTE, 100 * MINUTE])).toBe(3 * MINUTE);
		expect(expectedDurationMs([4 * MINUTE, 2 * MINUTE, 1 * MINUTE, 100 * MINUTE])).toBe(3 * MINUTE);
	});

	it('is null with fewer than two usable durations', () => {
		expect(expectedDurationMs([])).toBeNull();
		expect(expectedDurationMs([5 * MINUTE])).toBeNull();
		expect(expectedDurationMs([5 * MINUTE, 0, -3, Number.NaN, Number.POSITIVE_INFINITY])).toBeNull();
	});

	it('uses only the newest ten (the list is newest first) and skips invalid ones before counting', () => {
		const newest = Array.from({length: 10}, () => 2 * MINUTE);
		expect(expectedDurationMs([...newest, ...Array.from({length: 11}, () => 50 * MINUTE)])).toBe(2 * MINUTE);
		expect(expectedDurationMs([Number.NaN, -1, 0, 7 * MINUTE, 9 * MINUTE])).toBe(8 * MINUTE);
	});
});

describe('completedDurationMs', () => {
	it('measures completed runs only, from created_at to completed_at', () => {
		expect(completedDurationMs(completed(1, 5 * MINUTE))).toBe(5 * MINUTE);
		expect(completedDurationMs(completed(1, 5 * MINUTE, {status: 'failed'}))).toBeNull();
		expect(completedDurationMs(completed(1, 5 * MINUTE, {canceled: true}))).toBeNull();
		expect(completedDurationMs(completed(1, 5 * MINUTE, {completedAt: null}))).toBeNull();
		expect(completedDurationMs(completed(1, -5 * MINUTE))).toBeNull();
		expect(completedDurationMs(null)).toBeNull();
	});
});

function storeWith(runs: SyncRun[], history?: number[]): RunStoreApi {
	const store = createRunStore();
	store.getState().applyRuns(runs, START);
	if (history) store.getState().setSyncHistory(42, history, START);
	return store;
}

describe('syncExpectation', () => {
	it('uses the fetched history of the sync', () => {
		const store = storeWith([], [10 * MINUTE, 12 * MINUTE, 14 * MINUTE]);
		expect(syncExpectation(store.getState(), 42)).toEqual({expectedMs: 12 * MINUTE, samples: 3});
		expect(syncExpectation(store.getState(), 43)).toBeNull();
	});

	it('falls back to completed runs of the same sync in the store, newest first, ignoring other syncs and failures', () => {
		const store = storeWith([
			completed(1, 4 * MINUTE),
			completed(2, 6 * MINUTE),
			completed(3, 60 * MINUTE, {status: 'failed'}),
			completed(4, 90 * MINUTE, {syncId: 7}),
		]);
		expect(watchedDurations(store.getState().runs).get(42)).toEqual([6 * MINUTE, 4 * MINUTE]);
		expect(syncExpectation(store.getState(), 42)).toEqual({expectedMs: 5 * MINUTE, samples: 2});
	});

	it('prefers whichever source has more runs, the history on a tie', () => {
		const runs = [completed(1, 4 * MINUTE), completed(2, 6 * MINUTE), completed(3, 8 * MINUTE)];
		expect(syncExpectation(storeWith(runs, [20 * MINUTE, 30 * MINUTE]).getState(), 42)).toEqual({expectedMs: 6 * MINUTE, samples: 3});
		expect(syncExpectation(storeWith(runs, [20 * MINUTE, 30 * MINUTE, 40 * MINUTE]).getState(), 42)).toEqual({expectedMs: 30 * MINUTE, samples: 3});
	});

	it('is null with one past run only', () => {
		expect(syncExpectation(storeWith([completed(1, 4 * MINUTE)]).getState(), 42)).toBeNull();
		expect(syncExpectation(storeWith([], [4 * MINUTE]).getState(), 42)).toBeNull();
	});
});

describe('stall rule', () => {
	const observation = {lastProgressAt: START, statusChangedAt: START, lastPolledAt: START};
	const input = (fields: Partial<StallInput> = {}): StallInput => ({
		run: inFlightRun(),
		observation,
		expectation: null,
		pollIntervalMs: 5000,
		...fields,
	});
	const polledAt = (ms: number) => ({...observation, lastPolledAt: START + ms});

	it('without history, marks a run stalled after 90 s without progress, and not before', () => {
		expect(stallThresholdMs(null, 5000)).toBe(90 * SECOND);
		expect(stallState(input({observation: polledAt(85 * SECOND)}))).toEqual({stalled: false, idleMs: 85 * SECOND, thresholdMs: 90 * SECOND, fromHistory: false});
		expect(stallState(input({observation: polledAt(90 * SECOND)}))).toMatchObject({stalled: true, idleMs: 90 * SECOND});
	});

	it('with history, waits half a usual run, at least 60 s and at most 10 minutes', () => {
		expect(stallThresholdMs({expectedMs: 12 * MINUTE, samples: 4}, 5000)).toBe(6 * MINUTE);
		expect(stallThresholdMs({expectedMs: 40 * SECOND, samples: 4}, 5000)).toBe(60 * SECOND);
		expect(stallThresholdMs({expectedMs: 3 * HOUR, samples: 4}, 5000)).toBe(10 * MINUTE);
		const expectation = {expectedMs: 12 * MINUTE, samples: 4};
		expect(stallState(input({expectation, observation: polledAt(5 * MINUTE)}))).toMatchObject({stalled: false, fromHistory: true});
		expect(stallState(input({expectation, observation: polledAt(6 * MINUTE)}))).toMatchObject({stalled: true, fromHistory: true});
	});

	it('never calls fewer than four quiet poll intervals a stall', () => {
		expect(stallThresholdMs(null, 60_000)).toBe(4 * MINUTE);
		expect(stallState(input({pollIntervalMs: 60_000, observation: polledAt(3 * MINUTE)}))?.stalled).toBe(false);
	});

	it('is not stalled while the step or the counts move', () => {
		const moving = {lastProgressAt: START + 10 * MINUTE - 5000, statusChangedAt: START, lastPolledAt: START + 10 * MINUTE};
		expect(stallState(input({observation: moving}))).toMatchObject({stalled: false, idleMs: 5000});
	});

	it('counts a status change as movement', () => {
		const justStarted = {lastProgressAt: START, statusChangedAt: START + 10 * MINUTE, lastPolledAt: START + 10 * MINUTE + 30 * SECOND};
		expect(stallState(input({observation: justStarted}))).toMatchObject({stalled: false, idleMs: 30 * SECOND});
	});

	it('applies to working runs only, and needs an observation', () => {
		for (const fields of [{status: 'queued'}, {status: 'completed'}, {status: 'failed'}, {canceled: true}, {status: 'mystery'}]) {
			expect(stallState(input({run: inFlightRun(fields), observation: polledAt(HOUR)}))).toBeNull();
		}

		expect(stallState(input({run: inFlightRun({status: 'retrying'}), observation: polledAt(HOUR)}))?.stalled).toBe(true);
		expect(stallState(input({observation: undefined}))).toBeNull();
	});
});

describe('store selectors', () => {
	it('selectStalled turns true once polls have seen the same step and counts for 90 s, with no history and no clock', () => {
		const store = createRunStore();
		const frozen = inFlightRun({currentStep: STEP.unload, recordsProcessed: 400});
		for (let at = 0; at <= 85 * SECOND; at += 5 * SECOND) store.getState().applyRuns([frozen], START + at);
		expect(selectStalled(store.getState(), 9001, 5000)).toBe(false);
		store.getState().applyRuns([frozen], START + 90 * SECOND);
		expect(selectStalled(store.getState(), 9001, 5000)).toBe(true);
		store.getState().applyRuns([inFlightRun({currentStep: STEP.unload, recordsProcessed: 401})], START + 95 * SECOND);
		expect(selectStalled(store.getState(), 9001, 5000)).toBe(false);
	});

	it('selectStalled is false for an unknown run and for an ended one', () => {
		const store = createRunStore();
		expect(selectStalled(store.getState(), 9001, 5000)).toBe(false);
		store.getState().applyRuns([inFlightRun({status: 'failed'})], START);
		store.getState().applyRuns([inFlightRun({status: 'failed'})], START + HOUR);
		expect(selectStalled(store.getState(), 9001, 5000)).toBe(false);
	});

	it('selectExpectedEndAt is the start plus the expected duration for a working run, null otherwise', () => {
		const store = storeWith([inFlightRun({id: 50, createdAt: iso(START)}), inFlightRun({id: 51, status: 'queued', createdAt: iso(START)})], [10 * MINUTE, 20 * MINUTE]);
		expect(selectExpectedEndAt(store.getState(), 50)).toBe(START + 15 * MINUTE);
		expect(selectExpectedEndAt(store.getState(), 51)).toBeNull();
		expect(selectExpectedEndAt(store.getState(), 52)).toBeNull();
		expect(selectExpectedEndAt(storeWith([inFlightRun({id: 50, createdAt: iso(START)})]).getState(), 50)).toBeNull();
	});
});

describe('formatEta', () => {
	it('rounds time left up to whole minutes, and says "<1m" in the last minute', () => {
		expect(formatEta(4 * MINUTE)).toBe('~4m left');
		expect(formatEta(3 * MINUTE + 1)).toBe('~4m left');
		expect(formatEta(MINUTE + 1)).toBe('~2m left');
		expect(formatEta(MINUTE)).toBe('<1m left');
		expect(formatEta(1)).toBe('<1m left');
	});

	it('uses hours and days for long runs', () => {
		expect(formatEta(HOUR + 5 * MINUTE)).toBe('~1h 05m left');
		expect(formatEta(26 * HOUR + 1)).toBe('~1d 3h left');
	});

	it('counts overdue time down to whole minutes', () => {
		expect(formatEta(0)).toBe('overdue <1m');
		expect(formatEta(-59 * SECOND)).toBe('overdue <1m');
		expect(formatEta(-2 * MINUTE - 59 * SECOND)).toBe('overdue 2m');
		expect(formatEta(-(HOUR + 2 * MINUTE))).toBe('overdue 1h 02m');
		expect(formatEta(-50 * HOUR)).toBe('overdue 2d 2h');
	});
});

describe('etaText', () => {
	it('is empty and never changes without an estimate', () => {
		expect(etaText(null, START)).toEqual({text: '', changesAt: null});
	});

	it('says when the text next changes: when the time left drops below the next whole minute (on a 15 s grid)', () => {
		const end = START + 4 * MINUTE + 20 * SECOND;
		expect(etaText(end, START)).toEqual({text: '~5m left', changesAt: START + 30 * SECOND});
		expect(etaText(end, START + 20 * SECOND).text).toBe('~4m left');
	});

	it('keeps changing each minute once overdue', () => {
		const {text, changesAt} = etaText(START, START + 90 * SECOND);
		expect(text).toBe('overdue 1m');
		expect(changesAt).toBe(START + 2 * MINUTE);
		expect(etaText(START, START + 2 * MINUTE).text).toBe('overdue 2m');
	});
});

describe('formatRoughDuration', () => {
	it('shows the two largest units, rounded down', () => {
		expect(formatRoughDuration(45_900)).toBe('45s');
		expect(formatRoughDuration(12 * MINUTE + 59 * SECOND)).toBe('12m');
		expect(formatRoughDuration(HOUR + 5 * MINUTE + 30 * SECOND)).toBe('1h 05m');
		expect(formatRoughDuration(51 * HOUR)).toBe('2d 3h');
		expect(formatRoughDuration(-5)).toBe('0s');
	});
});
