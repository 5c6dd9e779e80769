import {describe, expect, it} from 'vitest';
import {EXIT_OK, EXIT_RUN_NOT_COMPLETED, EXIT_TIMEOUT} from '../../../source/cli/exit-codes.js';
import type {RunPhase} from '../../../source/runs/status.js';
import {exitStatusCode, onceExitCode, runVerdict, summarizeVerdicts} from '../../../source/cli/modes/verdict.js';

const runs = (...phases: RunPhase[]) => phases.map((phase, index) => ({id: index + 1, phase}));
const wait = {failFast: false, timedOut: false};

describe('runVerdict', () => {
	it.each([
		['completed', 'completed'],
		['failed', 'not_completed'],
		['skipped', 'not_completed'],
		['canceled', 'not_completed'],
		['not_found', 'not_completed'],
		['queued', 'pending'],
		['working', 'pending'],
		['canceling', 'pending'],
		['unknown', 'pending'],
	] as const)('%s is %s', (phase, verdict) => {
		expect(runVerdict(phase)).toBe(verdict);
	});
});

describe('--ignore-skipped', () => {
	it('counts a skipped run as completed, and only a skipped one', () => {
		expect(runVerdict('skipped', {ignoreSkipped: true})).toBe('completed');
		expect(runVerdict('canceled', {ignoreSkipped: true})).toBe('not_completed');
		const summary = summarizeVerdicts(runs('completed', 'skipped'), {ignoreSkipped: true});
		expect(summary.allCompleted).toBe(true);
		expect(summary.ignoredSkipped).toEqual([2]);
		expect(exitStatusCode(summary, wait)).toBe(EXIT_OK);
		expect(exitStatusCode(summarizeVerdicts(runs('completed', 'skipped')), wait)).toBe(EXIT_RUN_NOT_COMPLETED);
	});
});

describe('summarizeVerdicts', () => {
	it('sorts run ids by verdict in the order given', () => {
		const summary = summarizeVerdicts([
			{id: 9, phase: 'failed'},
			{id: 3, phase: 'completed'},
			{id: 7, phase: 'working'},
			{id: 1, phase: 'canceled'},
		]);
		expect(summary).toEqual({
			completed: [3],
			ignoredSkipped: [],
			notCompleted: [9, 1],
			pending: [7],
			allEnded: false,
			allCompleted: false,
			anyNotCompleted: true,
		});
	});

	it('counts no runs as all ended and all completed', () => {
		expect(summarizeVerdicts([])).toMatchObject({allEnded: true, allCompleted: true, anyNotCompleted: false});
	});
});

describe('exitStatusCode', () => {
	it('is 0 when every run completed', () => {
		expect(exitStatusCode(summarizeVerdicts(runs('completed', 'completed')), wait)).toBe(EXIT_OK);
	});

	it.each(['failed', 'canceled', 'skipped', 'not_found'] as const)('is 1 when every run ended and one is %s', phase => {
		expect(exitStatusCode(summarizeVerdicts(runs('completed', phase)), wait)).toBe(EXIT_RUN_NOT_COMPLETED);
	});

	it('keeps waiting while a run is still going, even after another failed', () => {
		expect(exitStatusCode(summarizeVerdicts(runs('failed', 'working')), wait)).toBeNull();
		expect(exitStatusCode(summarizeVerdicts(runs('queued')), wait)).toBeNull();
		expect(exitStatusCode(summarizeVerdicts(runs('unknown')), wait)).toBeNull();
	});

	it('with fail-fast, is 1 as soon as one run did not complete', () => {
		expect(exitStatusCode(summarizeVerdicts(runs('failed', 'working')), {failFast: true, timedOut: false})).toBe(EXIT_RUN_NOT_COMPLETED);
	});

	it('with fail-fast, still waits while nothing has failed', () => {
		expect(exitStatusCode(summarizeVerdicts(runs('completed', 'working')), {failFast: true, timedOut: false})).toBeNull();
	});

	it('is "still running" when the time ran out with a run still going', () => {
		expect(exitStatusCode(summarizeVerdicts(runs('completed', 'working')), {failFast: false, timedOut: true})).toBe(EXIT_TIMEOUT);
	});

	it('gives the verdict rather than a timeout when everything ended by then', () => {
		expect(exitStatusCode(summarizeVerdicts(runs('completed')), {failFast: false, timedOut: true})).toBe(EXIT_OK);
		expect(exitStatusCode(summarizeVerdicts(runs('failed')), {failFast: false, timedOut: true})).toBe(EXIT_RUN_NOT_COMPLETED);
	});
});

describe('onceExitCode', () => {
	it('is 0 when every run shown has ended, whatever the outcome', () => {
		expect(onceExitCode(summarizeVerdicts(runs('completed', 'failed', 'not_found')))).toBe(EXIT_OK);
	});

	it('is "still running" when a run shown has not ended', () => {
		expect(onceExitCode(summarizeVerdicts(runs('failed', 'working')))).toBe(EXIT_TIMEOUT);
	});
});
