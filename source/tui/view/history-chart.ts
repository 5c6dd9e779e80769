// Bar charts and sparklines out of block characters, one column (or a few) per run, oldest on the left.
// Pure text: the screen colours nothing here, so a chart reads the same without colour and under --ascii.
// A zero is an empty column over the axis; a value the run does not have (no figure from Census, no
// duration yet) is a dot on the floor, so that "none" and "unknown" differ.

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** ASCII has no eighths: a sparkline gets rough levels, a taller chart full cells and a floor. */
const ASCII_LEVELS = ['_', '_', '.', '-', '-', '=', '#', '#'] as const;

const EIGHTHS = 8;

/** Eighths of a cell a value fills in a chart `rows` high, 1 at least for anything above zero. */
function eighthsOf(value: number, max: number, rows: number): number {
	if (max <= 0 || value <= 0) return 0;
	return Math.max(1, Math.round((value / max) * rows * EIGHTHS));
}

/** One line: a level per value against the largest of them (or `max`). */
export function sparkline(values: ReadonlyArray<number | null>, ascii: boolean, max?: number): string {
	const top = max ?? Math.max(0, ...values.filter((value): value is number => value !== null));
	const levels = ascii ? ASCII_LEVELS : BLOCKS;
	return values
		.map(value => {
			if (value === null) return unknownCell(ascii);
			const eighths = eighthsOf(value, top, 1);
			return eighths === 0 ? ' ' : levels[Math.min(EIGHTHS, eighths) - 1]!;
		})
		.join('');
}

export type ChartOptions = {
	rows: number;
	/** Cells per value. */
	columnWidth: number;
	ascii: boolean;
	/** The top of the scale; the largest value when absent. */
	max?: number;
};

/** The chart's lines, top first, each `values.length × columnWidth` cells. */
export function barChart(values: ReadonlyArray<number | null>, options: ChartOptions): string[] {
	const {rows, columnWidth, ascii} = options;
	const top = options.max ?? Math.max(0, ...values.filter((value): value is number => value !== null));
	const lines: string[] = [];
	for (let row = rows - 1; row >= 0; row--) {
		let line = '';
		for (const value of values) {
			line += cellOf(value === null ? null : eighthsOf(value, top, rows), row, ascii).repeat(columnWidth);
		}

		lines.push(line);
	}

	return lines;
}

/** The character of one cell of a column that fills `eighths` eighths from the bottom. */
function cellOf(eighths: number | null, row: number, ascii: boolean): string {
	if (eighths === null) return row === 0 ? unknownCell(ascii) : ' ';
	const inRow = eighths - row * EIGHTHS;
	if (inRow >= EIGHTHS) return ascii ? '#' : '█';
	if (inRow > 0) return ascii ? (inRow >= EIGHTHS / 2 ? '#' : row === 0 ? '_' : ' ') : BLOCKS[inRow - 1]!;
	return ' ';
}

const unknownCell = (ascii: boolean): string => (ascii ? ':' : '·');
