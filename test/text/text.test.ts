import {tokenize} from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import isFullwidthCodePoint from 'is-fullwidth-code-point';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {sanitizeText} from '../../source/text/sanitize.js';
import {displayWidth, fitToWidth, isLoneGrapheme, padEndToWidth, padStartToWidth, truncateToWidth, wrapToWidth} from '../../source/text/text.js';

const CJK = '数据同步';
const ROCKET = '🚀';
const E_ACUTE = 'e\u0301'; // e + combining acute: one cell
const FAMILY = '👨\u200d👩\u200d👧';

// Text as it reaches these helpers: anything, through the sanitiser. Weighted towards wide characters,
// combining marks and emoji sequences so that the edge cases come up often.
const tricky = fc.constantFrom(CJK, ROCKET, E_ACUTE, FAMILY, '🇫🇷', '\u0301', 'ｱﾞ', '…', ' ', '  ', 'a', 'word', '\n');
const rawText = fc.oneof(
	fc.string({unit: 'grapheme'}),
	fc.string({unit: 'binary'}),
	fc.array(fc.oneof(tricky, fc.string()), {maxLength: 30}).map(parts => parts.join('')),
);
const displayText = rawText.map(text => sanitizeText(text));

describe('displayWidth', () => {
	it.each([
		['', 0],
		['abc', 3],
		[CJK, 8],
		[ROCKET, 2],
		[E_ACUTE, 1],
		[`${CJK}a${ROCKET}`, 11],
		[FAMILY, 2],
	])('%j is %i cells', (text, width) => {
		expect(displayWidth(text)).toBe(width);
	});

	it('agrees with string-width (what Ink measures) on sanitised text', () => {
		fc.assert(
			fc.property(displayText, text => {
				expect(displayWidth(text)).toBe(stringWidth(text));
			}),
			{numRuns: 1000},
		);
	});
});

describe('truncateToWidth', () => {
	it('returns text that fits unchanged', () => {
		expect(truncateToWidth('abc', 3)).toBe('abc');
		expect(truncateToWidth(CJK, 8)).toBe(CJK);
	});

	it('adds no second ellipsis when the cut lands just after the text\'s own', () => {
		expect(truncateToWidth('fetching more…, oldest left', 15)).toBe('fetching more…');
		expect(truncateToWidth('wait... then', 10, '...')).toBe('wait...');
	});

	it('cuts and ends with an ellipsis', () => {
		expect(truncateToWidth('abcdef', 4)).toBe('abc…');
	});

	it('drops spaces before the ellipsis', () => {
		expect(truncateToWidth('ab   cdef', 5)).toBe('ab…');
	});

	it('never splits a wide character: the result may be one cell narrower', () => {
		expect(truncateToWidth(CJK, 6)).toBe('数据…');
		expect(displayWidth(truncateToWidth(CJK, 6))).toBe(5);
		expect(truncateToWidth(`a${ROCKET}b`, 3)).toBe('a…');
	});

	it('keeps combining marks with their letter', () => {
		expect(truncateToWidth(`${E_ACUTE}${E_ACUTE}${E_ACUTE}`, 2)).toBe(`${E_ACUTE}…`);
	});

	it('gives an empty string at width 0 and just the ellipsis at width 1', () => {
		expect(truncateToWidth('abc', 0)).toBe('');
		expect(truncateToWidth('abc', 1)).toBe('…');
		expect(truncateToWidth(CJK, 1)).toBe('…');
	});

	it('cuts without an ellipsis that does not fit', () => {
		expect(truncateToWidth('abcdef', 2, '...')).toBe('ab');
		expect(truncateToWidth('abcdef', 4, '...')).toBe('a...');
	});

	it('treats negative, NaN and infinite widths as 0', () => {
		expect(truncateToWidth('abc', -1)).toBe('');
		expect(truncateToWidth('abc', Number.NaN)).toBe('');
		expect(truncateToWidth('abc', Number.POSITIVE_INFINITY)).toBe('');
	});

	it('is never wider than the width, for any text', () => {
		fc.assert(
			fc.property(displayText, fc.integer({min: 0, max: 200}), (text, width) => {
				expect(displayWidth(truncateToWidth(text, width))).toBeLessThanOrEqual(width);
			}),
			{numRuns: 2000},
		);
	});
});

describe('padEndToWidth and padStartToWidth', () => {
	it('pad with spaces by cells, not characters', () => {
		expect(padEndToWidth('数', 4)).toBe('数  ');
		expect(padStartToWidth('数', 4)).toBe('  数');
		expect(padEndToWidth(E_ACUTE, 3)).toBe(`${E_ACUTE}  `);
	});

	it('leave wider text as it is', () => {
		expect(padEndToWidth('abcdef', 3)).toBe('abcdef');
		expect(padStartToWidth('abcdef', 3)).toBe('abcdef');
	});
});

describe('fitToWidth', () => {
	it('truncates then pads to exactly the width', () => {
		expect(fitToWidth('ab', 4)).toBe('ab  ');
		expect(fitToWidth('abcdef', 4)).toBe('abc…');
		expect(fitToWidth(CJK, 6)).toBe('数据… ');
		expect(fitToWidth(ROCKET, 1)).toBe('…');
		expect(fitToWidth('abc', 0)).toBe('');
	});

	it('is exactly the width for any text and any width 1..200', () => {
		fc.assert(
			fc.property(displayText, fc.integer({min: 1, max: 200}), (text, width) => {
				expect(displayWidth(fitToWidth(text, width))).toBe(width);
			}),
			{numRuns: 2000},
		);
	});
});

describe('wrapToWidth', () => {
	it('wraps at spaces', () => {
		expect(wrapToWidth('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
	});

	it('keeps explicit newlines, including blank lines', () => {
		expect(wrapToWidth('a\n\nb\n', 10)).toEqual(['a', '', 'b', '']);
	});

	it('hard-breaks a word longer than the width', () => {
		expect(wrapToWidth('abcdefghij xy', 4)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
	});

	it('hard-breaks a long word on its own lines, starting a new line', () => {
		expect(wrapToWidth('ok abcdefgh', 5)).toEqual(['ok', 'abcde', 'fgh']);
	});

	it('keeps leading indentation and spaces between words, drops spaces at breaks', () => {
		expect(wrapToWidth('  a  b', 10)).toEqual(['  a  b']);
		expect(wrapToWidth('aaa   bbb', 4)).toEqual(['aaa', 'bbb']);
		expect(wrapToWidth('a   ', 10)).toEqual(['a']);
	});

	it('wraps CJK and emoji by cells without splitting them', () => {
		expect(wrapToWidth(CJK, 5)).toEqual(['数据', '同步']);
		expect(wrapToWidth(`${ROCKET}${ROCKET}${ROCKET}`, 3)).toEqual([ROCKET, ROCKET, ROCKET]);
	});

	it('gives a wide character its own line at width 1, and treats width 0 as 1', () => {
		expect(wrapToWidth('a数b', 1)).toEqual(['a', '数', 'b']);
		expect(wrapToWidth('ab', 0)).toEqual(['a', 'b']);
	});

	it('gives a cluster wider than the line a line of its own', () => {
		const note = '\u{1D158}\u{1D165}\u{1D16E}';
		expect(displayWidth(note)).toBe(3);
		expect(wrapToWidth(`ab${note}cd`, 2)).toEqual(['ab', note, 'cd']);
	});

	it('gives one empty line for empty text', () => {
		expect(wrapToWidth('', 10)).toEqual(['']);
	});

	it('never makes a line wider than the width (from 2) unless it is one cluster wider than that, and loses no non-space character', () => {
		const segmenter = new Intl.Segmenter();
		fc.assert(
			fc.property(rawText, fc.integer({min: 2, max: 80}), fc.boolean(), (raw, width, multiline) => {
				const text = sanitizeText(raw, {multiline});
				const lines = wrapToWidth(text, width);
				// A cluster can take three cells or more (a base with spacing marks, as string-width counts it).
				for (const line of lines) {
					if (displayWidth(line) > width) expect([...segmenter.segment(line.trim())]).toHaveLength(1);
				}
				expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(/[ \n]/g, ''));
				expect(lines.length).toBeGreaterThanOrEqual(text.split('\n').length);
			}),
			{numRuns: 2000},
		);
	});
});

describe('isLoneGrapheme', () => {
	it('holds only characters that the segmenter never joins and Ink’s tokenizer reads as one character', () => {
		const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
		const count = (text: string) => [...segmenter.segment(text)].length;
		let checked = 0;
		for (let code = 0; code < 0x1_0000; code++) {
			if (!isLoneGrapheme(code)) continue;
			const char = String.fromCodePoint(code);
			expect(count(`a${char}${char}a`), `U+${code.toString(16)}`).toBe(4);
			expect(count(`\u0007${char}\u001B`), `U+${code.toString(16)}`).toBe(3);
			expect(tokenize(char)).toEqual([{type: 'char', value: char, fullWidth: isFullwidthCodePoint(code)}]);
			checked++;
		}
		expect(checked).toBeGreaterThan(3000);
	});
});
