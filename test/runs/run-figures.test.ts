import {describe, expect, it} from 'vitest';
import type {SyncRun} from '../../source/census/types.js';
import {lastOrderedStepSeen, runDurationMs, runEndAt, runProgress, runStepPlace} from '../../source/runs/run-figures.js';
import {runPhase} from '../../source/runs/status.js';
import {STEPS} from '../../source/runs/steps.js';
import {inFlightRun, RUN_94_COUNTS, STEP} from '../helpers/builders.js';

// Fixed dates and a fixed "now", hours after them: an ended run's figures must not move with it.
const NOW = Date.parse('2026-11-29T18:00:00.000Z');
const CREATED = '2026-11-29T10:00:00.000Z';

const figures = (fields: Partial<SyncRun>) => {
	const run = inFlightRun({createdAt: CREATED, ...fields});
	const phase = runPhase(run);
	return {run, phase, progress: runProgress(run, phase)};
};

describe('runProgress', () => {
	it('counts the work as updates + deletes, not the source count (the reference\'s run 94)', () => {
		const {progress} = figures({status: 'completed', ...RUN_94_COUNTS});
		expect(progress).toEqual({toSend: 14, processed: 14, updated: 13, failed: 1, fraction: 1, failedShare: 1 / 14, ended: true});
	});

	it('gives a completed run with a large source and few changes its whole share, not 2%', () => {
		const {progress} = figures({status: 'completed', sourceRecordCount: 145_921, sourceRecordUpdates: 3500, sourceRecordDeletes: 39, recordsProcessed: 3539});
		expect(progress.fraction).toBe(1);
	});

	it('keeps unknown parts unknown, never zero', () => {
		expect(figures({sourceRecordUpdates: null, sourceRecordDeletes: 2, recordsProcessed: 1}).progress).toMatchObject({toSend: null, fraction: null});
		expect(figures({recordsProcessed: null}).progress).toMatchObject({toSend: 203, processed: null, fraction: null, failedShare: null});
	});

	it('calls a completed run with nothing to send done, and a working one with nothing yet unknown', () => {
		expect(figures({status: 'completed', sourceRecordUpdates: 0, sourceRecordDeletes: 0, recordsProcessed: 0}).progress.fraction).toBe(1);
		expect(figures({status: 'working', sourceRecordUpdates: 0, sourceRecordDeletes: 0, recordsProcessed: 0}).progress.fraction).toBeNull();
	});

	it('never goes past the whole', () => {
		expect(figures({sourceRecordUpdates: 10, sourceRecordDeletes: 0, recordsProcessed: 12}).progress.fraction).toBe(1);
	});
});

describe('runEndAt and runDurationMs', () => {
	it('ends a run at completed_at', () => {
		const {run, phase} = figures({status: 'completed', completedAt: '2026-11-29T10:03:05.000Z', updatedAt: '2026-11-29T10:03:06.000Z'});
		expect(runEndAt(run, phase)).toBe(Date.parse('2026-11-29T10:03:05.000Z'));
		expect(runDurationMs(run, phase, NOW)).toBe(185_000);
	});

	it('ends a failed run without completed_at at updated_at, whatever the time now', () => {
		const {run, phase} = figures({status: 'failed', completedAt: null, updatedAt: '2026-11-29T10:01:13.000Z'});
		expect(runDurationMs(run, phase, NOW)).toBe(73_000);
		expect(runDurationMs(run, phase, NOW + 86_400_000)).toBe(73_000);
	});

	it('lets a moving run, a canceling one included, run to now', () => {
		for (const fields of [{status: 'working'}, {status: 'queued'}, {status: 'working', canceled: true}]) {
			const {run, phase} = figures({...fields, completedAt: null});
			expect(runEndAt(run, phase)).toBeNull();
			expect(runDurationMs(run, phase, NOW)).toBe(8 * 3_600_000);
		}
	});

	it('has no duration without a readable created_at', () => {
		const {run, phase} = figures({createdAt: null, status: 'completed'});
		expect(runDurationMs(run, phase, NOW)).toBeNull();
	});
});

describe('runStepPlace', () => {
	const place = (fields: Partial<SyncRun>, seen: number | null = null) => {
		const run = inFlightRun(fields);
		return runStepPlace(run, runPhase(run), seen);
	};

	it('says done for a completed run, whatever current_step says', () => {
		expect(place({status: 'completed', currentStep: 'Running Sync'})).toEqual({kind: 'done'});
		expect(place({status: 'completed', currentStep: STEP.load})).toEqual({kind: 'done'});
	});

	it('gives the step a failed or canceled run ended at, from current_step or else from what the polls saw', () => {
		expect(place({status: 'failed', currentStep: STEP.unload})).toEqual({kind: 'ordered', step: STEPS[3], ended: true});
		expect(place({status: 'failed', currentStep: 'Running sync'}, 5)).toEqual({kind: 'ordered', step: STEPS[4], ended: true});
		expect(place({status: 'completed', canceled: true, currentStep: 'RUNNING SYNC'}, 2)).toEqual({kind: 'ordered', step: STEPS[1], ended: true});
		expect(place({status: 'failed', currentStep: 'Running sync'})).toEqual({kind: 'none'});
	});

	it('shows "Running sync" only while the run moves', () => {
		expect(place({status: 'working', currentStep: 'Running Sync'})).toEqual({kind: 'generic', name: 'Running Sync', short: 'Running'});
		expect(place({status: 'skipped', currentStep: 'Running Sync'})).toEqual({kind: 'none'});
	});
});

describe('lastOrderedStepSeen', () => {
	it('is the last of the seven steps among the sightings, past generic and unknown ones', () => {
		expect(lastOrderedStepSeen([{step: STEP.unload}, {step: STEP.load}, {step: 'Running Sync'}, {step: 'Reticulating'}])).toBe(5);
		expect(lastOrderedStepSeen([{step: 'Running Sync'}])).toBeNull();
		expect(lastOrderedStepSeen(undefined)).toBeNull();
	});
});
