import {describe, expect, it} from 'vitest';
import {CHALK_SGR_PARAMETERS, foreignSequences, type Vocabulary} from './escapes.js';

const vocabulary: Vocabulary = {
	csi: /^(?:\d+;\d+H|K|\?1049[hl])$/,
	sgr: CHALK_SGR_PARAMETERS,
	osc: /^8;;(?:https:\/\/app\.getcensus\.com\/[\u0021-\u007e]*)?$/,
	c0: new Set(),
};

describe('foreignSequences', () => {
	it('accepts the app’s own colours, cursor moves, screen switches and links', () => {
		const own = '\u001B[?1049h\u001B[3;7H\u001B[1;31mfailed\u001B[22;39m\u001B[K\r\n\u001B]8;;https://app.getcensus.com/syncs/1/overview\u0007link\u001B]8;;\u0007\u001B[?1049l';
		expect(foreignSequences(own, vocabulary)).toEqual([]);
	});

	it.each([
		['a title', '\u001B]0;pwned\u0007', '\\u001b]0;pwned\\u0007'],
		['a clipboard write', '\u001B]52;c;eA==\u001B\\', '\\u001b]52;c;eA==\\u001b\\\\'],
		['a link elsewhere', '\u001B]8;;http://evil.example/\u0007', '\\u001b]8;;http://evil.example/\\u0007'],
		['an OSC that never ends', '\u001B]8;;https://app.getcensus.com/x', '\\u001b]8;;https://app.getcensus.com/x ok'],
		['blink, outside the colour codes', '\u001B[5m', '\\u001b[5m'],
		['a device status report', '\u001B[6n', '\\u001b[6n'],
		['a DCS string', '\u001BP+q', '\\u001bP'],
		['an 8-bit CSI', '\u009B2J', '\\u009b'],
		['a bell', 'a\u0007b', '\\u0007'],
		['a backspace', 'a\bb', '\\u0008'],
	])('flags %s', (_name, text, flagged) => {
		expect(foreignSequences(`ok ${text} ok`, vocabulary)).toEqual([flagged]);
	});
});
