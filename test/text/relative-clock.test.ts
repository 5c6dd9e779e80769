import {describe, expect, it} from 'vitest';
import {agoText, durationText, onGrid} from '../../source/text/relative-clock.js';

const T0 = Date.parse('2026-11-29T10:00:00.000Z');

describe('onGrid', () => {
	it('rounds up to whole seconds for second-level texts and to 15 s for coarser ones', () => {
		expect(onGrid(T0 + 1200, 1000)).toBe(T0 + 2000);
		expect(onGrid(T0 + 2000, 1000)).toBe(T0 + 2000);
		expect(onGrid(T0 + 61_000, 60_000)).toBe(T0 + 75_000);
	});
});

describe('agoText', () => {
	it('says just now for 10 s and changes next at 10 s', () => {
		expect(agoText(T0, T0 + 3000)).toEqual({text: 'just now', changesAt: T0 + 10_000});
	});

	it('changes in 10 s steps under a minute', () => {
		expect(agoText(T0, T0 + 42_500)).toEqual({text: '40s ago', changesAt: T0 + 50_000});
		expect(agoText(T0, T0 + 59_999)).toEqual({text: '50s ago', changesAt: T0 + 60_000});
	});

	it('changes at the next minute, on the 15 s grid, under an hour', () => {
		expect(agoText(T0 + 300, T0 + 3 * 60_000 + 20_000)).toEqual({text: '3m ago', changesAt: T0 + 4 * 60_000 + 15_000});
	});

	it('changes hourly under a day', () => {
		expect(agoText(T0, T0 + 2 * 3_600_000 + 5000)).toEqual({text: '2h ago', changesAt: T0 + 3 * 3_600_000});
	});

	it('never changes for an unknown time', () => {
		expect(agoText(null, T0)).toEqual({text: '—', changesAt: null});
	});
});

describe('durationText', () => {
	it('ticks each second while the run has no end', () => {
		expect(durationText(T0, null, T0 + 65_400)).toEqual({text: '1m 05s', changesAt: T0 + 66_000});
	});

	it('is fixed once the run has ended', () => {
		expect(durationText(T0, T0 + 125_000, T0 + 999_999)).toEqual({text: '2m 05s', changesAt: null});
	});

	it('changes per minute after an hour', () => {
		expect(durationText(T0, null, T0 + 3_600_000 + 90_000)).toEqual({text: '1h 01m', changesAt: T0 + 3_600_000 + 120_000});
	});
});
