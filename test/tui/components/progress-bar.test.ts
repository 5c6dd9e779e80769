import {describe, expect, it} from 'vitest';
import {progressLine} from '../../../source/tui/components/progress-bar.js';
import type {RunProgress} from '../../../source/runs/run-figures.js';

const progress = (fields: Partial<RunProgress>): RunProgress => ({
	toSend: 100,
	processed: 40,
	updated: 40,
	failed: 0,
	fraction: 0.4,
	failedShare: 0,
	ended: false,
	...fields,
});

describe('progressLine', () => {
	it('fills a moving run\'s bar as far as it has sent of what it has to send', () => {
		expect(progressLine(progress({}), 'working', 30, true)).toEqual({bar: {done: '######-----------', failed: ''}, label: '40/100 40%'});
	});

	it('never draws a partial bar for an ended run: full, with the rejected share at its end', () => {
		const done = progressLine(progress({processed: 14, toSend: 14, updated: 13, failed: 1, fraction: 1, failedShare: 1 / 14, ended: true}), 'completed', 40, true);
		expect(done).toEqual({bar: {done: '#'.repeat(16), failed: 'x'}, label: '14/14 100% x1 failed'});
		const stopped = progressLine(progress({fraction: 0.4, ended: true}), 'canceled', 30, false);
		expect(stopped.bar).toEqual({done: '█'.repeat(17), failed: ''});
	});

	it('draws a failed run\'s whole bar as its failure, counts unknown or not', () => {
		const failed = progressLine(progress({toSend: null, processed: null, failed: null, fraction: null, failedShare: null, ended: true}), 'failed', 20, false);
		expect(failed).toEqual({bar: {done: '', failed: '▒'.repeat(12)}, label: '—/— —'});
	});

	it('keeps the numbers and drops the bar on a narrow pane', () => {
		expect(progressLine(progress({}), 'working', 12, false)).toEqual({bar: null, label: '40/100 40%'});
	});
});
