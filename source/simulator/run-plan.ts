// A run's whole life is decided when it starts (its plan); what the API shows at any moment is a pure
// function of the plan and the time elapsed. So the world never has to tick working runs forward, and a
// jump of a day costs no more than the runs it creates.
import {between, intBetween, mulberry32, type Random} from './random.js';
import {FAILURES, REJECTIONS, type ErrorContext, type RunError} from './run-errors.js';

/** current_step values in the order Census lists them, which is the order a run goes through. */
export const RUN_STEPS = [
	'Checking for columns to remove from the sync',
	'Checking for fields to create in destination',
	'Checking source and destination configuration',
	'Unloading data from warehouse',
	'Loading data into destination service',
	'Committing data to destination service',
	'Committing sync to warehouse',
] as const;

/**
 * The generic step Census keeps on finished runs (its reference's run 94 is completed with it), in the two
 * spellings its examples use.
 */
export const GENERIC_STEP = 'Running Sync';
export const GENERIC_STEP_LOWER = 'Running sync';

/** How long a run asked to cancel goes on (still queued or working, with `canceled: true`) before it ends. */
export const CANCEL_GRACE_MS = 4000;

const UNLOAD = 3;
const LOAD = 4;

/** How often counts move while a run unloads or loads. */
const COUNT_TICK_MS = 1000;

/** How runs end: `rejected` is a completed run whose destination refused some records. */
export type Outcome = 'completed' | 'rejected' | 'failed';

export type OutcomeWeights = Readonly<Record<Outcome, number>>;

export type RunCounts = {
	source_record_count: number;
	source_record_updates: number;
	source_record_deletes: number;
	source_record_invalids: number;
	records_processed: number;
	records_updated: number;
	records_failed: number;
};

export type NullableCounts = {[K in keyof RunCounts]: number | null};

export type RunPlan = {
	outcome: Outcome;
	/** Offsets from creation (ms) at which each step starts; the first is the end of the queued phase. */
	stepStarts: readonly number[];
	/** Offset at which the run ends (for a failed run, inside the step it fails at). */
	endOffset: number;
	/** Index of the step a failed run stops at, or null. */
	failStep: number | null;
	/** current_step once the run has ended. */
	finalStep: string;
	totals: RunCounts;
	/** Why it failed or rejected records; the text is built only when read (see planError). */
	error: {kind: 'failure' | 'rejection'; index: number; seed: number} | null;
	/** A failed run that reads `completed_at: null` once ended (as the published run 93 does). */
	failsWithoutCompletedAt: boolean;
	/** The status the run ends with if it is canceled: Census shows canceled runs as either. */
	canceledStatus: 'completed' | 'failed';
};

export type PlanProfile = {
	/** Range of a run's length, queued phase included. */
	durationMs: readonly [number, number];
	sourceSize: number;
	/** Whether deletes in the source reach the destination (mirror syncs). */
	mirror: boolean;
	outcomeWeights: OutcomeWeights;
	errorContext: Omit<ErrorContext, 'random'>;
};

/** The error of an ended run, rebuilt from its plan (the same text at every read). */
export function planError(plan: RunPlan, context: Omit<ErrorContext, 'random'>): RunError | null {
	const error = plan.error;
	if (error === null) {
		return null;
	}

	const withRandom: ErrorContext = {...context, random: mulberry32(error.seed)};
	if (error.kind === 'failure') {
		return FAILURES[error.index]?.build(withRandom) ?? null;
	}

	return REJECTIONS[error.index]?.build(withRandom, plan.totals.records_failed) ?? null;
}

const STEP_WEIGHTS = [0.04, 0.05, 0.06, 0.25, 0.42, 0.12, 0.06];
const MIN_STEP_MS = 300;

function stepStarts(random: Random, queuedMs: number, workingMs: number): number[] {
	const weights = STEP_WEIGHTS.map(weight => weight * between(random, 0.6, 1.4));
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	const starts = [queuedMs];
	let at = queuedMs;
	for (const weight of weights) {
		at += Math.max(MIN_STEP_MS, Math.round((workingMs * weight) / total));
		starts.push(at);
	}

	return starts;
}

function plannedTotals(random: Random, profile: PlanProfile, fullSync: boolean, outcome: Outcome): RunCounts {
	const source = Math.max(1, Math.round(profile.sourceSize * between(random, 0.98, 1.02)));
	const changed = fullSync ? source : Math.floor(source * between(random, 0.002, 0.06));
	const updates = outcome === 'rejected' ? Math.max(changed, Math.min(source, 20)) : changed;
	const deletes = profile.mirror ? Math.floor(source * between(random, 0, 0.004)) : 0;
	// As in the reference's run 94 (15 in the source: 12 updated, 2 deleted, 1 invalid; 14 processed), the
	// invalid records are skipped apart from the changes found, and every change found is processed.
	const invalids = Math.min(Math.max(0, source - updates - deletes), Math.floor(updates * between(random, 0, 0.003)));
	const processed = updates + deletes;
	const failed = outcome === 'rejected' ? Math.max(1, Math.floor(processed * between(random, 0.0005, 0.04))) : 0;
	return {
		source_record_count: source,
		source_record_updates: updates,
		source_record_deletes: deletes,
		source_record_invalids: invalids,
		records_processed: processed,
		records_updated: processed - failed,
		records_failed: failed,
	};
}

function drawOutcome(random: Random, weights: OutcomeWeights): Outcome {
	const completed = Math.max(0, weights.completed);
	const rejected = Math.max(0, weights.rejected);
	const roll = random() * (completed + rejected + Math.max(0, weights.failed));
	if (roll < completed) {
		return 'completed';
	}

	return roll < completed + rejected ? 'rejected' : 'failed';
}

export function planRun(
	random: Random,
	profile: PlanProfile,
	{fullSync, outcome: forced, failsWithoutCompletedAt}: {fullSync: boolean; outcome?: Outcome; failsWithoutCompletedAt?: boolean},
): RunPlan {
	const outcome = forced ?? drawOutcome(random, profile.outcomeWeights);
	const durationMs = Math.round(between(random, profile.durationMs[0], profile.durationMs[1]));
	const queuedMs = intBetween(random, 200, Math.max(200, Math.min(2500, Math.floor(durationMs * 0.05))));
	const starts = stepStarts(random, queuedMs, Math.max(0, durationMs - queuedMs));
	const totals = plannedTotals(random, profile, fullSync, outcome);
	const lastStart = starts.at(-1) ?? queuedMs;
	const errorSeed = Math.floor(random() * 4_294_967_296);
	// Quirks of how Census reports an ended run, taken from bits of the error seed rather than from new
	// draws, so that the runs drawn after this one stay what they were.
	const quirks = {
		failsWithoutCompletedAt: failsWithoutCompletedAt ?? errorSeed % 3 === 0,
		canceledStatus: (errorSeed >>> 4) % 4 === 0 ? ('failed' as const) : ('completed' as const),
	};
	const genericStepOnFailure = (errorSeed >>> 8) % 2 === 0;

	if (outcome === 'failed') {
		const index = Math.floor(random() * FAILURES.length);
		const step = FAILURES[index]?.step ?? 0;
		const from = starts[step] ?? queuedMs;
		const to = starts[step + 1] ?? lastStart;
		return {
			outcome,
			stepStarts: starts,
			endOffset: Math.round(from + (to - from) * between(random, 0.3, 0.9)),
			failStep: step,
			finalStep: genericStepOnFailure ? GENERIC_STEP_LOWER : (RUN_STEPS[step] ?? GENERIC_STEP),
			totals,
			error: {kind: 'failure', index, seed: errorSeed},
			...quirks,
		};
	}

	return {
		outcome,
		stepStarts: starts,
		endOffset: lastStart,
		failStep: null,
		finalStep: random() < 0.75 ? GENERIC_STEP : GENERIC_STEP_LOWER,
		totals,
		error: outcome === 'rejected' ? {kind: 'rejection', index: Math.floor(random() * REJECTIONS.length), seed: errorSeed} : null,
		...quirks,
	};
}

export type RunState = {
	status: 'queued' | 'working' | 'completed' | 'failed';
	canceled: boolean;
	/** null while queued. */
	currentStep: string | null;
	counts: NullableCounts;
	/** Offset from creation of the last visible change. */
	updatedOffset: number;
	completedOffset: number | null;
	/** Whether the run shows its plan's error (see planError). */
	showsError: boolean;
};

const NO_COUNTS: NullableCounts = {
	source_record_count: null,
	source_record_updates: null,
	source_record_deletes: null,
	source_record_invalids: null,
	records_processed: null,
	records_updated: null,
	records_failed: null,
};

/** Index of the step under way at `offset`, or -1 while queued. */
function stepAt(plan: RunPlan, offset: number): number {
	let index = -1;
	for (let step = 0; step < RUN_STEPS.length; step += 1) {
		if ((plan.stepStarts[step] ?? Number.POSITIVE_INFINITY) <= offset) {
			index = step;
		}
	}

	return index;
}

/** How far through a step the counts have got, moving in whole ticks. */
function progress(plan: RunPlan, step: number, offset: number): {fraction: number; changedAt: number} {
	const start = plan.stepStarts[step] ?? 0;
	const length = (plan.stepStarts[step + 1] ?? start) - start;
	const elapsed = Math.floor((offset - start) / COUNT_TICK_MS) * COUNT_TICK_MS;
	return {fraction: length > 0 ? Math.min(1, elapsed / length) : 1, changedAt: start + Math.min(elapsed, length)};
}

function countsAt(plan: RunPlan, step: number, offset: number): {counts: NullableCounts; changedAt: number} {
	const {totals} = plan;
	const stepStart = plan.stepStarts[Math.max(0, step)] ?? 0;
	if (step < UNLOAD) {
		return {counts: NO_COUNTS, changedAt: step < 0 ? 0 : stepStart};
	}

	if (step === UNLOAD) {
		const {fraction, changedAt} = progress(plan, step, offset);
		return {
			counts: {
				...NO_COUNTS,
				source_record_count: totals.source_record_count,
				source_record_updates: Math.floor(totals.source_record_updates * fraction),
				source_record_deletes: Math.floor(totals.source_record_deletes * fraction),
				source_record_invalids: Math.floor(totals.source_record_invalids * fraction),
			},
			changedAt,
		};
	}

	if (step === LOAD) {
		const {fraction, changedAt} = progress(plan, step, offset);
		const processed = Math.floor(totals.records_processed * fraction);
		const failed = Math.min(processed, Math.floor(totals.records_failed * fraction));
		return {
			counts: {...totals, records_processed: processed, records_updated: processed - failed, records_failed: failed},
			changedAt,
		};
	}

	return {counts: totals, changedAt: stepStart};
}

/** Offset at which a run canceled at `canceledOffset` ends: after the grace, or at its planned end if sooner. */
export const canceledEndOffset = (plan: RunPlan, canceledOffset: number): number => Math.min(plan.endOffset, canceledOffset + CANCEL_GRACE_MS);

/**
 * What the API shows `offset` ms after the run was created; `canceledOffset` when a cancel was asked for.
 * A canceled run first reads as it was when asked, still queued or working but `canceled: true`, and
 * then ends at that step with the counts it had, `completed` or `failed` (Census has no canceled status).
 */
export function runStateAt(plan: RunPlan, offset: number, canceledOffset: number | null = null): RunState {
	if (canceledOffset !== null && canceledOffset < plan.endOffset && canceledOffset <= offset) {
		const step = stepAt(plan, canceledOffset);
		const endOffset = canceledEndOffset(plan, canceledOffset);
		const ended = offset >= endOffset;
		const movingStatus = step < 0 ? 'queued' : 'working';
		return {
			status: ended ? plan.canceledStatus : movingStatus,
			canceled: true,
			currentStep: step < 0 ? null : (RUN_STEPS[step] ?? null),
			counts: countsAt(plan, step, canceledOffset).counts,
			updatedOffset: ended ? endOffset : canceledOffset,
			completedOffset: ended ? endOffset : null,
			showsError: false,
		};
	}

	if (offset >= plan.endOffset) {
		const failStep = plan.failStep;
		return {
			status: plan.outcome === 'failed' ? 'failed' : 'completed',
			canceled: false,
			currentStep: plan.finalStep,
			counts: failStep === null ? plan.totals : countsAt(plan, failStep, plan.endOffset).counts,
			// 2 ms after completed_at, as in Census's examples; when completed_at is null, when it ended.
			updatedOffset: plan.endOffset + 2,
			completedOffset: plan.outcome === 'failed' && plan.failsWithoutCompletedAt ? null : plan.endOffset,
			showsError: plan.error !== null,
		};
	}

	const step = stepAt(plan, offset);
	const {counts, changedAt} = countsAt(plan, step, offset);
	return {
		status: step < 0 ? 'queued' : 'working',
		canceled: false,
		currentStep: step < 0 ? null : (RUN_STEPS[step] ?? null),
		counts,
		updatedOffset: changedAt,
		completedOffset: null,
		showsError: false,
	};
}
