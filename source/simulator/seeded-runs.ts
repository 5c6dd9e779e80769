import {TEAMMATES} from './catalog.js';
import {historyDurationRange, historyShapeFor} from './history-shape.js';
import {pick, streamFor} from './random.js';
import {planRun} from './run-plan.js';
import type {RunRecord, TriggerReason} from './run-record.js';
import type {ResolvedWorldOptions} from './scenarios.js';
import type {SyncEntry} from './sync-entry.js';
import {STREAM} from './world-ids.js';

// The runs a sync has before the world starts: its past, and the runs under way at the start. Each sync's
// draws come from its own streams, so that the syncs do not shift one another.

/** A run that exists before the world starts; the world gives out ids once all are sorted by creation. */
export type Seeded = {entry: SyncEntry; createdAt: number; record: Omit<RunRecord, 'id' | 'syncId' | 'createdAt'>};

export type ForcedOutcome = 'completed' | 'failed' | 'rejected';

const manualTrigger = (random: () => number): TriggerReason => ({ui_tag: 'Manual', ui_detail: `Manually triggered by ${pick(random, TEAMMATES)}`});

/**
 * The sync's past runs, ending before `endBefore`, newest first. `forced`: the newest one's outcome;
 * `withSkip`: a run skipped while the newest one worked.
 */
export function pastRuns(config: ResolvedWorldOptions, entry: SyncEntry, endBefore: number, forced: ForcedOutcome | null, withSkip: boolean): Seeded[] {
	const period = entry.schedule?.periodMs ?? null;
	const random = streamFor(config.seed, STREAM.history, entry.index);
	const shape = historyShapeFor(config.seed, entry.index, config.history);
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
		const trigger = period === null ? manualTrigger(random) : entry.scheduledTrigger;
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

/** The sync's runs under way at the start, spread over their lives so that they sit at different steps. */
export function workingRuns(config: ResolvedWorldOptions, entry: SyncEntry): Seeded[] {
	const random = streamFor(config.seed, STREAM.working, entry.index);
	const seeded: Seeded[] = [];
	for (let k = 0; k < config.workingPerSync; k += 1) {
		const plan = planRun(random, entry.planProfile, {fullSync: random() < 0.05});
		const fraction = 0.05 + (0.85 * (k + random())) / config.workingPerSync;
		const createdAt = Math.floor(config.now - plan.endOffset * fraction);
		const manual = entry.schedule === null;
		seeded.push({
			entry,
			createdAt,
			record: {
				scheduledAt: manual ? null : createdAt - 350,
				fullSync: false,
				trigger: manual ? manualTrigger(random) : entry.scheduledTrigger,
				plan,
				canceledAt: null,
				frozen: null,
			},
		});
	}

	return seeded;
}
