import {describe, expect, it} from 'vitest';
import {parseAddInput} from '../../../source/tui/view/add-prompt.js';

describe('parseAddInput', () => {
	it('reads run ids and s:ID separated by spaces, commas or both', () => {
		expect(parseAddInput(' 8123, 8124  s:101,S:7\t9 ')).toEqual({ok: true, request: {runIds: [8123, 8124, 9], syncIds: [101, 7]}});
	});

	it('drops repeats, keeping the first order', () => {
		expect(parseAddInput('5 4 5 s:1 s:1')).toEqual({ok: true, request: {runIds: [5, 4], syncIds: [1]}});
	});

	it('says what to type when there is nothing', () => {
		expect(parseAddInput(' , ')).toEqual({ok: false, error: 'nothing to add: type run ids, or s:ID to follow a sync'});
	});

	it('names the one bad token and adds nothing', () => {
		expect(parseAddInput('8123 s:abc')).toEqual({ok: false, error: '"s:abc" is not a run id or s:ID'});
	});

	it('refuses zero, negatives, fractions, an empty s: and ids past the safe integers', () => {
		for (const token of ['0', '-4', '1.5', 's:', 's:0', '1e3', '9007199254740993', 'sync:4']) {
			expect(parseAddInput(token), token).toMatchObject({ok: false});
		}
	});

	it('names at most three bad tokens and counts the rest', () => {
		expect(parseAddInput('a b c d e 1')).toEqual({ok: false, error: '"a", "b", "c" and 2 more are not run ids or s:ID'});
	});

	it('quotes a pasted token sanitised and cut, so it cannot reach the terminal as a sequence', () => {
		const result = parseAddInput('\u001B]0;pwned\u0007abcdefghijklmnopqrstuvwxyz');
		expect(result.ok).toBe(false);
		const error = result.ok ? '' : result.error;
		expect(error).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		expect(error).not.toContain('pwned');
		expect(error).toBe('"abcdefghijklmno…" is not a run id or s:ID');
	});
});
