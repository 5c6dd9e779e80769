// The simulated Census workspace: syncs, and runs that start on schedules, move through the steps and
// end. Pure and deterministic: no timers and no I/O; time moves only through advanceTo, and every run's
// fate is drawn from a random stream named by (seed, sync, ordinal), so two worlds with the same seed
// advanced to the same times hold the same JSON. One sync's runs and schedule are sync-entry.ts's, the
// runs that exist before the start seeded-runs.ts's, ids world-ids.ts's, runs set by hand frozen-runs.ts's.
//
// Canceling: Census has no "canceled" status. A run asked to cancel goes on reading queued or working
// with `canceled: true` for a few seconds (CANCEL_GRACE_MS), then ends `completed` or `failed`, still
// `canceled: true`, at the step and with the counts it had when asked.
import {applyPatch, canceledFrozenRun, frozenRun, type Patch} from './frozen-runs.js';
import {between, streamFor, type Random} from './random.js';
import {planRun} from './run-plan.js';
import {endsAt, isMovingFrozen, runJson, type RawRun, type RunRecord, type TriggerReason} from './run-record.js';
import {resolveWorldOptions, type ResolvedWorldOptions, type WorldOptions} from './scenarios.js';
import {ScheduleQueue} from './schedule-queue.js';
import {pastRuns, workingRuns, type Seeded} from './seeded-runs.js';
import {
	idsNewestFirst,
	isBusy,
	newSyncEntry,
	rememberRun,
	scheduledAt,
	skipMissedStarts,
	startsAfterNext,
	syncJson,
	type EntryShape,
	type SyncEntry,
} from './sync-entry.js';
import {frequencyFor, type RawSync} from './sync-factory.js';
import {createRunIds, STREAM} from './world-ids.js';

export type {Patch} from './frozen-runs.js';
export type {RawSync} from './sync-factory.js';
export type {Scenario, WorldOptions} from './scenarios.js';

export type {RawRun} from './run-record.js';

export type World = {
	/** The sim time the world has been advanced to. */
	now(): number;
	/** Starts the runs scheduled up to `nowMs`; earlier or equal times change nothing. */
	advanceTo(nowMs: number): void;
	/** Sync ids in creation order. */
	syncIds(): number[];
	listSyncs(): RawSync[];
	getSync(id: number): RawSync | null;
	/** Run ids of a sync, newest first; null when there is no such sync. */
	runIds(syncId: number): number[] | null;
	/** Runs of a sync, newest first; null when there is no such sync. */
	listRuns(syncId: number): RawRun[] | null;
	getRun(id: number): RawRun | null;
	/** Starts a run now; it ends `skipped` at once if one of the sync's runs is under way. Null: no such sync. */
	trigger(syncId: number, fullSync?: boolean): number | null;
	/** Cancels a queued or working run; false when there is no such run or it has ended. */
	cancel(runId: number): boolean;
	/** Adds a sync with no schedule; `partial` overrides any field but `id`. */
	addSync(partial?: Patch): number;
	/** Adds a run frozen as given: by default a completed run; `partial` overrides any field but `id`/`sync_id`. */
	addRun(syncId: number, partial?: Patch): number;
	/** Freezes the run as it reads now with `partial` applied: from then on only updateRun and cancel change it. */
	updateRun(id: number, partial: Patch): boolean;
	removeRun(id: number): boolean;
	/** While paused no run starts by itself; on resuming, starts missed meanwhile are not made up. */
	pauseSchedules(paused: boolean): void;
};

/** The syncs of a new workspace: every eighth is paused and every eighth starts no runs by itself (with variety). */
function workspaceShapes(config: ResolvedWorldOptions): Array<{shape: EntryShape; random: Random}> {
	const shapes: Array<{shape: EntryShape; random: Random}> = [];
	for (let index = 0; index < config.syncs; index += 1) {
		const random = streamFor(config.seed, STREAM.sync, index);
		const typicalRunMs = between(random, config.runDurationMs[0], config.runDurationMs[1]);
		// Mostly longer than a run, so that skipped runs happen now and then rather than every other time.
		const periodMs = Math.round(Math.max(between(random, config.schedulePeriodMs[0], config.schedulePeriodMs[1]), typicalRunMs * 1.2));
		const slot = index % 8;
		const paused = config.variety && slot === 6;
		const manual = config.variety && slot === 7;
		shapes.push({shape: {paused, frequency: manual ? 'never' : frequencyFor(periodMs), periodMs: manual ? null : periodMs, typicalRunMs}, random});
	}

	return shapes;
}

/** The syncs under way at the start: a seeded shuffle, so that they are not always the first ones. */
function workingAtStart(config: ResolvedWorldOptions, entries: readonly SyncEntry[]): Set<SyncEntry> {
	const layout = streamFor(config.seed, STREAM.layout);
	const candidates = entries.filter(entry => entry.json['paused'] !== true);
	for (let at = candidates.length - 1; at > 0; at -= 1) {
		const other = Math.floor(layout() * (at + 1));
		[candidates[at], candidates[other]] = [candidates[other] as SyncEntry, candidates[at] as SyncEntry];
	}

	return new Set(candidates.slice(0, config.workingAtStart));
}

/** Every run that exists before the start, in creation order. */
function seededRuns(config: ResolvedWorldOptions, entries: readonly SyncEntry[]): Seeded[] {
	const working = workingAtStart(config, entries);
	const forcedOutcomes = ['completed', 'failed', 'rejected'] as const;
	const seeded: Seeded[] = [];
	for (const entry of entries) {
		const under = working.has(entry) ? workingRuns(config, entry) : [];
		seeded.push(...under);
		const firstStart = Math.min(config.now - 2000, ...under.map(item => item.createdAt));
		seeded.push(...pastRuns(config, entry, firstStart, forcedOutcomes[entry.index] ?? null, entry.index === 0));
	}

	return seeded.sort((a, b) => a.createdAt - b.createdAt || a.entry.index - b.entry.index);
}

export function createWorld(options: WorldOptions): World {
	const config: ResolvedWorldOptions = resolveWorldOptions(options);
	const {seed} = config;
	const entries: SyncEntry[] = [];
	const byId = new Map<number, SyncEntry>();
	const runs = new Map<number, RunRecord>();
	const queue = new ScheduleQueue();
	const takeRunId = createRunIds(seed);
	let now = config.now;
	let schedulesPaused = config.schedulesPaused;

	const remember = (entry: SyncEntry, record: RunRecord): void => {
		rememberRun(entry, record, runs, config.keepRuns);
	};

	function enqueue(entry: SyncEntry): void {
		if (entry.schedule !== null) {
			queue.push({at: scheduledAt(seed, entry, entry.schedule.ordinal), index: entry.index});
		}
	}

	function startRun(
		entry: SyncEntry,
		at: number,
		random: Random,
		details: {scheduledAt: number | null; trigger: TriggerReason; fullSync: boolean},
	): number {
		const record: RunRecord = {
			id: takeRunId(),
			syncId: entry.id,
			createdAt: at,
			scheduledAt: details.scheduledAt,
			fullSync: details.fullSync,
			trigger: details.trigger,
			plan: isBusy(entry, at) ? null : planRun(random, entry.planProfile, {fullSync: details.fullSync}),
			canceledAt: null,
			frozen: null,
		};
		remember(entry, record);
		return record.id;
	}

	/**
	 * Starts the sync's next scheduled run. A run that `keepRuns` later runs of this same advance will
	 * push out is not kept: it only takes its id and, while it would be under way, makes later runs
	 * skip. So a jump of a day costs little more per sync than the runs that are kept.
	 */
	function startScheduled(entry: SyncEntry, at: number, kept: boolean): void {
		const schedule = entry.schedule;
		if (schedule === null) {
			return;
		}

		const random = streamFor(seed, STREAM.scheduled, entry.index, schedule.ordinal);
		const fullSync = random() < 0.05;
		const scheduledFor = at - Math.floor(random() * 900);
		schedule.ordinal += 1;
		if (kept) {
			startRun(entry, at, random, {scheduledAt: scheduledFor, trigger: entry.scheduledTrigger, fullSync});
			return;
		}

		if (!isBusy(entry, at)) {
			entry.unkeptEnd = at + planRun(random, entry.planProfile, {fullSync}).endOffset;
		}

		takeRunId();
	}

	function addEntry(index: number, shape: EntryShape, random: Random): SyncEntry {
		const entry = newSyncEntry(config, index, shape, random);
		entries.push(entry);
		byId.set(entry.id, entry);
		return entry;
	}

	function populate(): void {
		for (const [index, {shape, random}] of workspaceShapes(config).entries()) addEntry(index, shape, random);
		for (const item of seededRuns(config, entries)) {
			remember(item.entry, {id: takeRunId(), syncId: item.entry.id, createdAt: item.createdAt, ...item.record});
		}

		for (const entry of entries) {
			enqueue(entry);
		}
	}

	function materialize(record: RunRecord): RawRun {
		const entry = byId.get(record.syncId);
		if (entry === undefined) {
			throw new Error(`world: run ${record.id} belongs to no sync`);
		}

		return runJson(record, now, entry.planProfile);
	}

	function rescheduleFromNow(): void {
		queue.clear();
		for (const entry of entries) {
			skipMissedStarts(seed, entry, now);
			enqueue(entry);
		}
	}

	populate();

	return {
		now: () => now,

		advanceTo(nowMs) {
			if (!(nowMs > now)) {
				return;
			}

			if (!schedulesPaused) {
				for (let due = queue.peek(); due !== undefined && due.at <= nowMs; due = queue.peek()) {
					queue.pop();
					const entry = entries[due.index];
					if (entry !== undefined) {
						startScheduled(entry, due.at, startsAfterNext(seed, entry, nowMs) < config.keepRuns);
						enqueue(entry);
					}
				}
			}

			now = nowMs;
		},

		syncIds: () => entries.map(entry => entry.id),

		listSyncs: () => entries.map(entry => syncJson(entry, now)),

		getSync(id) {
			const entry = byId.get(id);
			return entry === undefined ? null : syncJson(entry, now);
		},

		runIds(syncId) {
			const entry = byId.get(syncId);
			return entry === undefined ? null : idsNewestFirst(entry);
		},

		listRuns(syncId) {
			const entry = byId.get(syncId);
			if (entry === undefined) {
				return null;
			}

			return idsNewestFirst(entry).flatMap(id => {
				const record = runs.get(id);
				return record === undefined ? [] : [materialize(record)];
			});
		},

		getRun(id) {
			const record = runs.get(id);
			return record === undefined ? null : materialize(record);
		},

		trigger(syncId, fullSync = false) {
			const entry = byId.get(syncId);
			if (entry === undefined) {
				return null;
			}

			const random = streamFor(seed, STREAM.triggered, entry.index, entry.triggers);
			entry.triggers += 1;
			return startRun(entry, now, random, {
				scheduledAt: null,
				trigger: {ui_tag: 'API', ui_detail: 'Triggered via the Census API'},
				fullSync,
			});
		},

		cancel(runId) {
			const record = runs.get(runId);
			if (record === undefined || endsAt(record) <= now) {
				return false;
			}

			if (record.frozen === null) {
				// Asking again while it winds down changes nothing.
				record.canceledAt ??= now;
			} else {
				record.frozen = canceledFrozenRun(record.frozen, now);
			}

			return true;
		},

		addSync(partial = {}) {
			const index = entries.length;
			const random = streamFor(seed, STREAM.sync, index);
			const typicalRunMs = between(random, config.runDurationMs[0], config.runDurationMs[1]);
			const entry = addEntry(index, {paused: false, frequency: 'never', periodMs: null, typicalRunMs}, random);
			entry.json = {...applyPatch(entry.json, partial), id: entry.id};
			entry.fixedStatus = 'status' in partial;
			return entry.id;
		},

		addRun(syncId, partial = {}) {
			const entry = byId.get(syncId);
			if (entry === undefined) {
				throw new RangeError(`addRun: no sync ${syncId}`);
			}

			const id = takeRunId();
			const frozen = frozenRun(id, syncId, now, partial);
			remember(entry, {id, syncId, createdAt: now, scheduledAt: null, fullSync: false, trigger: {ui_tag: 'Manual', ui_detail: ''}, plan: null, canceledAt: null, frozen});
			return id;
		},

		updateRun(id, partial) {
			const record = runs.get(id);
			const entry = record === undefined ? undefined : byId.get(record.syncId);
			if (record === undefined || entry === undefined) {
				return false;
			}

			record.frozen = {...applyPatch(materialize(record), partial), id: record.id, sync_id: record.syncId};
			if (isMovingFrozen(record.frozen)) {
				entry.active.add(record);
			} else {
				entry.active.delete(record);
			}

			return true;
		},

		removeRun(id) {
			const record = runs.get(id);
			const entry = record === undefined ? undefined : byId.get(record.syncId);
			if (record === undefined || entry === undefined) {
				return false;
			}

			runs.delete(id);
			entry.active.delete(record);
			entry.runs.splice(entry.runs.indexOf(record), 1);
			return true;
		},

		pauseSchedules(paused) {
			if (schedulesPaused && !paused) {
				schedulesPaused = false;
				rescheduleFromNow();
				return;
			}

			schedulesPaused = paused;
		},
	};
}
