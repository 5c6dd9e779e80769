import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {sanitizeText} from '../../source/text/sanitize.js';

const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const ESC = '\u001B';

// Strings built from pieces of escape sequences, so that fast-check explores nested, broken and
// unterminated sequences and not just random code points.
const escapeFragment = fc.constantFrom(
	ESC,
	`${ESC}[`,
	`${ESC}]`,
	`${ESC}P`,
	`${ESC}X`,
	`${ESC}^`,
	`${ESC}_`,
	`${ESC}\\`,
	`${ESC}(`,
	`${ESC}[2J`,
	`${ESC}[31m`,
	`${ESC}[?1049h`,
	`${ESC}]0;pwned\u0007`,
	`${ESC}]8;;http://x${ESC}\\`,
	`${ESC}]52;c;aGk=\u0007`,
	'\u009b',
	'\u009b2J',
	'\u009d',
	'\u009d0;x\u009c',
	'\u0090',
	'\u0098',
	'\u009e',
	'\u009f',
	'\u009c',
	'\u0085',
	'\u0007',
	'\u0008',
	'\u0018',
	'\u001a',
	'\u007f',
	'\u0000',
	'\t',
	'\r',
	'\n',
	'\r\n',
	'\u2028',
	'\u2029',
	'\u202e',
	'\u2066',
	'\u200f',
	'\ud800',
	'\udc00',
	'\udb40\udc41',
	';',
	'0',
	'm',
	'J',
	'数',
	'🚀',
	'é',
	' ',
	'a',
);
const escapeSoup = fc.array(fc.oneof(escapeFragment, fc.string({maxLength: 3})), {maxLength: 40}).map(parts => parts.join(''));
const anyText = fc.oneof(fc.string({unit: 'binary'}), escapeSoup, fc.string({unit: fc.integer({min: 0, max: 0xffff}).map(code => String.fromCharCode(code))}));

describe('sanitizeText removes escape sequences whole', () => {
	it.each([
		['OSC 0 title ended by BEL', `a${ESC}]0;pwned\u0007b`, 'ab'],
		['OSC 2 title ended by ST', `a${ESC}]2;pwned${ESC}\\b`, 'ab'],
		['CSI erase screen', `a${ESC}[2Jb`, 'ab'],
		['CSI colour', `${ESC}[1;31mred${ESC}[0m`, 'red'],
		['CSI private mode', `${ESC}[?1049hx`, 'x'],
		['8-bit CSI', 'a\u009b2Jb', 'ab'],
		['8-bit OSC ended by 8-bit ST', 'a\u009d0;x\u009cb', 'ab'],
		['OSC 52 clipboard write', `a${ESC}]52;c;cm0gLXJm\u0007b`, 'ab'],
		['OSC 8 hyperlink keeps its text', `${ESC}]8;;http://evil${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
		['DCS', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
		['8-bit DCS', 'a\u0090payload\u009cb', 'ab'],
		['APC', `a${ESC}_Gf=100;AAAA${ESC}\\b`, 'ab'],
		['PM and SOS', `a${ESC}^pm${ESC}\\b${ESC}Xsos${ESC}\\c`, 'abc'],
		['8-bit SOS, PM and APC', 'a\u0098s\u009cb\u009ep\u009cc\u009fa\u009cd', 'abcd'],
		['charset designation (nF escape)', `a${ESC}(0b`, 'ab'],
		['two-character escape', `a${ESC}7b${ESC}8c${ESC}cd`, 'abcd'],
		['lone string terminator', 'a\u009cb', 'ab'],
	])('%s', (_name, input, expected) => {
		expect(sanitizeText(input)).toBe(expected);
	});

	it('drops an ESC alone at the end', () => {
		expect(sanitizeText(`done${ESC}`)).toBe('done');
	});

	it('drops an ESC before a non-ASCII character and keeps the character', () => {
		expect(sanitizeText(`a${ESC}é`)).toBe('aé');
	});

	it('lets an unterminated OSC swallow the rest of the input', () => {
		expect(sanitizeText(`shown${ESC}]0;title and everything after`)).toBe('shown');
		expect(sanitizeText('shown\u009d0;title')).toBe('shown');
		expect(sanitizeText(`shown${ESC}Pdcs payload\u0007still payload`)).toBe('shown');
	});

	it('lets an unterminated CSI swallow only its own parameters', () => {
		expect(sanitizeText(`a${ESC}[12;`)).toBe('a');
		expect(sanitizeText(`a${ESC}[12;数`)).toBe('a数');
	});

	it('ends a string sequence at an ESC that starts another, as a terminal does', () => {
		expect(sanitizeText(`a${ESC}]0;x${ESC}[2Jb`)).toBe('ab');
		expect(sanitizeText(`a${ESC}]0;x${ESC}]0;y\u0007b`)).toBe('ab');
	});

	it('ends any sequence at CAN or SUB', () => {
		expect(sanitizeText(`a${ESC}]0;x\u0018b`)).toBe('ab');
		expect(sanitizeText(`a${ESC}Px\u001ab`)).toBe('ab');
	});

	it('does not leave a new sequence behind when an ESC precedes another ESC', () => {
		expect(sanitizeText(`${ESC}${ESC}[2Jx`)).toBe('x');
		expect(sanitizeText(`${ESC}[${ESC}[31mx`)).toBe('x');
	});
});

describe('sanitizeText removes controls and invisible characters', () => {
	it('removes BEL, backspace, NUL and DEL', () => {
		expect(sanitizeText('a\u0007b\u0008c\u0000d\u007fe')).toBe('abcde');
	});

	it('removes every C1 control that introduces nothing', () => {
		expect(sanitizeText('a\u0080\u0081\u008d\u0099b')).toBe('ab');
	});

	it('removes bidi overrides, embeddings, isolates and marks', () => {
		const bidi = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
		expect(sanitizeText(`invoice${bidi}fdp.exe`)).toBe('invoicefdp.exe');
		expect(sanitizeText('user\u202egnp.exe')).toBe('usergnp.exe');
	});

	it('removes zero-width space, word joiner, soft hyphen and BOM', () => {
		expect(sanitizeText('a\u200bb\u2060c\u00add\ufeffe')).toBe('abcde');
	});

	it('removes tag characters but keeps emoji joiners', () => {
		expect(sanitizeText('x\udb40\udc41\udb40\udc7fy')).toBe('xy');
		expect(sanitizeText('👩\u200d💻')).toBe('👩\u200d💻');
	});

	it('replaces lone surrogates with U+FFFD', () => {
		expect(sanitizeText('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
		expect(sanitizeText('end\ud83d')).toBe('end\ufffd');
	});

	it('keeps CJK, emoji, accents and combining marks', () => {
		const text = '数据同步 🚀 café é ñ Ελληνικά עברית';
		expect(sanitizeText(text)).toBe(text);
	});
});

describe('sanitizeText line breaks and tabs', () => {
	it('single-line: turns each run of line breaks into one space', () => {
		expect(sanitizeText('a\nb')).toBe('a b');
		expect(sanitizeText('a\r\n\r\nb')).toBe('a b');
		expect(sanitizeText('a\rb')).toBe('a b');
		expect(sanitizeText('a\n\u0000\nb')).toBe('a b');
		expect(sanitizeText('a\u2028b\u2029c\u0085d\u000be\u000cf')).toBe('a b c d e f');
	});

	it('single-line: a tab becomes one space', () => {
		expect(sanitizeText('a\tb\t\tc')).toBe('a b  c');
	});

	it('multiline: keeps line breaks as \\n, CRLF and CR normalised', () => {
		expect(sanitizeText('a\r\nb\rc\nd', {multiline: true})).toBe('a\nb\nc\nd');
		expect(sanitizeText('a\n\nb', {multiline: true})).toBe('a\n\nb');
		expect(sanitizeText('a\u2028b', {multiline: true})).toBe('a\nb');
	});

	it('multiline: expands tabs to the next 4-cell stop, counting wide characters as two', () => {
		expect(sanitizeText('a\tb', {multiline: true})).toBe('a   b');
		expect(sanitizeText('abcd\te', {multiline: true})).toBe('abcd    e');
		expect(sanitizeText('\tx\n12\ty', {multiline: true})).toBe('    x\n12  y');
		expect(sanitizeText('数\tx', {multiline: true})).toBe('数  x');
		expect(sanitizeText(`a${ESC}[31m\tb`, {multiline: true})).toBe('a   b');
	});
});

describe('sanitizeText on values that are not strings', () => {
	it('gives an empty string for null and undefined', () => {
		expect(sanitizeText(null)).toBe('');
		expect(sanitizeText(undefined)).toBe('');
	});

	it('converts other values with String()', () => {
		expect(sanitizeText(42)).toBe('42');
		expect(sanitizeText(false)).toBe('false');
		expect(sanitizeText({toString: () => `x${ESC}[2Jy`})).toBe('xy');
	});

	it('gives an empty string for a value that cannot become a string', () => {
		expect(sanitizeText(Object.create(null))).toBe('');
	});
});

describe('sanitizeText properties', () => {
	it('leaves no control character, ESC or C1 in single-line output, and no newline', () => {
		fc.assert(
			fc.property(anyText, text => {
				const out = sanitizeText(text);
				expect(out).not.toMatch(FORBIDDEN);
				expect(out).not.toContain(ESC);
				expect(out).not.toMatch(/[\n\t]/);
			}),
			{numRuns: 2000},
		);
	});

	it('leaves no control character but \\n in multiline output', () => {
		fc.assert(
			fc.property(anyText, text => {
				const out = sanitizeText(text, {multiline: true});
				expect(out).not.toMatch(FORBIDDEN);
				expect(out).not.toMatch(/[\t\r]/);
			}),
			{numRuns: 2000},
		);
	});

	it('is idempotent in both modes', () => {
		fc.assert(
			fc.property(anyText, fc.boolean(), (text, multiline) => {
				const once = sanitizeText(text, {multiline});
				expect(sanitizeText(once, {multiline})).toBe(once);
			}),
			{numRuns: 2000},
		);
	});

	it('passes printable ASCII through unchanged', () => {
		fc.assert(
			fc.property(fc.string({unit: 'grapheme-ascii'}), text => {
				expect(sanitizeText(text)).toBe(text);
				expect(sanitizeText(text, {multiline: true})).toBe(text);
			}),
		);
	});

	it('leaves no lone surrogate', () => {
		fc.assert(
			fc.property(anyText, text => {
				const out = sanitizeText(text);
				expect(out).toBe(Buffer.from(out, 'utf8').toString('utf8'));
			}),
			{numRuns: 1000},
		);
	});
});
