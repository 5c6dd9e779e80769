import {styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

// A drop-in for Ink 6.8's Output (build/output.js), swapped in by the bundler (rolldown.config.js): the same
// operations, the same frame string, a fraction of the work. Ink makes a new Output for every frame, and
// its get() allocates an object for each of the screen's cells (4,800 at 120x40), tokenises every written
// line's escape codes and serialises every row again, although between two frames of a watcher few rows
// change: with 50 working runs that was ~30% of the app's CPU and most of its garbage. Here blank cells are
// one shared object, a written line's cells are reused from the frame before, and a row made of the very
// same cells as the frame before reuses that row's string. Caches hold what the last two frames used, so
// they are bounded by the screen, not by how long the app has run. test/lib/ink-output.test.ts checks
// every frame against Ink's own Output.

type Transformer = (line: string, index: number) => string;
type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Operation =
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
const widestLines = new TwoGenerations<number>(text => Math.max(0, ...text.split('\n').map(line => widths.get(line))));

/**
 * The cells a line occupies from its x on: each character, then (as Ink does) an empty cell in its style
 * for each further column a wide character takes.
 */
const placedLines = new TwoGenerations<StyledChar[]>(line => {
	const cells: StyledChar[] = [];
	for (const character of styledCharsFromTokens(tokenize(line))) {
		cells.push(character);
		const width = Math.max(1, widths.get(character.value));
		for (let column = 1; column < width; column++) cells.push({type: 'char', value: '', fullWidth: false, styles: character.styles});
	}
	return cells;
});

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
		widestLines.next();
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
				const line = {cells: row, text: styledCharsToString(cells).trimEnd()};
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
				const width = widestLines.get(text);
				if (x + width < x1 || x > x2) return;
			}
			if (clipVertically && (y + lines.length < y1 || y > y2)) return;
			if (clipHorizontally) {
				lines = lines.map(line => {
					const from = x < x1 ? x1 - x : 0;
					const width = widths.get(line);
					const to = x + width > x2 ? x2 - x : width;
					return sliceAnsi(line, from, to);
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
