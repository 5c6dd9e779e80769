import type {SyncRun} from '../census/types.js';
import type {RunObservation} from './observe.js';
import type {RunEntry} from '../runs/model.js';
import type {RunModel} from './model.js';
import {parseIsoTime} from '../text/format.js';
import {onGrid, type ClockText} from '../text/relative-clock.js';
import {runPhase} from './status.js';

// How long a working run should take, how long it has left, and whether it has stopped moving.
//
// Expected duration is the median of the sync's recent completed runs: the median, because one first full
// sync or one run stuck behind a warehouse lock would drag a mean far off. With fewer than two runs there
// is no estimate at all: one run is an anecdote, and an ETA made up from nothing is worse than none.
//
// Stalled means the polls have seen neither the step nor any record count move for longer than the
// threshold. Idle time is measured up to the LAST POLL, not to the wall clock: while the network is down
// or polling is paused nothing was seen either way, and the app must not call a run stalled for that.
// It also makes the mark a pure function of the store, so a row can select it without any timer.
//
// The threshold, and why:
// - without history, 90 s: Census's checking steps take seconds, and a warehouse unload that moves no
//   count for a minute and a half is already worth a look; the mark is a warning with its numbers, not an
//   action, and it shows within two minutes of a run freezing;
// - with history, half a usual run (never under 60 s): the longest step (unload or load) takes a good
//   share of a run, and a silent stretch longer than half the whole usual run is far beyond any usual
//   step; a sync whose runs take 40 s gets the 60 s floor, quicker than the history-less 90 s;
// - and never over 10 minutes: ten minutes in which neither the step nor a count moved is what a stuck
//   warehouse query or a hung destination looks like, however long the sync's runs usually take;
// - never fewer than four poll intervals, so a slow --interval cannot make two quiet polls a stall.

const MIN_SAMPLES = 2;
const MAX_SAMPLES = 10;
const NO_HISTORY_STALL_MS = 90_000;
const HISTORY_STALL_FLOOR_MS = 60_000;
const STALL_SHARE_OF_RUN = 0.5;
const HISTORY_STALL_CAP_MS = 10 * 60_000;
const STALL_POLLS = 4;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const isDuration = (ms: number): boolean => Number.isFinite(ms) && ms > 0;

/** The usable durations among the newest MAX_SAMPLES valid ones (newest first, as the API lists runs). */
const recentDurations = (durations: readonly number[]): number[] => durations.filter(isDuration).slice(0, MAX_SAMPLES);

/** Median of the newest 10 positive durations (newest first), rounded to a millisecond; null with fewer than 2. */
export function expectedDurationMs(durations: readonly number[]): number | null {
	const recent = recentDurations(durations).sort((a, b) => a - b);
	if (recent.length < MIN_SAMPLES) return null;
	const middle = Math.floor(recent.length / 2);
	const median = recent.length % 2 === 1 ? recent[middle]! : (recent[middle - 1]! + recent[middle]!) / 2;
	return Math.round(median);
}

export type Expectation = {
	expectedMs: number;
	/** How many runs the median is over. */
	samples: number;
};

/** completed_at − created_at of a run that completed (not failed, skipped or canceled); null otherwise. */
export function completedDurationMs(run: SyncRun | null): number | null {
	if (run === null || runPhase(run) !== 'completed') return null;
	const start = parseIsoTime(run.createdAt);
	const end = parseIsoTime(run.completedAt);
	if (start === null || end === null || end <= start) return null;
	return end - start;
}

const durationsCache = new WeakMap<object, ReadonlyMap<number, number[]>>();

/**
 * Durations of the completed runs in the store, per sync, newest first. Remembered per `runs` object (the
 * store replaces it only when a run changed), so every row's selector can ask without rescanning.
 */
export function watchedDurations(runs: Readonly<Record<number, RunEntry>>): ReadonlyMap<number, number[]> {
	const cached = durationsCache.get(runs);
	if (cached) return cached;
	const bySync = new Map<number, number[]>();
	const ids = Object.keys(runs)
		.map(Number)
		.sort((a, b) => b - a);
	for (const id of ids) {
		const run = runs[id]?.run ?? null;
		const duration = completedDurationMs(run);
		if (run === null || duration === null) continue;
		const list = bySync.get(run.syncId) ?? [];
		list.push(duration);
		bySync.set(run.syncId, list);
	}

	durationsCache.set(runs, bySync);
	return bySync;
}

/**
 * The durations an expectation for a sync rests on, newest first, at most MAX_SAMPLES: the fetched
 * history, or the completed runs watched in the store when those are more (the history is fetched once
 * and ages).
 */
export function syncDurations(state: Pick<RunModel, 'runs' | 'syncHistory'>, syncId: number): number[] {
	const history = recentDurations(state.syncHistory[syncId]?.durationsMs ?? []);
	const watched = recentDurations(watchedDurations(state.runs).get(syncId) ?? []);
	return watched.length > history.length ? watched : history;
}

/** The expected duration of a sync's runs, and how many it rests on; null with fewer than 2 runs. */
export function syncExpectation(state: Pick<RunModel, 'runs' | 'syncHistory'>, syncId: number): Expectation | null {
	const durations = syncDurations(state, syncId);
	const expectedMs = expectedDurationMs(durations);
	return expectedMs === null ? null : {expectedMs, samples: durations.length};
}

/** How long the polls must see nothing move before a run counts as stalled. */
export function stallThresholdMs(expectation: Expectation | null, pollIntervalMs: number): number {
	const polls = Number.isFinite(pollIntervalMs) ? STALL_POLLS * Math.max(0, pollIntervalMs) : 0;
	const fromHistory = expectation === null ? null : Math.round(STALL_SHARE_OF_RUN * expectation.expectedMs);
	const base = fromHistory === null ? NO_HISTORY_STALL_MS : Math.min(HISTORY_STALL_CAP_MS, Math.max(HISTORY_STALL_FLOOR_MS, fromHistory));
	return Math.max(base, polls);
}

export type StallState = {
	stalled: boolean;
	/** From the last sighting of progress (or of a status change) to the last poll. */
	idleMs: number;
	thresholdMs: number;
	/** The threshold came from the sync's history rather than the floor. */
	fromHistory: boolean;
};

export type StallInput = {
	run: Pick<SyncRun, 'status' | 'canceled'>;
	observation: Pick<RunObservation, 'lastProgressAt' | 'statusChangedAt' | 'lastPolledAt'> | undefined;
	expectation: Expectation | null;
	pollIntervalMs: number;
};

/** Whether a working run has stopped moving; null for any other run, or one not polled yet. */
export function stallState({run, observation, expectation, pollIntervalMs}: StallInput): StallState | null {
	if (observation === undefined || runPhase(run) !== 'working') return null;
	// A status change is movement too (queued → working restarts the count).
	const since = Math.max(observation.lastProgressAt, observation.statusChangedAt);
	const idleMs = Math.max(0, observation.lastPolledAt - since);
	const thresholdMs = stallThresholdMs(expectation, pollIntervalMs);
	return {stalled: idleMs >= thresholdMs, idleMs, thresholdMs, fromHistory: expectation !== null};
}

/** The run's sync's expectation, only for a working or queued run (what the screens ask for). */
function runExpectation(state: Pick<RunModel, 'runs' | 'syncHistory'>, runId: number): {run: SyncRun; expectation: Expectation | null} | null {
	const run = state.runs[runId]?.run ?? null;
	if (run === null) return null;
	const phase = runPhase(run);
	if (phase !== 'working' && phase !== 'queued') return null;
	return {run, expectation: syncExpectation(state, run.syncId)};
}

/**
 * Store selector: when a working run is expected to end (epoch ms), or null without an estimate. A number,
 * so a row re-renders only when it changes; the text comes from `etaText`.
 */
export function selectExpectedEndAt(state: Pick<RunModel, 'runs' | 'syncHistory'>, runId: number): number | null {
	const found = runExpectation(state, runId);
	if (found === null || found.expectation === null || runPhase(found.run) !== 'working') return null;
	const start = parseIsoTime(found.run.createdAt);
	return start === null ? null : start + found.expectation.expectedMs;
}

/** Store selector: the run is working and stalled. No clock: idle time runs to the last poll. */
export function selectStalled(
	state: Pick<RunModel, 'runs' | 'syncHistory' | 'observations'>,
	runId: number,
	pollIntervalMs: number,
): boolean {
	const found = runExpectation(state, runId);
	if (found === null) return false;
	return stallState({run: found.run, observation: state.observations[runId], expectation: found.expectation, pollIntervalMs})?.stalled ?? false;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/** A duration in its two largest units, rounded down: '45s', '12m', '1h 05m', '2d 3h'. */
export function formatRoughDuration(ms: number): string {
	const value = Number.isFinite(ms) ? Math.max(0, ms) : 0;
	if (value < MINUTE) return `${Math.floor(value / SECOND)}s`;
	if (value < HOUR) return `${Math.floor(value / MINUTE)}m`;
	if (value < DAY) return `${Math.floor(value / HOUR)}h ${pad2(Math.floor((value % HOUR) / MINUTE))}m`;
	return `${Math.floor(value / DAY)}d ${Math.floor((value % DAY) / HOUR)}h`;
}

/** Minutes up to a day, then hours: an ETA from a median is not worth seconds. */
const etaUnit = (ms: number): number => (ms >= DAY ? HOUR : MINUTE);

/** A count of minutes or hours as '4m', '1h 05m', '2d 3h'. */
const unitsText = (units: number, unit: number): string => {
	const minutes = unit === HOUR ? units * 60 : units;
	if (minutes < 60) return `${minutes}m`;
	if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}h ${pad2(minutes % 60)}m`;
	return `${Math.floor(minutes / (24 * 60))}d ${Math.floor((minutes % (24 * 60)) / 60)}h`;
};

/**
 * '~4m left' (time left rounded UP, so it never promises early; '<1m left' in the last minute),
 * 'overdue 2m' once the expected duration has passed (rounded down, 'overdue <1m' in the first minute).
 * Beyond a day, whole hours: '~2d 3h left'.
 */
export function formatEta(remainingMs: number): string {
	if (!Number.isFinite(remainingMs)) return '';
	if (remainingMs > 0) {
		if (remainingMs <= MINUTE) return '<1m left';
		const unit = etaUnit(remainingMs);
		return `~${unitsText(Math.ceil(remainingMs / unit), unit)} left`;
	}

	const over = -remainingMs;
	if (over < MINUTE) return 'overdue <1m';
	const unit = etaUnit(over);
	return `overdue ${unitsText(Math.floor(over / unit), unit)}`;
}

/**
 * Milliseconds until formatEta's text may next change: the next whole minute of the time left or over
 * (hour-sized texts change on minute boundaries too, so one rule covers both, at worst a wasted look).
 */
function msUntilEtaChange(remainingMs: number): number {
	if (remainingMs > 0) return remainingMs - MINUTE * (Math.ceil(remainingMs / MINUTE) - 1);
	return MINUTE - (-remainingMs % MINUTE);
}

/** formatEta for a run expected to end at `endAt`, and when that text next changes; '' without an estimate. */
export function etaText(endAt: number | null, now: number): ClockText {
	if (endAt === null || !Number.isFinite(endAt)) return {text: '', changesAt: null};
	const remainingMs = endAt - now;
	return {text: formatEta(remainingMs), changesAt: onGrid(now + msUntilEtaChange(remainingMs), MINUTE)};
}
