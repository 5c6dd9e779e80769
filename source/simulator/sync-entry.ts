import {hashNumbers, type Random} from './random.js';
import type {PlanProfile} from './run-plan.js';
import {endedStatus, endsAt, type RunRecord, type TriggerReason} from './run-record.js';
import type {ResolvedWorldOptions} from './scenarios.js';
import {buildSync, profileFor, type RawSync, type SyncProfile} from './sync-factory.js';
import {STREAM, syncIdFor} from './world-ids.js';

// One sync of the world with its runs and its schedule: what a sync reads as, which of its runs are under
// way, and when its scheduled runs start.

export type SyncEntry = {
	id: number;
	index: number;
	json: RawSync;
	/** Whether `status` was set by hand (addSync) rather than following the runs. */
	fixedStatus: boolean;
	planProfile: PlanProfile;
	/** Null for syncs that start no runs by themselves. */
	schedule: {periodMs: number; anchor: number; ordinal: number} | null;
	/** Oldest first from `head`; entries before `head` were forgotten. */
	runs: RunRecord[];
	head: number;
	/** Runs that may still be under way. */
	active: Set<RunRecord>;
	/** When the last run not kept (see the world's advanceTo) ends: it still makes later runs skip. */
	unkeptEnd: number;
	/** Trigger reason shared by the sync's scheduled runs. */
	scheduledTrigger: TriggerReason;
	triggers: number;
};

export type EntryShape = {paused: boolean; frequency: string; periodMs: number | null; typicalRunMs: number};

const DAY = 86_400_000;

const planProfileFor = (config: ResolvedWorldOptions, profile: SyncProfile, durationMs: readonly [number, number]): PlanProfile => ({
	durationMs,
	sourceSize: profile.sourceSize,
	mirror: profile.template.operation === 'mirror',
	outcomeWeights: config.outcomeWeights,
	errorContext: {template: profile.template, warehouse: profile.warehouse, destination: profile.destination},
});

/** Each sync's runs last about the same time, as real ones do, within the configured range. */
function durationsOf(config: ResolvedWorldOptions, typicalMs: number): readonly [number, number] {
	const [shortest, longest] = config.runDurationMs;
	return [Math.max(shortest, Math.round(typicalMs * 0.8)), Math.min(longest, Math.round(typicalMs * 1.25))];
}

export function newSyncEntry(config: ResolvedWorldOptions, index: number, shape: EntryShape, random: Random): SyncEntry {
	const profile = profileFor(index, random);
	const id = syncIdFor(config.seed, index);
	// Older syncs first, so that ids and creation times agree.
	const createdAt = config.now - 400 * DAY + Math.floor((index * 399 * DAY) / Math.max(config.syncs, index + 1)) + Math.floor(random() * DAY);
	return {
		id,
		index,
		json: buildSync({id, index, createdAt, paused: shape.paused, frequency: shape.frequency}, profile, random),
		fixedStatus: false,
		planProfile: planProfileFor(config, profile, durationsOf(config, shape.typicalRunMs)),
		schedule:
			shape.periodMs === null || shape.paused
				? null
				: {periodMs: shape.periodMs, anchor: config.now + Math.floor(random() * shape.periodMs), ordinal: 0},
		runs: [],
		head: 0,
		active: new Set(),
		unkeptEnd: Number.NEGATIVE_INFINITY,
		scheduledTrigger: {ui_tag: 'Scheduled', ui_detail: `Triggered by the ${shape.frequency.replace('_', '-')} schedule`},
		triggers: 0,
	};
}

/** Adds the run to the sync; beyond `keepRuns` the oldest is forgotten, by the sync and in `runs`. */
export function rememberRun(entry: SyncEntry, record: RunRecord, runs: Map<number, RunRecord>, keepRuns: number): void {
	entry.runs.push(record);
	runs.set(record.id, record);
	if (endsAt(record) > record.createdAt) {
		entry.active.add(record);
	}

	if (entry.runs.length - entry.head > keepRuns) {
		const forgotten = entry.runs[entry.head];
		entry.head += 1;
		if (forgotten !== undefined) {
			runs.delete(forgotten.id);
			entry.active.delete(forgotten);
		}

		if (entry.head > 64 && entry.head * 2 > entry.runs.length) {
			entry.runs = entry.runs.slice(entry.head);
			entry.head = 0;
		}
	}
}

/** Whether one of the sync's runs is under way at `at` (runs found ended leave the active set). */
export function isBusy(entry: SyncEntry, at: number): boolean {
	if (entry.unkeptEnd > at) {
		return true;
	}

	for (const record of entry.active) {
		if (endsAt(record) > at) {
			return true;
		}

		entry.active.delete(record);
	}

	return false;
}

export function idsNewestFirst(entry: SyncEntry): number[] {
	const ids: number[] = [];
	for (let at = entry.runs.length - 1; at >= entry.head; at -= 1) {
		const record = entry.runs[at];
		if (record !== undefined) {
			ids.push(record.id);
		}
	}

	return ids;
}

/** The sync as the API shows it at `now`: its status follows its last ended run unless set by hand. */
export function syncJson(entry: SyncEntry, now: number): RawSync {
	if (entry.fixedStatus) {
		return {...entry.json};
	}

	let status = 'Ready';
	for (let at = entry.runs.length - 1; at >= entry.head; at -= 1) {
		const record = entry.runs[at];
		const ended = record === undefined ? null : endedStatus(record, now);
		if (ended !== null) {
			status = ended === 'failed' ? 'Failing' : 'Up to Date';
			break;
		}
	}

	// Census sends the sync status in either case ("Ready", "ready"); every third sync here is lowercase.
	return {...entry.json, status: entry.index % 3 === 1 ? status.toLowerCase() : status};
}

/** When the sync's scheduled run number `ordinal` starts: on its period, a little late by a seeded jitter. */
export function scheduledAt(seed: number, entry: SyncEntry, ordinal: number): number {
	const schedule = entry.schedule;
	if (schedule === null) {
		return Number.POSITIVE_INFINITY;
	}

	const jitter = hashNumbers([seed, STREAM.jitter, entry.index, ordinal]) / 4_294_967_296;
	return schedule.anchor + ordinal * schedule.periodMs + Math.floor(jitter * schedule.periodMs * 0.15);
}

/** How many scheduled runs of the sync start after its next one and no later than `until`. */
export function startsAfterNext(seed: number, entry: SyncEntry, until: number): number {
	const schedule = entry.schedule;
	if (schedule === null) {
		return 0;
	}

	let last = Math.floor((until - schedule.anchor) / schedule.periodMs);
	if (scheduledAt(seed, entry, last) > until) {
		last -= 1;
	}

	return Math.max(0, last - schedule.ordinal);
}

/** Skips the scheduled runs that would have started by `now` (after a pause: they are not made up). */
export function skipMissedStarts(seed: number, entry: SyncEntry, now: number): void {
	const schedule = entry.schedule;
	if (schedule === null) {
		return;
	}

	schedule.ordinal = Math.max(schedule.ordinal, Math.floor((now - schedule.anchor) / schedule.periodMs));
	while (scheduledAt(seed, entry, schedule.ordinal) <= now) {
		schedule.ordinal += 1;
	}
}
