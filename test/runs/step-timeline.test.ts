import {describe, expect, it} from 'vitest';
import {buildStepTimeline, START_GAP_THRESHOLD_MS} from '../../source/runs/step-timeline.js';
import {inFlightRun, STEP} from '../helpers/builders.js';
import {observe} from '../tui/screens/detail-pane.fixtures.js';

const marks = (timeline: ReturnType<typeof buildStepTimeline>): string[] => timeline.ordered.map(step => step.mark);

describe('buildStepTimeline', () => {
	it('marks the steps of a failed run done up to the step it failed at, and pending after it', () => {
		const observation = observe([
			{at: 0, step: STEP.columns},
			{at: 5000, step: STEP.fields},
			{at: 10_000, step: STEP.config},
			{at: 15_000, step: STEP.unload},
			{at: 20_000, step: STEP.unload, status: 'failed'},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({status: 'failed', currentStep: STEP.unload}), observation, now: 99_000});
		expect(marks(timeline)).toEqual(['done', 'done', 'done', 'failed-at', 'pending', 'pending', 'pending']);
		expect(timeline.reachedIndex).toBe(4);
		expect(timeline.ordered[0]).toMatchObject({firstSeenAt: 0, lastSeenAt: 0, observedMs: 5000, ongoing: false});
		expect(timeline.ordered[3]).toMatchObject({firstSeenAt: 15_000, lastSeenAt: 20_000, observedMs: 5000, ongoing: false});
		expect(timeline.ordered[4]).toMatchObject({firstSeenAt: null, observedMs: null});
	});

	it('marks the step a working run is on as current and lets its length grow with now', () => {
		const observation = observe([
			{at: 0, step: STEP.unload},
			{at: 5000, step: STEP.load},
			{at: 10_000, step: STEP.load},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({currentStep: STEP.load}), observation, now: 17_000});
		expect(marks(timeline)).toEqual(['done', 'done', 'done', 'done', 'current', 'pending', 'pending']);
		expect(timeline.ordered[4]).toMatchObject({firstSeenAt: 5000, observedMs: 12_000, ongoing: true});
		expect(timeline.ordered[3]).toMatchObject({observedMs: 5000, ongoing: false});
	});

	it('marks every step of a completed run done and lists nothing after step 7, though Census says "Running Sync"', () => {
		const observation = observe([
			{at: 0, step: STEP.load},
			{at: 5000, step: 'Running Sync', status: 'completed'},
			{at: 70_000, step: 'Running Sync', status: 'completed'},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({status: 'completed', currentStep: 'Running Sync'}), observation, now: 80_000});
		expect(marks(timeline)).toEqual(Array.from({length: 7}, () => 'done'));
		expect(timeline.offOrder).toEqual([]);
		// The step before "Running Sync" ends where the run was seen to have moved on, and nothing grows.
		expect(timeline.ordered[4]).toMatchObject({observedMs: 5000, ongoing: false});
		expect(timeline.ordered.every(step => !step.ongoing)).toBe(true);
	});

	it('puts the failed-at mark on the last ordered step seen when a failed run ended showing "Running sync"', () => {
		const observation = observe([
			{at: 0, step: STEP.load},
			{at: 5000, step: 'Running Sync', status: 'failed'},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({status: 'failed', currentStep: 'Running Sync'}), observation, now: 9000});
		expect(marks(timeline)).toEqual(['done', 'done', 'done', 'done', 'failed-at', 'pending', 'pending']);
		expect(timeline.offOrder).toEqual([]);
	});

	it('still lists "Running sync" while a run moves', () => {
		const observation = observe([
			{at: 0, step: STEP.load},
			{at: 5000, step: 'Running Sync'},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({status: 'working', currentStep: 'Running Sync'}), observation, now: 9000});
		expect(timeline.offOrder).toEqual([expect.objectContaining({kind: 'generic', mark: 'current', ongoing: true, observedMs: 4000})]);
	});

	it('marks the step a canceling run is on as current and lets it grow: it has not ended', () => {
		const observation = observe([{at: 0, step: STEP.load}]);
		const timeline = buildStepTimeline({run: inFlightRun({status: 'working', canceled: true, completedAt: null, currentStep: STEP.load}), observation, now: 9000});
		expect(timeline.phase).toBe('canceling');
		expect(timeline.ordered[4]).toMatchObject({mark: 'current', ongoing: true, observedMs: 9000});
	});

	it('lists an unknown step verbatim and sanitised, without a place in the order', () => {
		const hostile = 'Reticulating \u001b]0;pwned\u0007splines\u009b2J';
		const observation = observe([
			{at: 0, step: STEP.config},
			{at: 5000, step: hostile},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({currentStep: hostile}), observation, now: 8000});
		expect(marks(timeline)).toEqual(['done', 'done', 'done', 'pending', 'pending', 'pending', 'pending']);
		expect(timeline.offOrder).toEqual([
			expect.objectContaining({kind: 'unknown', name: 'Reticulating splines', mark: 'current', observedMs: 3000, ongoing: true}),
		]);
	});

	it('gives "between" bounds only when the gap before a first sighting is wider than the threshold', () => {
		const wide = START_GAP_THRESHOLD_MS + 1;
		const observation = observe([
			{at: 0, step: STEP.unload},
			{at: 5000, step: STEP.load},
			{at: 5000 + wide, step: STEP.commitDest},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({currentStep: STEP.commitDest}), observation, now: 5000 + wide});
		expect(timeline.ordered[4]?.startedBetween).toBeNull();
		expect(timeline.ordered[5]?.startedBetween).toEqual({after: 5000, by: 5000 + wide});
		expect(timeline.ordered[3]?.startedBetween).toBeNull();
	});

	it('takes a custom gap threshold', () => {
		const observation = observe([
			{at: 0, step: STEP.unload},
			{at: 5000, step: STEP.load},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({currentStep: STEP.load}), observation, now: 5000, gapThresholdMs: 4000});
		expect(timeline.ordered[4]?.startedBetween).toEqual({after: 0, by: 5000});
	});

	it('marks the earlier steps of a run first seen already failed done, without times it never saw', () => {
		const observation = observe([{at: 1000, step: STEP.load, status: 'failed'}]);
		const timeline = buildStepTimeline({run: inFlightRun({status: 'failed', currentStep: STEP.load}), observation, now: 60_000});
		expect(marks(timeline)).toEqual(['done', 'done', 'done', 'done', 'failed-at', 'pending', 'pending']);
		expect(timeline.ordered[0]).toMatchObject({firstSeenAt: null, observedMs: null});
		expect(timeline.ordered[4]).toMatchObject({firstSeenAt: 1000, startedBetween: null, observedMs: null});
	});

	it('uses the run\'s current step when there is no observation yet', () => {
		const timeline = buildStepTimeline({run: inFlightRun({currentStep: STEP.fields}), observation: undefined, now: 0});
		expect(marks(timeline)).toEqual(['done', 'current', 'pending', 'pending', 'pending', 'pending', 'pending']);
		expect(timeline.ordered[1]).toMatchObject({firstSeenAt: null, observedMs: null, ongoing: true});
	});

	it('marks the step a canceled run stopped at as stopped-at', () => {
		const observation = observe([{at: 0, step: STEP.unload, status: 'completed'}]);
		const run = inFlightRun({status: 'completed', canceled: true, currentStep: STEP.unload});
		expect(marks(buildStepTimeline({run, observation, now: 0}))).toEqual([
			'done',
			'done',
			'done',
			'stopped-at',
			'pending',
			'pending',
			'pending',
		]);
	});

	it('leaves every step pending for a run without data and for a skipped run that never started', () => {
		expect(marks(buildStepTimeline({run: null, observation: undefined, now: 0}))).toEqual(Array.from({length: 7}, () => 'pending'));
		const skipped = buildStepTimeline({run: inFlightRun({status: 'skipped', currentStep: null}), observation: undefined, now: 0});
		expect(marks(skipped)).toEqual(Array.from({length: 7}, () => 'pending'));
		expect(skipped.offOrder).toEqual([]);
		expect(skipped.phase).toBe('skipped');
	});

	it('matches steps whatever their case and spacing', () => {
		const timeline = buildStepTimeline({run: inFlightRun({currentStep: '  UNLOADING data   from warehouse '}), observation: undefined, now: 0});
		expect(timeline.reachedIndex).toBe(4);
		expect(timeline.offOrder).toEqual([]);
	});

	it('keeps a step the API went back to current, keeps the step in between done, and sums the visits', () => {
		const observation = observe([
			{at: 0, step: STEP.unload},
			{at: 5000, step: STEP.load},
			{at: 7000, step: STEP.unload},
		]);
		const timeline = buildStepTimeline({run: inFlightRun({currentStep: STEP.unload}), observation, now: 10_000});
		expect(marks(timeline)).toEqual(['done', 'done', 'done', 'current', 'done', 'pending', 'pending']);
		expect(timeline.ordered[3]).toMatchObject({firstSeenAt: 0, lastSeenAt: 7000, observedMs: 5000 + 3000, ongoing: true});
	});

	it('reports the run as not found', () => {
		const timeline = buildStepTimeline({run: null, observation: undefined, notFound: true, now: 0});
		expect(timeline.phase).toBe('not_found');
	});
});
