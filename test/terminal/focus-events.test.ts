import {describe, expect, it} from 'vitest';
import {createFocusFilter} from '../../source/terminal/focus-events.js';

const ESC = '\u001B';

describe('focus filter', () => {
	it('takes focus-in and focus-out reports out of the input, in order', () => {
		const filter = createFocusFilter();
		expect(filter.push(`j${ESC}[Ok${ESC}[I${ESC}[A`)).toEqual({text: `jk${ESC}[A`, events: ['blur', 'focus']});
		expect(filter.holding()).toBe(false);
	});

	it('leaves other escape sequences alone, including SS3 keys that end in O or I', () => {
		const filter = createFocusFilter();
		expect(filter.push(`${ESC}OA${ESC}[1;5I${ESC}[5~`)).toEqual({text: `${ESC}OA${ESC}[1;5I${ESC}[5~`, events: []});
	});

	it('joins a report split after ESC [ with the next chunk', () => {
		const filter = createFocusFilter();
		expect(filter.push(`q${ESC}[`)).toEqual({text: 'q', events: []});
		expect(filter.holding()).toBe(true);
		expect(filter.push('O')).toEqual({text: '', events: ['blur']});
		expect(filter.holding()).toBe(false);
	});

	it('joins a report split after ESC, and gives a held tail back as keys when no report follows', () => {
		const filter = createFocusFilter();
		expect(filter.push(ESC)).toEqual({text: '', events: []});
		expect(filter.push('[I')).toEqual({text: '', events: ['focus']});
		expect(filter.push(ESC)).toEqual({text: '', events: []});
		expect(filter.flush()).toBe(ESC);
		expect(filter.holding()).toBe(false);
		expect(filter.push(`${ESC}[`)).toEqual({text: '', events: []});
		expect(filter.push('B')).toEqual({text: `${ESC}[B`, events: []});
	});
});
