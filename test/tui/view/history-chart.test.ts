import {describe, expect, it} from 'vitest';
import {barChart, sparkline} from '../../../source/tui/view/history-chart.js';

describe('sparkline', () => {
	it('gives each value a level against the largest, a blank for zero and a dot for unknown', () => {
		expect(sparkline([1, 2, 4, 8, 0, null], false)).toBe('▁▂▄█ ·');
		expect(sparkline([1, 2, 4, 8, 0, null], true)).toBe('__-# :');
	});

	it('never draws a positive value as nothing, however small', () => {
		expect(sparkline([1, 1000], false)).toBe('▁█');
	});
});

describe('barChart', () => {
	it('stacks full blocks and puts the remainder on top, one column per value', () => {
		expect(barChart([1, 2, 3, 4], {rows: 2, columnWidth: 1, ascii: false})).toEqual(['  ▄█', '▄███']);
	});

	it('widens columns and draws ASCII without eighths', () => {
		expect(barChart([4, 2, null, 0], {rows: 2, columnWidth: 2, ascii: true})).toEqual(['##      ', '####::  ']);
	});
});
