import {describe, expect, it} from 'vitest';
import {createMouseFilter, DOUBLE_CLICK_MS, isDoubleClick, mouseEvent} from '../../source/terminal/mouse-events.js';

const ESC = '\u001B';

describe('mouse reports', () => {
	it('reads the wheel and a plain left press; ignores releases, other buttons, motion and anything with Shift', () => {
		expect(mouseEvent(64, 1, 2, true)).toEqual({kind: 'wheel', delta: -1, x: 1, y: 2});
		expect(mouseEvent(65, 1, 2, true)).toEqual({kind: 'wheel', delta: 1, x: 1, y: 2});
		expect(mouseEvent(0, 5, 6, true)).toEqual({kind: 'click', x: 5, y: 6});
		expect(mouseEvent(0, 5, 6, false)).toBeNull();
		expect(mouseEvent(2, 5, 6, true)).toBeNull();
		expect(mouseEvent(32, 5, 6, true)).toBeNull();
		expect(mouseEvent(4, 5, 6, true)).toBeNull();
		expect(mouseEvent(68, 5, 6, true)).toBeNull();
	});

	it('takes reports out of the input and keeps the keys around them', () => {
		const filter = createMouseFilter();
		expect(filter.push(`j${ESC}[<0;10;3Mk${ESC}[A`)).toEqual({text: `jk${ESC}[A`, events: [{kind: 'click', x: 10, y: 3}]});
	});

	it('writes the wheel back into the input in its place when asked (as arrow keys)', () => {
		const filter = createMouseFilter(delta => (delta === 1 ? 'v' : '^'));
		expect(filter.push(`a${ESC}[<64;1;1Mb${ESC}[<65;1;1M`)).toEqual({text: 'a^bv', events: []});
	});

	it('holds a report cut at the end of a chunk, and gives it back as input if nothing completes it', () => {
		const filter = createMouseFilter();
		expect(filter.push(`j${ESC}[<65;1`)).toEqual({text: 'j', events: []});
		expect(filter.holding()).toBe(true);
		expect(filter.push(';2M')).toEqual({text: '', events: [{kind: 'wheel', delta: 1, x: 1, y: 2}]});
		filter.push(`${ESC}[<1`);
		expect(filter.flush()).toBe(`${ESC}[<1`);
		expect(filter.holding()).toBe(false);
	});

	it('counts a second click on the same row within the limit as a double click', () => {
		const first = {x: 5, y: 4, at: 1000};
		expect(isDoubleClick(first, {x: 9, y: 4, at: 1000 + DOUBLE_CLICK_MS})).toBe(true);
		expect(isDoubleClick(first, {x: 5, y: 4, at: 1001 + DOUBLE_CLICK_MS})).toBe(false);
		expect(isDoubleClick(first, {x: 5, y: 5, at: 1100})).toBe(false);
		expect(isDoubleClick(null, first)).toBe(false);
	});
});
