import {describe, expect, it} from 'vitest';
import {slotFreeAt} from '../../source/polling/budget.js';
import {inWindow} from '../../source/store/budget-window.js';

describe('inWindow', () => {
	const sent = [1000, 2000, 3000];

	it('keeps the sends after now − window, the moment itself included, oldest first', () => {
		expect(inWindow(sent, 3000, 1500)).toEqual([2000, 3000]);
		expect(inWindow(sent, 3000, 1000)).toEqual([3000]);
		expect(inWindow(sent, 3000, 5000)).toBe(sent);
		expect(inWindow(sent, 10_000, 5000)).toEqual([]);
	});

	it('is what the poller counts its budget with', () => {
		expect(slotFreeAt(sent, 3000, 2, 1500)).toBe(2000 + 1500);
		expect(slotFreeAt(sent, 3000, 3, 1500)).toBe(3000);
	});
});
