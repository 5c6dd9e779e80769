import {describe, expect, it} from 'vitest';
import {
	historyPoint,
	type HistoryRun,
	median,
	mergeHistory,
	quantile,
	regressionMarker,
	runRegressions,
	syncStats,
} from '../../source/runs/sync-history.js';

// A fixed clock: every run starts an hour after the one before it, from a fixed date.
const BASE = Date.parse('2026-11-29T00:00:00.000Z');
const NOW = BASE + 100 * 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

type Spec = {status?: string; minutes?: number | null; processed?: number; failed?: number; canceled?: boolean};

/** Runs newest first from specs given oldest first (easier to read as a story). */
function history(specs: Spec[]): HistoryRun[] {
	return specs
		.map((spec, index): HistoryRun => {
			const start = BASE + index * 3_600_000;
			const status = spec.status ?? 'completed';
			const moving = status === 'working';
			const minutes = spec.minutes ?? 10;
			return {
				id: 100 + index,
				syncId: 7,
				status,
				canceled: spec.canceled ?? false,
				currentStep: null,
				createdAt: iso(start),
				updatedAt: iso(start + minutes * 60_000),
				completedAt: moving || spec.minutes === null ? null : iso(start + minutes * 60_000),
				sourceRecordUpdates: 1000,
				sourceRecordDeletes: 0,
				recordsProcessed: spec.processed ?? 1000,
				recordsUpdated: spec.processed ?? 1000,
				recordsFailed: spec.failed ?? 0,
				errorCode: status === 'failed' ? 'sync_failed' : null,
			};
		})
		.reverse();
}

const points = (specs: Spec[], now = NOW) => history(specs).map(run => historyPoint(run, now));
const usual = (count: number, spec: Spec = {}): Spec[] => Array.from({length: count}, (_, index) => ({minutes: 10 + (index % 3), ...spec}));

describe('median and quantile', () => {
	it('takes the middle, and the nearest rank for a quantile', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 2, 3])).toBe(2.5);
		expect(median([])).toBeNull();
		expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
		expect(quantile([5], 0.9)).toBe(5);
		expect(quantile([], 0.9)).toBeNull();
	});
});

describe('syncStats', () => {
	it('gives median and p90 of completed runs only, the failure rate of decided runs, and the last success', () => {
		const stats = syncStats(points([...usual(8), {status: 'failed', minutes: 2}, {status: 'completed', minutes: 1, canceled: true}]));
		expect(stats.runs).toBe(10);
		expect(stats.decided).toBe(9);
		expect(stats.medianMs).toBe(11 * 60_000);
		expect(stats.p90Ms).toBe(12 * 60_000);
		expect(stats.failureRate).toBeCloseTo(1 / 9);
		expect(stats.lastSuccess).toEqual({id: 107, at: BASE + 7 * 3_600_000});
	});

	it('counts a streak of failures back to where it began, past canceled and skipped runs', () => {
		const stats = syncStats(
			points([...usual(5), {status: 'failed'}, {status: 'skipped'}, {status: 'failed'}, {status: 'completed', canceled: true}, {status: 'failed'}]),
		);
		expect(stats.streak).toEqual({outcome: 'failed', count: 3, since: BASE + 5 * 3_600_000});
		expect(stats.lastSuccess?.id).toBe(104);
	});

	it('says nothing it does not know: no runs, no figures', () => {
		expect(syncStats([])).toEqual({runs: 0, decided: 0, medianMs: null, p90Ms: null, failureRate: null, streak: null, lastSuccess: null});
	});
});

describe('runRegressions', () => {
	it('calls a run that works far longer than usual slow, with the factor of the median', () => {
		const found = runRegressions(points([...usual(20), {status: 'working'}], BASE + 20 * 3_600_000 + 34 * 60_000), 120);
		expect(found).toEqual([{kind: 'slow', sentence: 'Working for 34m 00s: 3.1× the median duration of the last 20 runs (11m 00s).'}]);
	});

	it('needs both beyond p90 and beyond twice the median: a run a little over the usual is not slow', () => {
		expect(runRegressions(points([...usual(20), {minutes: 21}]), 120)).toEqual([]);
		expect(runRegressions(points([...usual(10), {minutes: 60}, ...usual(10), {minutes: 25}]), 121)).toEqual([
			{kind: 'slow', sentence: 'Took 25m 00s: 2.3× the median duration of the last 20 runs (11m 00s).'},
		]);
	});

	it('gives no verdict with fewer than 5 runs before it', () => {
		expect(runRegressions(points([...usual(4), {minutes: 90, status: 'failed', processed: 10}]), 104)).toEqual([]);
		expect(runRegressions(points([...usual(5), {minutes: 90}]), 105)).toHaveLength(1);
	});

	it('judges a run only against the runs before it, not later ones', () => {
		// The outlier is the 6th run; five usual runs after it must not change its verdict or make theirs.
		const all = points([...usual(5), {minutes: 60}, ...usual(5)]);
		expect(runRegressions(all, 105).map(found => found.kind)).toEqual(['slow']);
		expect(runRegressions(all, 110)).toEqual([]);
	});

	it('calls a failure where the sync usually completes, not where it often fails', () => {
		expect(runRegressions(points([...usual(10), {status: 'failed', minutes: 3}]), 110)).toEqual([
			{kind: 'failed', sentence: 'Failed where 10 of the last 10 runs completed.'},
		]);
		const flaky = [...usual(5), {status: 'failed'}, {status: 'failed'}, ...usual(2), {status: 'failed'}, {status: 'failed', minutes: 3}];
		expect(runRegressions(points(flaky), 111)).toEqual([]);
	});

	it('calls far more or far fewer records processed than usual', () => {
		expect(runRegressions(points([...usual(10), {processed: 5200}]), 110)).toEqual([
			{kind: 'more-records', sentence: 'Processed 5,200 records: 5.2× the median of the last 10 runs (1,000).'},
		]);
		expect(runRegressions(points([...usual(10), {processed: 100}]), 110)).toEqual([
			{kind: 'fewer-records', sentence: 'Processed 100 records: 0.1× the median of the last 10 runs (1,000).'},
		]);
	});

	it('does not call a working run short of records: it has not processed all it will', () => {
		expect(runRegressions(points([...usual(10), {status: 'working', minutes: 1, processed: 10}], BASE + 10 * 3_600_000 + 60_000), 110)).toEqual([]);
	});

	it('marks a row with a short word per kind', () => {
		const found = runRegressions(points([...usual(10), {status: 'failed', minutes: 40}]), 110);
		expect(regressionMarker(found, false)).toBe('⚠ slow, new fail');
		expect(regressionMarker(found, true)).toBe('! slow, new fail');
		expect(regressionMarker([], false)).toBe('');
	});
});

describe('mergeHistory', () => {
	it('replaces known runs, takes newer ones, keeps newest first and bounded, ignores other syncs', () => {
		const old = history(usual(3));
		const changed = {...old[0]!, status: 'failed'};
		const newer = {...old[0]!, id: 200};
		const other = {...old[0]!, id: 300, syncId: 8};
		const merged = mergeHistory(old, [changed, newer, other], 7, 3);
		expect(merged.map(run => run.id)).toEqual([200, 102, 101]);
		expect(merged[1]!.status).toBe('failed');
	});

	it('gives the same array back when nothing changed (no re-render)', () => {
		const old = history(usual(3));
		expect(mergeHistory(old, [{...old[1]!}], 7)).toBe(old);
	});
});

describe('runRegressions with failures among the runs before', () => {
	it('compares durations with the completed runs among at least 5 ended ones, when 3 or more completed', () => {
		const past = [{minutes: 10}, {status: 'failed', minutes: 1}, {minutes: 11}, {status: 'failed', minutes: 1}, {minutes: 10}];
		expect(runRegressions(points([...past, {minutes: 40}]), 105).map(found => found.kind)).toEqual(['slow']);
		const mostlyFailed = [{minutes: 10}, {status: 'failed'}, {status: 'failed'}, {status: 'failed'}, {minutes: 10}];
		expect(runRegressions(points([...mostlyFailed, {minutes: 40}]), 105)).toEqual([]);
	});
});
