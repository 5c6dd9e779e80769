import {describe, expect, it} from 'vitest';
import {classifyStep, GENERIC_STEP, STEP_COUNT, STEPS} from '../../source/runs/steps.js';
import {displayWidth} from '../../source/text/text.js';

describe('STEPS', () => {
	it('lists the seven steps in the reference order, as the API writes them', () => {
		expect(STEP_COUNT).toBe(7);
		expect(STEPS.map(step => step.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(STEPS.map(step => step.name)).toEqual([
			'Checking for columns to remove from the sync',
			'Checking for fields to create in destination',
			'Checking source and destination configuration',
			'Unloading data from warehouse',
			'Loading data into destination service',
			'Committing data to destination service',
			'Committing sync to warehouse',
		]);
	});

	it('has distinct short names of at most 12 cells', () => {
		const shorts = [...STEPS.map(step => step.short), GENERIC_STEP.short];
		for (const short of shorts) expect(displayWidth(short)).toBeLessThanOrEqual(12);
		expect(new Set(shorts).size).toBe(shorts.length);
	});
});

describe('classifyStep', () => {
	it('finds each ordered step by its exact name', () => {
		for (const step of STEPS) expect(classifyStep(step.name)).toEqual({kind: 'ordered', ...step});
	});

	it('ignores case and surrounding or repeated whitespace', () => {
		expect(classifyStep('  UNLOADING data   FROM warehouse\n')).toEqual({kind: 'ordered', index: 4, name: 'Unloading data from warehouse', short: 'Unload'});
	});

	it('recognises "Running sync" in either case as the generic step, keeping the name as given', () => {
		expect(classifyStep('Running Sync')).toEqual({kind: 'generic', name: 'Running Sync', short: 'Running'});
		expect(classifyStep('running sync')).toEqual({kind: 'generic', name: 'running sync', short: 'Running'});
	});

	it('keeps an unknown step verbatim, sanitised and trimmed', () => {
		expect(classifyStep('Reticulating splines')).toEqual({kind: 'unknown', name: 'Reticulating splines'});
		expect(classifyStep(' Evil\u001b]0;pwned\u0007 step ')).toEqual({kind: 'unknown', name: 'Evil step'});
	});

	it('does not match a step by prefix', () => {
		expect(classifyStep('Unloading data from warehouse 2').kind).toBe('unknown');
	});

	it('is none for null, undefined, empty and blank values, and for text that sanitises to nothing', () => {
		expect(classifyStep(null)).toEqual({kind: 'none'});
		expect(classifyStep(undefined)).toEqual({kind: 'none'});
		expect(classifyStep('')).toEqual({kind: 'none'});
		expect(classifyStep('  \t ')).toEqual({kind: 'none'});
		expect(classifyStep('\u001b[2J')).toEqual({kind: 'none'});
	});
});
