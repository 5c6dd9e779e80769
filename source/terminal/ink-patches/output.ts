import {ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, styledCharsFromTokens, tokenize, type AnsiCode, type StyledChar} from '@alcalzone/ansi-tokenize';
import isFullwidthCodePoint from 'is-fullwidth-code-point';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import measureText from './measure-text.js';
import {clusterWidth, isLoneGrapheme} from '../../text/text.js';

// A drop-in for Ink 6.8's Output (build/output.js), swapped in by the bundler (rolldown.config.js): the same
// operations, the same frame string, a fraction of the work. Ink makes a new Output for every frame, and
// its get() allocates an object for each of the screen's cells (4,800 at 120x40), tokenises every written
// line's escape codes and serialises every row again, although between two frames of a watcher few rows
// change: with 50 working runs that was ~30% of the app's CPU and most of its garbage. Here blank cells are
// one shared object, a written line's cells are reused from the frame before, and a row made of the very
// same cells as the frame before reuses that row's string. Caches hold what the last two frames used, so
// they are bounded by the screen, not by how long the app has run. test/terminal/ink-patches/ink-output.test.ts checks
// every frame against Ink's own Output.

export type Transformer = (line: string, index: number) => string;
export type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
/** What Ink's renderer asks of an Output, recorded to be placed in get(). */
export type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: Clip}
	| {type: 'unclip'};

/** A map that keeps what this generation and the one before used. */
class TwoGenerations<V> {
	private current = new Map<string, V>();
	private previous = new Map<string, V>();

	constructor(private readonly compute: (key: string) => V) {}

	get(key: string): V {
		let value = this.current.get(key);
		if (value !== undefined) return value;
		value = this.previous.get(key) ?? this.compute(key);
		this.current.set(key, value);
		return value;
	}

	next(): void {
		this.previous = this.current;
		this.current = new Map();
	}
}

const BLANK: StyledChar = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: []}) as StyledChar;

const widths = new TwoGenerations<number>(text => stringWidth(text));
/** sliceAnsi of a line clipped by a box, keyed 'from:to:line': Ink slices every line in such a box, however short. */
const slices = new TwoGenerations<string>(key => {
	const first = key.indexOf(':');
	const second = key.indexOf(':', first + 1);
	return sliceAnsi(key.slice(second + 1), Number(key.slice(0, first)), Number(key.slice(first + 1, second)));
});

/** The tokens of one SGR or OSC 8 sequence, as Ink's tokenizer makes them. */
const sequenceCodes = new TwoGenerations<AnsiCode[] | null>(sequence => {
	const tokens = tokenize(sequence);
	return tokens.every(token => token.type === 'ansi') ? (tokens as AnsiCode[]) : null;
});

/** The end of the SGR or OSC 8 sequence at `start`, as Ink's tokenizer finds it, or -1. */
const sequenceEnd = (line: string, start: number): number => {
	if (line.charCodeAt(start + 1) === 0x5b) {
		for (let index = start + 2; index < line.length; index++) {
			const code = line.charCodeAt(index);
			if (code === 0x6d) return index;
			if (code !== 0x3b && (code < 0x30 || code > 0x39)) return -1;
		}
		return -1;
	}
	if (!line.startsWith('\u001B]8;', start)) return -1;
	const parameters = line.indexOf(';', start + 4);
	return parameters === -1 ? -1 : line.indexOf('\u0007', parameters + 1);
};

/**
 * Ink's styledCharsFromTokens(tokenize(line)) for a line of lone graphemes and SGR or OSC 8 sequences
 * (every row of the run list), without segmenting it into graphemes and with one styles array for each
 * run of characters styled alike; null for any other line.
 */
const simpleStyledChars = (line: string): StyledChar[] | null => {
	const chars: StyledChar[] = [];
	let styles: AnsiCode[] = [];
	for (let index = 0; index < line.length; index++) {
		const code = line.charCodeAt(index);
		if (code === 0x1b) {
			const end = sequenceEnd(line, index);
			const codes = end === -1 ? null : sequenceCodes.get(line.slice(index, end + 1));
			if (codes === null) return null;
			styles = reduceAnsiCodesIncremental(styles, codes);
			index = end;
		} else if (isLoneGrapheme(code)) {
			chars.push({type: 'char', value: line[index]!, fullWidth: isFullwidthCodePoint(code), styles});
		} else {
			return null;
		}
	}
	return chars;
};

/**
 * The cells a line occupies from its x on: each character, then (as Ink does) an empty cell in its style
 * for each further column a wide character takes.
 */
const placedLines = new TwoGenerations<StyledChar[]>(line => {
	const cells: StyledChar[] = [];
	for (const character of simpleStyledChars(line) ?? styledCharsFromTokens(tokenize(line))) {
		cells.push(character);
		const width = Math.max(1, clusterWidth(character.value));
		for (let column = 1; column < width; column++) cells.push({type: 'char', value: '', fullWidth: false, styles: character.styles});
	}
	return cells;
});

/**
 * Ink's styledCharsToString: the codes that change the style before each character. Characters that share
 * one styles array (a run of them from one line, the blank cells) need none.
 */
const rowText = (cells: StyledChar[]): string => {
	let text = '';
	let previous: StyledChar | undefined;
	for (const cell of cells) {
		if (previous === undefined) text += ansiCodesToString(cell.styles);
		else if (cell.styles !== previous.styles) text += ansiCodesToString(diffAnsiCodes(previous.styles, cell.styles));
		text += cell.value;
		previous = cell;
	}
	return previous === undefined ? text : text + ansiCodesToString(diffAnsiCodes(previous.styles, []));
};

let previousRows: Array<{cells: StyledChar[]; text: string}> = [];

const sameCells = (a: StyledChar[], b: StyledChar[]): boolean => {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
	return true;
};

const cellCount = (size: number): number => (Number.isFinite(size) ? Math.max(0, Math.ceil(size)) : 0);

export default class Output {
	width: number;
	height: number;
	private readonly operations: Operation[] = [];

	constructor(options: {width: number; height: number}) {
		this.width = options.width;
		this.height = options.height;
	}

	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void {
		if (!text) return;
		this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		widths.next();
		slices.next();
		placedLines.next();
		const columns = cellCount(this.width);
		const rows: StyledChar[][] = [];
		for (let y = 0; y < cellCount(this.height); y++) rows.push(new Array<StyledChar>(columns).fill(BLANK));

		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') clips.push(operation.clip);
			else if (operation.type === 'unclip') clips.pop();
			else this.place(rows, operation, clips.at(-1));
		}

		const shown: Array<{cells: StyledChar[]; text: string}> = [];
		const text = rows
			.map((row, y) => {
				const before = previousRows[y];
				if (before !== undefined && sameCells(before.cells, row)) {
					shown.push(before);
					return before.text;
				}
				// Past the width a row can have holes (a write that starts beyond it), which Ink drops.
				const cells = row.length > columns ? row.filter(cell => cell !== undefined) : row;
				const line = {cells: row, text: rowText(cells).trimEnd()};
				shown.push(line);
				return line.text;
			})
			.join('\n');
		previousRows = shown;
		return {output: text, height: rows.length};
	}

	/** Ink's Output.get, for one write: clipped as Ink clips, placed where Ink places it. */
	private place(rows: StyledChar[][], operation: Extract<Operation, {type: 'write'}>, clip: Clip | undefined): void {
		const {text, transformers} = operation;
		let {x, y} = operation;
		let lines = text.split('\n');
		if (clip) {
			const {x1, x2, y1, y2} = clip;
			const clipHorizontally = typeof x1 === 'number' && typeof x2 === 'number';
			const clipVertically = typeof y1 === 'number' && typeof y2 === 'number';
			if (clipHorizontally) {
				const {width} = measureText(text);
				if (x + width < x1 || x > x2) return;
			}
			if (clipVertically && (y + lines.length < y1 || y > y2)) return;
			if (clipHorizontally) {
				lines = lines.map(line => {
					const from = x < x1 ? x1 - x : 0;
					const width = widths.get(line);
					const to = x + width > x2 ? x2 - x : width;
					return slices.get(`${from}:${to}:${line}`);
				});
				if (x < x1) x = x1;
			}
			if (clipVertically) {
				const from = y < y1 ? y1 - y : 0;
				const to = y + lines.length > y2 ? y2 - y : lines.length;
				lines = lines.slice(from, to);
				if (y < y1) y = y1;
			}
		}

		let offsetY = 0;
		for (const [index, original] of lines.entries()) {
			const row = rows[y + offsetY];
			// As in Ink, a line with no row to go to (above or below the output) does not advance the ones after it.
			if (!row) continue;
			let line = original;
			for (const transformer of transformers) line = transformer(line, index);
			for (const [column, cell] of placedLines.get(line).entries()) row[x + column] = cell;
			offsetY++;
		}
	}
}
