import {describe, expect, it} from 'vitest';
import type {InspectorLine} from '../../../source/tui/view/inspector-lines.js';
import {firstMatchFrom, matchingLines, nextMatch, splitMatches} from '../../../source/tui/view/inspector-search.js';

const lines = (...texts: string[]): InspectorLine[] => texts.map(text => ({label: '', text, style: 'text'}));

describe('inspector search', () => {
	it('finds the lines holding the text, case-insensitively; nothing for an empty query', () => {
		const shown = lines('SQL compilation error', 'Object ACCOUNTS_HEALTH', 'nothing', 'accounts_health again');
		expect(matchingLines(shown, 'accounts_health')).toEqual([1, 3]);
		expect(matchingLines(shown, '')).toEqual([]);
	});

	it('moves to the next and previous match, wrapping at the ends', () => {
		expect(nextMatch([2, 5, 9], 2, 1)).toBe(5);
		expect(nextMatch([2, 5, 9], 9, 1)).toBe(2);
		expect(nextMatch([2, 5, 9], 5, -1)).toBe(2);
		expect(nextMatch([2, 5, 9], 2, -1)).toBe(9);
		expect(nextMatch([], 0, 1)).toBeNull();
		expect(firstMatchFrom([2, 5, 9], 3)).toBe(5);
		expect(firstMatchFrom([2, 5, 9], 10)).toBe(2);
	});

	it('splits a line into plain and matching parts for highlighting', () => {
		expect(splitMatches('a Foo b foo', 'foo')).toEqual([
			{text: 'a ', match: false},
			{text: 'Foo', match: true},
			{text: ' b ', match: false},
			{text: 'foo', match: true},
		]);
		expect(splitMatches('none here', 'x')).toEqual([{text: 'none here', match: false}]);
		expect(splitMatches('İx', 'x')).toEqual([{text: 'İx', match: false}]);
	});
});
