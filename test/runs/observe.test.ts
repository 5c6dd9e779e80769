import {describe, expect, it} from 'vitest';
import type {SyncRun} from '../../source/census/types.js';
import {MAX_STEP_OBSERVATIONS, observeRun} from '../../source/runs/observe.js';
import {BARE, makeRun} from '../helpers/builders.js';

const run = (currentStep: string | null, recordsProcessed: number | null = null, status = 'working'): SyncRun =>
	makeRun(1, {...BARE, syncId: 2, status, currentStep, recordsProcessed});

describe('observeRun', () => {
	it('records when each step was first and last seen, and the poll before it began', () => {
		let observation = observeRun(undefined, run('Unloading data from warehouse'), 1000, false);
		observation = observeRun(observation, run('Unloading data from warehouse'), 6000, false);
		observation = observeRun(observation, run('Loading data into destination service'), 11_000, false);
		expect(observation.steps).toEqual([
			{step: 'Unloading data from warehouse', firstSeenAt: 1000, lastSeenAt: 6000, prevPollAt: null},
			{step: 'Loading data into destination service', firstSeenAt: 11_000, lastSeenAt: 11_000, prevPollAt: 6000},
		]);
	});

	it('keeps the timeline of a run seen ended as it was: later sightings (a list refresh) stretch nothing', () => {
		let observation = observeRun(undefined, run('Committing sync to warehouse'), 1000, false);
		observation = observeRun(observation, run('Running Sync', null, 'completed'), 6000, true);
		observation = observeRun(observation, run('Running Sync', null, 'completed'), 76_000, true);
		observation = observeRun(observation, run('Running Sync', null, 'completed'), 86_000, true);
		expect(observation.steps).toEqual([
			{step: 'Committing sync to warehouse', firstSeenAt: 1000, lastSeenAt: 1000, prevPollAt: null},
			{step: 'Running Sync', firstSeenAt: 6000, lastSeenAt: 6000, prevPollAt: 1000},
		]);
		expect(observation.endedAt).toBe(6000);
		expect(observation.lastPolledAt).toBe(86_000);
	});

	it('treats a step in another case as the same step', () => {
		let observation = observeRun(undefined, run('Running Sync'), 1000, false);
		observation = observeRun(observation, run('Running sync'), 2000, false);
		expect(observation.steps).toHaveLength(1);
		expect(observation.steps[0]?.lastSeenAt).toBe(2000);
	});

	it('moves lastProgressAt only when the step or a count moves', () => {
		let observation = observeRun(undefined, run('Loading data into destination service', 10), 1000, false);
		observation = observeRun(observation, run('Loading data into destination service', 10), 5000, false);
		expect(observation.lastProgressAt).toBe(1000);
		observation = observeRun(observation, run('Loading data into destination service', 11), 9000, false);
		expect(observation.lastProgressAt).toBe(9000);
	});

	it('remembers when the status changed and when the run was first seen ended', () => {
		let observation = observeRun(undefined, run('Committing sync to warehouse'), 1000, false);
		observation = observeRun(observation, run(null, null, 'completed'), 4000, true);
		observation = observeRun(observation, run(null, null, 'completed'), 9000, true);
		expect(observation.statusChangedAt).toBe(4000);
		expect(observation.endedAt).toBe(4000);
	});

	it('keeps the step history bounded when steps keep changing', () => {
		let observation = observeRun(undefined, run('a'), 0, false);
		for (let index = 1; index < 100; index++) observation = observeRun(observation, run(index % 2 ? 'b' : 'a'), index, false);
		expect(observation.steps).toHaveLength(MAX_STEP_OBSERVATIONS);
		expect(observation.steps.at(-1)?.firstSeenAt).toBe(99);
	});
});
