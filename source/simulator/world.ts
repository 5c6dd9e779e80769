// The simulated Census workspace: syncs, and runs that start on schedules, move through the steps and
// end. Pure and deterministic: no timers and no I/O; time moves only through advanceTo, and every run's
// fate is drawn from a random stream named by (seed, sync, ordinal), so two worlds with the same seed
// advanced to the same times hold the same JSON.
//
// Canceling: Census has no "canceled" status. A run asked to cancel goes on reading queued or working
// with `canceled: true` for a few seconds (CANCEL_GRACE_MS), then ends `completed` or `failed`, still
// `canceled: true`, at the step and with the counts it had when asked.
//
// Ids have the size of real ones (Census's ids are global across its customers): syncs in the millions,
// runs in the hundreds of millions, each a small seeded step after the one before, so that nothing may
// assume that they are consecutive.
import {between, hashNumbers, pick, streamFor, type Random} from './random.js';
import {GENERIC_STEP, planRun, type PlanProfile} from './run-plan.js';
import {endedStatus, endsAt, isMovingFrozen, iso, runJson, type RawRun, type RunRecord, type TriggerReason} from './run-record.js';
import {resolveWorldOptions, type ResolvedWorldOptions, type WorldOptions} from './scenarios.js';
import {ScheduleQueue} from './schedule-queue.js';
import {historyDurationRange, historyShapeFor} from './history-shape.js';
import {TEAMMATES} from './catalog.js';
import {buildSync, frequencyFor, profileFor, type RawSync, type SyncProfile} from './sync-factory.js';

export type {RawSync} from './sync-factory.js';
export type {Scenario, WorldOptions} from './scenarios.js';

export type {RawRun} from './run-record.js';

/** Fields to set; a key whose value is `undefined` is removed, so that tests can make a field absent. */
export type Patch = Record<string, unknown>;

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

type SyncEntry = {
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
	/** When the last run not kept (see advanceTo) ends: it still makes later runs skip. */
	unkeptEnd: number;
	/** Trigger reason shared by the sync's scheduled runs. */
	scheduledTrigger: TriggerReason;
	triggers: number;
};

// Names of the random streams, so that adding one kind of draw never shifts another.
// 9 is history-shape.ts's.
const STREAM = {sync: 1, history: 2, working: 3, scheduled: 4, triggered: 5, layout: 6, jitter: 7, ids: 8} as const;

const FIRST_SYNC_ID = 3_394_022;
const FIRST_RUN_ID = 425_249_733;
/** Ids advance by 1 to this many between one object of the workspace and the next. */
const SYNC_ID_STEP = 40;
const RUN_ID_STEP = 17;
const DAY = 86_400_000;

function applyPatch<T extends Record<string, unknown>>(target: T, patch: Patch): T {
	const result: Record<string, unknown> = {...target};
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) {
			delete result[key];
		} else {
			result[key] = value;
		}
	}

	return result as T;
}

export function createWorld(options: WorldOptions): World {
	const config: ResolvedWorldOptions = resolveWorldOptions(options);
	const {seed} = config;
	const entries: SyncEntry[] = [];
	const byId = new Map<number, SyncEntry>();
	const runs = new Map<number, RunRecord>();
	const queue = new ScheduleQueue();
	let now = config.now;
	let nextRunId = FIRST_RUN_ID;
	let runOrdinal = 0;

	/** The next run id: drawn by the order in which runs are created, so a stepped and a jumped clock agree. */
	function takeRunId(): number {
		const id = nextRunId;
		nextRunId += 1 + (hashNumbers([seed, STREAM.ids, runOrdinal]) % RUN_ID_STEP);
		runOrdinal += 1;
		return id;
	}

	/** Sync ids grow with the index in steps of 1..SYNC_ID_STEP (index × step, plus a seeded part below a step). */
	const syncIdFor = (index: number): number => FIRST_SYNC_ID + index * SYNC_ID_STEP + (hashNumbers([seed, STREAM.ids, -1 - index]) % SYNC_ID_STEP);
	let schedulesPaused = config.schedulesPaused;

	const planProfileFor = (profile: SyncProfile, durationMs: readonly [number, number]): PlanProfile => ({
		durationMs,
		sourceSize: profile.sourceSize,
		mirror: profile.template.operation === 'mirror',
		outcomeWeights: config.outcomeWeights,
		errorContext: {template: profile.template, warehouse: profile.warehouse, destination: profile.destination},
	});

	function remember(entry: SyncEntry, record: RunRecord): void {
		entry.runs.push(record);
		runs.set(record.id, record);
		if (endsAt(record) > record.createdAt) {
			entry.active.add(record);
		}

		if (entry.runs.length - entry.head > config.keepRuns) {
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

	function isBusy(entry: SyncEntry, at: number): boolean {
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

	function scheduledAt(entry: SyncEntry, ordinal: number): number {
		const schedule = entry.schedule;
		if (schedule === null) {
			return Number.POSITIVE_INFINITY;
		}

		const jitter = hashNumbers([seed, STREAM.jitter, entry.index, ordinal]) / 4_294_967_296;
		return schedule.anchor + ordinal * schedule.periodMs + Math.floor(jitter * schedule.periodMs * 0.15);
	}

	function enqueue(entry: SyncEntry): void {
		if (entry.schedule !== null) {
			queue.push({at: scheduledAt(entry, entry.schedule.ordinal), index: entry.index});
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

	/** How many scheduled runs of the sync start after its next one and no later than `until`. */
	function startsAfterNext(entry: SyncEntry, until: number): number {
		const schedule = entry.schedule;
		if (schedule === null) {
			return 0;
		}

		let last = Math.floor((until - schedule.anchor) / schedule.periodMs);
		if (scheduledAt(entry, last) > until) {
			last -= 1;
		}

		return Math.max(0, last - schedule.ordinal);
	}

	/** Each sync's runs last about the same time, as real ones do, within the configured range. */
	function durationsOf(typicalMs: number): readonly [number, number] {
		const [shortest, longest] = config.runDurationMs;
		return [Math.max(shortest, Math.round(typicalMs * 0.8)), Math.min(longest, Math.round(typicalMs * 1.25))];
	}

	function addEntry(
		index: number,
		shape: {paused: boolean; frequency: string; periodMs: number | null; typicalRunMs: number},
		random: Random,
	): SyncEntry {
		const profile = profileFor(index, random);
		const id = syncIdFor(index);
		// Older syncs first, so that ids and creation times agree.
		const createdAt = config.now - 400 * DAY + Math.floor((index * 399 * DAY) / Math.max(config.syncs, index + 1)) + Math.floor(random() * DAY);
		const entry: SyncEntry = {
			id,
			index,
			json: buildSync({id, index, createdAt, paused: shape.paused, frequency: shape.frequency}, profile, random),
			fixedStatus: false,
			planProfile: planProfileFor(profile, durationsOf(shape.typicalRunMs)),
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
		entries.push(entry);
		byId.set(id, entry);
		return entry;
	}

	// Runs that exist before the world starts, in creation order once sorted.
	type Seeded = {entry: SyncEntry; createdAt: number; record: Omit<RunRecord, 'id' | 'syncId' | 'createdAt'>};

	function historyOf(entry: SyncEntry, endBefore: number, period: number | null, forced: 'completed' | 'failed' | 'rejected' | null, withSkip: boolean): Seeded[] {
		const random = streamFor(seed, STREAM.history, entry.index);
		const shape = historyShapeFor(seed, entry.index, config.history);
		const seeded: Seeded[] = [];
		let nextStart = endBefore;
		for (let k = 0; k < config.history; k += 1) {
			const fullSync = random() < 0.08;
			// The forced failure reads completed_at: null, so that a workspace always shows that case; the
			// outlier completed, so that its length is there to compare.
			const outcome =
				k === 0 && forced !== null
					? {outcome: forced, failsWithoutCompletedAt: true}
					: k === shape.outlierAt
						? {outcome: 'completed' as const}
						: {};
			const profile = {...entry.planProfile, durationMs: historyDurationRange(entry.planProfile.durationMs, shape, k)};
			const plan = planRun(random, profile, {fullSync, ...outcome});
			const gap = period === null ? (1 + random() * 5) * 3_600_000 : 1000 + random() * period * 0.5;
			const createdAt = Math.floor(nextStart - gap - plan.endOffset);
			// Every fourth sync has a run someone canceled halfway.
			const canceledAt = k === 1 && entry.index % 4 === 3 ? createdAt + Math.floor(plan.endOffset / 2) : null;
			const trigger: TriggerReason =
				period === null
					? {ui_tag: 'Manual', ui_detail: `Manually triggered by ${pick(random, TEAMMATES)}`}
					: entry.scheduledTrigger;
			seeded.push({
				entry,
				createdAt,
				record: {scheduledAt: period === null ? null : createdAt - 400, fullSync, trigger, plan, canceledAt, frozen: null},
			});
			if (k === 0 && withSkip) {
				const skippedAt = Math.floor(createdAt + plan.endOffset * 0.5);
				seeded.push({
					entry,
					createdAt: skippedAt,
					record: {scheduledAt: skippedAt - 300, fullSync: false, trigger, plan: null, canceledAt: null, frozen: null},
				});
			}

			nextStart = createdAt;
		}

		return seeded;
	}

	function workingOf(entry: SyncEntry): Seeded[] {
		const random = streamFor(seed, STREAM.working, entry.index);
		const seeded: Seeded[] = [];
		for (let k = 0; k < config.workingPerSync; k += 1) {
			const plan = planRun(random, entry.planProfile, {fullSync: random() < 0.05});
			// Spread the runs over their lives so that they sit at different steps.
			const fraction = 0.05 + (0.85 * (k + random())) / config.workingPerSync;
			const createdAt = Math.floor(config.now - plan.endOffset * fraction);
			const manual = entry.schedule === null;
			seeded.push({
				entry,
				createdAt,
				record: {
					scheduledAt: manual ? null : createdAt - 350,
					fullSync: false,
					trigger: manual
						? {ui_tag: 'Manual', ui_detail: `Manually triggered by ${pick(random, TEAMMATES)}`}
						: entry.scheduledTrigger,
					plan,
					canceledAt: null,
					frozen: null,
				},
			});
		}

		return seeded;
	}

	function populate(): void {
		const layout = streamFor(seed, STREAM.layout);
		for (let index = 0; index < config.syncs; index += 1) {
			const random = streamFor(seed, STREAM.sync, index);
			const typicalRunMs = between(random, config.runDurationMs[0], config.runDurationMs[1]);
			// Mostly longer than a run, so that skipped runs happen now and then rather than every other time.
			const periodMs = Math.round(Math.max(between(random, config.schedulePeriodMs[0], config.schedulePeriodMs[1]), typicalRunMs * 1.2));
			const slot = index % 8;
			const paused = config.variety && slot === 6;
			const manual = config.variety && slot === 7;
			addEntry(index, {paused, frequency: manual ? 'never' : frequencyFor(periodMs), periodMs: manual ? null : periodMs, typicalRunMs}, random);
		}

		const candidates = entries.filter(entry => entry.json['paused'] !== true);
		// A seeded shuffle, so that the syncs under way at the start are not always the first ones.
		for (let at = candidates.length - 1; at > 0; at -= 1) {
			const other = Math.floor(layout() * (at + 1));
			[candidates[at], candidates[other]] = [candidates[other] as SyncEntry, candidates[at] as SyncEntry];
		}

		const working = new Set(candidates.slice(0, config.workingAtStart));
		const forcedOutcomes = ['completed', 'failed', 'rejected'] as const;
		const seeded: Seeded[] = [];
		for (const entry of entries) {
			const under = working.has(entry) ? workingOf(entry) : [];
			seeded.push(...under);
			const firstStart = Math.min(config.now - 2000, ...under.map(item => item.createdAt));
			const period = entry.schedule?.periodMs ?? null;
			seeded.push(...historyOf(entry, firstStart, period, forcedOutcomes[entry.index] ?? null, entry.index === 0));
		}

		seeded.sort((a, b) => a.createdAt - b.createdAt || a.entry.index - b.entry.index);
		for (const item of seeded) {
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

	function syncJson(entry: SyncEntry): RawSync {
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

	function idsNewestFirst(entry: SyncEntry): number[] {
		const ids: number[] = [];
		for (let at = entry.runs.length - 1; at >= entry.head; at -= 1) {
			const record = entry.runs[at];
			if (record !== undefined) {
				ids.push(record.id);
			}
		}

		return ids;
	}

	function rescheduleFromNow(): void {
		queue.clear();
		for (const entry of entries) {
			const schedule = entry.schedule;
			if (schedule === null) {
				continue;
			}

			schedule.ordinal = Math.max(schedule.ordinal, Math.floor((now - schedule.anchor) / schedule.periodMs));
			while (scheduledAt(entry, schedule.ordinal) <= now) {
				schedule.ordinal += 1;
			}

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
						startScheduled(entry, due.at, startsAfterNext(entry, nowMs) < config.keepRuns);
						enqueue(entry);
					}
				}
			}

			now = nowMs;
		},

		syncIds: () => entries.map(entry => entry.id),

		listSyncs: () => entries.map(entry => syncJson(entry)),

		getSync(id) {
			const entry = byId.get(id);
			return entry === undefined ? null : syncJson(entry);
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
				record.frozen = applyPatch(record.frozen, {status: 'completed', canceled: true, completed_at: iso(now), updated_at: iso(now)});
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
			const defaults: RawRun = {
				id,
				sync_id: syncId,
				source_record_count: 1200,
				source_record_updates: 120,
				source_record_deletes: 0,
				source_record_invalids: 0,
				records_invalid: 0,
				records_processed: 120,
				records_updated: 120,
				records_failed: 0,
				created_at: iso(now - 60_000),
				updated_at: iso(now),
				completed_at: iso(now),
				scheduled_execution_time: null,
				error_code: null,
				error_message: null,
				error_detail: null,
				status: 'completed',
				canceled: false,
				full_sync: false,
				current_step: GENERIC_STEP,
				sync_trigger_reason: {ui_tag: 'Manual', ui_detail: `Manually triggered by ${TEAMMATES[0] ?? 'someone'}`},
			};
			const frozen = {...applyPatch(defaults, partial), id, sync_id: syncId};
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
