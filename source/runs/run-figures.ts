import type {SyncRun} from '../census/types.js';
import type {StepObservation} from './observe.js';
import {parseIsoTime} from '../text/format.js';
import {isMovingPhase, isTerminalPhase, type RunPhase} from './status.js';
import {classifyStep, STEPS, type Step} from './steps.js';

// What a run's fields add up to, the same for every screen and output mode. The work of a run is what it
// found to send: source_record_updates + source_record_deletes (the reference's run 94: 15 in the source,
// 12 + 2 to send, 1 invalid, 14 processed of which 13 updated and 1 failed); the source count is context,
// not the goal. A run that no longer moves has a fixed duration: up to completed_at, or to updated_at when
// Census left completed_at null (a failed run can). Census leaves `current_step: "Running Sync"` on ended
// runs, so where an ended run stopped is the last of the seven steps known, never that generic step.

export type RunFigureFields = Pick<
	SyncRun,
	| 'createdAt'
	| 'updatedAt'
	| 'completedAt'
	| 'currentStep'
	| 'sourceRecordUpdates'
	| 'sourceRecordDeletes'
	| 'recordsProcessed'
	| 'recordsUpdated'
	| 'recordsFailed'
>;

/** When the run's duration stops growing (epoch ms); null while it moves or when Census gave no time. */
export function runEndAt(run: Pick<SyncRun, 'createdAt' | 'updatedAt' | 'completedAt'>, phase: RunPhase): number | null {
	const completed = parseIsoTime(run.completedAt);
	if (completed !== null) return completed;
	if (isMovingPhase(phase)) return null;
	return parseIsoTime(run.updatedAt) ?? parseIsoTime(run.createdAt);
}

/** created_at to the run's end, or to `now` while it moves; null without a readable created_at. */
export function runDurationMs(run: Pick<SyncRun, 'createdAt' | 'updatedAt' | 'completedAt'>, phase: RunPhase, now: number): number | null {
	const start = parseIsoTime(run.createdAt);
	if (start === null) return null;
	const end = runEndAt(run, phase) ?? (isMovingPhase(phase) ? now : null);
	return end === null ? null : Math.max(0, end - start);
}

export type RunProgress = {
	/** source_record_updates + source_record_deletes; null while either is unknown. */
	toSend: number | null;
	processed: number | null;
	updated: number | null;
	failed: number | null;
	/** processed of toSend, 0..1; 1 for a completed run with nothing to send; null when unknown. */
	fraction: number | null;
	/** Share of the processed records the destination rejected, 0..1; null when unknown. */
	failedShare: number | null;
	ended: boolean;
};

export function runProgress(run: RunFigureFields, phase: RunPhase): RunProgress {
	const updates = run.sourceRecordUpdates;
	const deletes = run.sourceRecordDeletes;
	const toSend = updates === null || deletes === null ? null : updates + deletes;
	const processed = run.recordsProcessed;
	const failed = run.recordsFailed;
	let fraction: number | null = null;
	if (toSend !== null && toSend > 0 && processed !== null) fraction = Math.min(1, processed / toSend);
	else if (toSend === 0 && phase === 'completed') fraction = 1;
	const failedShare = processed !== null && processed > 0 && failed !== null ? Math.min(1, failed / processed) : null;
	return {toSend, processed, updated: run.recordsUpdated, failed, fraction, failedShare, ended: isTerminalPhase(phase)};
}

/** The last of the seven steps the polls saw, as its index; null when none was seen. */
export function lastOrderedStepSeen(steps: readonly Pick<StepObservation, 'step'>[] | undefined): number | null {
	for (let index = (steps?.length ?? 0) - 1; index >= 0; index--) {
		const found = classifyStep(steps?.[index]?.step);
		if (found.kind === 'ordered') return found.index;
	}

	return null;
}

const stepAt = (index: number): Step => STEPS[index - 1] ?? {index, name: '', short: ''};

/** Where a run is, or where it ended. */
export type StepPlace =
	| {kind: 'done'}
	| {kind: 'ordered'; step: Step; ended: boolean}
	| {kind: 'generic'; name: string; short: string}
	| {kind: 'unknown'; name: string; ended: boolean}
	| {kind: 'none'};

/**
 * The step a moving run is on; for an ended run, 'done' when it completed, else the step it failed or
 * was canceled at: its current_step when that is one of the seven, else the last one the polls saw
 * (`seenIndex`). A generic "Running sync" is shown only while a run moves.
 */
export function runStepPlace(run: Pick<SyncRun, 'currentStep'>, phase: RunPhase, seenIndex: number | null = null): StepPlace {
	const step = classifyStep(run.currentStep);
	if (!isTerminalPhase(phase)) {
		if (step.kind === 'ordered') return {kind: 'ordered', step: stepAt(step.index), ended: false};
		if (step.kind === 'unknown') return {kind: 'unknown', name: step.name, ended: false};
		return step.kind === 'generic' ? {kind: 'generic', name: step.name, short: step.short} : {kind: 'none'};
	}

	if (phase === 'completed') return {kind: 'done'};
	if (phase === 'skipped') return {kind: 'none'};
	if (step.kind === 'ordered') return {kind: 'ordered', step: stepAt(step.index), ended: true};
	if (step.kind === 'unknown') return {kind: 'unknown', name: step.name, ended: true};
	const seen = seenIndex === null ? undefined : STEPS[seenIndex - 1];
	return seen === undefined ? {kind: 'none'} : {kind: 'ordered', step: seen, ended: true};
}
