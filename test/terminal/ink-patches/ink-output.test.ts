import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import InkOutput from '../../../node_modules/ink/build/output.js';
import Output, {type Clip, type Operation, type Transformer} from '../../../source/terminal/ink-patches/output.js';

// The bundle replaces Ink's Output with ours (rolldown.config.js): every frame must be the very string Ink's
// own would have made, including the frames after the first, where ours reuses cells and rows.

type Frame = {width: number; height: number; operations: Operation[]};
type Target = {write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void; clip(clip: Clip): void; unclip(): void; get(): {output: string; height: number}};

const render = (make: (size: {width: number; height: number}) => Target, frame: Frame) => {
	const output = make({width: frame.width, height: frame.height});
	for (const operation of frame.operations) {
		if (operation.type === 'write') output.write(operation.x, operation.y, operation.text, {transformers: operation.transformers});
		else if (operation.type === 'clip') output.clip(operation.clip);
		else output.unclip();
	}
	return output.get();
};

const ink = (size: {width: number; height: number}) => new InkOutput(size) as unknown as Target;
const ours = (size: {width: number; height: number}) => new Output(size);

const SGR = ['\u001B[31m', '\u001B[1m', '\u001B[39m', '\u001B[22m', '\u001B[0m', '\u001B[38;5;208m', '\u001B[48;2;1;2;3m', '\u001B[7m', '\u001B[27m'];
// Rows of the run list take the fast path (lone graphemes and SGR / OSC 8 sequences); the others make a line
// take Ink's tokenizer.
const rowPieces = [
	'a', 'run', '1003', ' ', '  ', '✓', '✗', '…', '│', '⠋', '→', '·', '⌚', 'é', '\u001B[m',
	'\u001B]8;;https://example.test\u0007', '\u001B]8;id=1;https://example.test/a\u0007', '\u001B]8;;\u0007', ...SGR,
];
const otherPieces = [
	'\u00AD', '数据', '🚀', 'e\u0301', '👨\u200d👩\u200d👧', '🇫🇷', 'ｱﾞ', '\u20D7', '\u2028', '\u001B', '\u001B[3', '\u001B[4:3m', '\u001B]0;title\u0007', '\u009B31m', '\n',
];
const text = fc.oneof(
	fc.array(fc.constantFrom(...rowPieces), {minLength: 1, maxLength: 20}).map(parts => parts.join('')),
	fc.array(fc.constantFrom(...rowPieces, ...otherPieces), {minLength: 1, maxLength: 14}).map(parts => parts.join('')),
);
const transformers: Array<[string, Transformer]> = [
	['upper', line => line.toUpperCase()],
	['indexed', (line, index) => `${index}:${line}`],
	['blank', () => '          '],
	['styled', line => `\u001B[2m${line}\u001B[22m`],
];
const transformer = fc.constantFrom(...transformers).map(([, apply]) => apply);
const clip = fc.record(
	{x1: fc.integer({min: -2, max: 20}), x2: fc.integer({min: -2, max: 24}), y1: fc.integer({min: -2, max: 8}), y2: fc.integer({min: -2, max: 10})},
	{requiredKeys: []},
);
const operation: fc.Arbitrary<Operation> = fc.oneof(
	{weight: 6, arbitrary: fc.record({type: fc.constant('write' as const), x: fc.integer({min: -3, max: 22}), y: fc.integer({min: -3, max: 9}), text, transformers: fc.array(transformer, {maxLength: 2})})},
	{weight: 1, arbitrary: fc.record({type: fc.constant('clip' as const), clip})},
	{weight: 1, arbitrary: fc.constant({type: 'unclip' as const})},
);
const size = fc.record({width: fc.oneof(fc.integer({min: 0, max: 20}), fc.constant(3.5)), height: fc.integer({min: 0, max: 7})});

describe('Output (the bundle’s replacement for Ink’s)', () => {
	it('makes the same frames as Ink’s Output, frame after frame', () => {
		fc.assert(
			fc.property(fc.array(fc.record({size, operations: fc.array(operation, {maxLength: 12})}), {minLength: 1, maxLength: 6}), frames => {
				// Frames that repeat earlier writes, as a watcher's frames do, exercise the reuse of cells and rows.
				const sequence = frames.flatMap(frame => [frame, {...frame, operations: frame.operations.slice(1)}, frame]);
				for (const {size: {width, height}, operations} of sequence) {
					const frame = {width, height, operations};
					expect(render(ours, frame)).toEqual(render(ink, frame));
				}
			}),
			{numRuns: 400},
		);
	});

	it('shows a changed row and keeps the unchanged ones between frames', () => {
		const frame = (status: string): Frame => ({
			width: 30,
			height: 3,
			operations: [
				{type: 'write', x: 0, y: 0, text: '\u001B[1mcensus-watch\u001B[22m', transformers: []},
				{type: 'write', x: 0, y: 1, text: `\u001B[33m${status}\u001B[39m 1003`, transformers: []},
				{type: 'write', x: 0, y: 2, text: '数据 sync', transformers: []},
			],
		});
		for (const status of ['working', 'working', 'failed', 'failed', 'working']) {
			expect(render(ours, frame(status))).toEqual(render(ink, frame(status)));
		}
		expect(render(ours, frame('failed')).output).toContain('failed');
	});

	it('handles a frame whose size Yoga could not compute as Ink does', () => {
		const frame: Frame = {width: Number.NaN, height: 2, operations: [{type: 'write', x: 0, y: 0, text: 'x', transformers: []}]};
		expect(render(ours, frame)).toEqual(render(ink, frame));
	});
});
