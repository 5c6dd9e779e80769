import {describe, expect, it} from 'vitest';
import {moveSelection, selectedIndex, windowStart} from '../../../source/tui/view/list-window.js';

describe('windowStart', () => {
	it('starts at 0 when every row fits', () => {
		expect(windowStart(5, 4, 10, 3)).toBe(0);
	});

	it('keeps the window where it was while the selection moves inside it', () => {
		expect(windowStart(100, 12, 10, 8)).toBe(8);
		expect(windowStart(100, 17, 10, 8)).toBe(8);
	});

	it('scrolls by one when the selection steps past the bottom or the top', () => {
		expect(windowStart(100, 18, 10, 8)).toBe(9);
		expect(windowStart(100, 7, 10, 8)).toBe(7);
	});

	it('jumps so that a far selection is on the last row (going down) or the first row (going up)', () => {
		expect(windowStart(100, 99, 10, 0)).toBe(90);
		expect(windowStart(100, 0, 10, 90)).toBe(0);
		expect(windowStart(100, 50, 10, 0)).toBe(41);
	});

	it('leaves no empty rows at the bottom when the list shrinks', () => {
		expect(windowStart(20, 15, 10, 18)).toBe(10);
	});

	it('clamps a selection outside the list and a zero height', () => {
		expect(windowStart(30, 99, 10, 0)).toBe(20);
		expect(windowStart(30, -4, 10, 5)).toBe(0);
		expect(windowStart(30, 5, 0, 5)).toBe(0);
	});
});

describe('selectedIndex', () => {
	it('is the index of the selected id, or 0 when it is absent or null', () => {
		expect(selectedIndex([9, 7, 5], 5)).toBe(2);
		expect(selectedIndex([9, 7, 5], 6)).toBe(0);
		expect(selectedIndex([9, 7, 5], null)).toBe(0);
	});
});

describe('moveSelection', () => {
	const ids = [9, 7, 5, 3];
	it('moves by rows and stops at the ends', () => {
		expect(moveSelection(ids, 7, {by: 1})).toBe(5);
		expect(moveSelection(ids, 7, {by: -1})).toBe(9);
		expect(moveSelection(ids, 9, {by: -1})).toBe(9);
		expect(moveSelection(ids, 5, {by: 10})).toBe(3);
		expect(moveSelection(ids, 5, {by: -10})).toBe(9);
	});

	it('moves from the first row when nothing (or a hidden run) is selected', () => {
		expect(moveSelection(ids, null, {by: 1})).toBe(7);
		expect(moveSelection(ids, 42, {by: 1})).toBe(7);
	});

	it('jumps to the first and last rows', () => {
		expect(moveSelection(ids, 5, {to: 'first'})).toBe(9);
		expect(moveSelection(ids, 9, {to: 'last'})).toBe(3);
	});

	it('is null for an empty list', () => {
		expect(moveSelection([], 5, {by: 1})).toBeNull();
	});
});
