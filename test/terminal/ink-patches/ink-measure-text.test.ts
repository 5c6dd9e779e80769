import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import inkMeasureText from '../../../node_modules/ink/build/measure-text.js';
import measureText, {measuredTexts} from '../../../source/terminal/ink-patches/measure-text.js';

// The bundle replaces Ink's measureText with ours (rolldown.config.js): the same sizes, a bounded cache.

describe('measureText (the bundle’s replacement for Ink’s)', () => {
	it('measures every text as Ink’s does', () => {
		const piece = fc.constantFrom('a', 'run 1003', ' ', '数据', '🚀', 'e\u0301', '\n', '\u001B[31m', '\u001B[39m', '│');
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 12}).map(parts => parts.join('')), text => {
				expect(measureText(text)).toEqual(inkMeasureText(text));
			}),
			{numRuns: 500},
		);
	});

	it('forgets what it measured instead of keeping every text (a ticking clock makes a new one a second)', () => {
		for (let second = 0; second < 10_000; second++) measureText(`updated ${second}s ago`);
		expect(measuredTexts()).toBeGreaterThan(0);
		expect(measuredTexts()).toBeLessThanOrEqual(2000);
	});
});
