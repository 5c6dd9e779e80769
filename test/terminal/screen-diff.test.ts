import xterm from '@xterm/headless';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {clipLine, diffScreens, parseLine, type ParsedLine} from '../../source/terminal/screen-diff.js';

const COLUMNS = 40;
const ROWS = 12;

const newTerminal = () => new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true});

const writeAll = (terminal: InstanceType<typeof xterm.Terminal>, data: string) =>
	new Promise<void>(resolve => {
		terminal.write(data, resolve);
	});

const screenText = (terminal: InstanceType<typeof xterm.Terminal>): string[] => {
	const lines: string[] = [];
	for (let row = 0; row < ROWS; row++) lines.push(terminal.buffer.active.getLine(row)?.translateToString(true) ?? '');
	return lines;
};

const fgAt = (terminal: InstanceType<typeof xterm.Terminal>, row: number, column: number): number =>
	terminal.buffer.active.getLine(row)?.getCell(column)?.getFgColor() ?? -1;

const stripSgr = (line: string) => line.replace(/\u001B\[[0-9;]*m/g, '');

const parse = (frame: string[]): ParsedLine[] => frame.map(line => parseLine(line));

describe('parseLine', () => {
	it('splits text into cells with their colour, wide characters taking two', () => {
		const {cells, opaque} = parseLine('a\u001B[31m数b\u001B[39mc');
		expect(opaque).toBe(false);
		expect(cells.map(cell => [cell.text, cell.width])).toEqual([
			['a', 1],
			['数', 2],
			['', 0],
			['b', 1],
			['c', 1],
		]);
		expect(cells[1]!.style).toBe('\u001B[31m');
		expect(cells[4]!.style).toBe('');
	});

	it('marks a line holding a non-colour escape sequence as opaque', () => {
		expect(parseLine('\u001B]0;title\u0007x').opaque).toBe(true);
		expect(parseLine('a\u001B[2Jb').opaque).toBe(true);
	});
});

describe('diffScreens', () => {
	it('sends only the changed cells of a line', () => {
		const before = parse(['run 1  working  12/50', 'run 2  completed']);
		const after = parse(['run 1  working  13/50', 'run 2  completed']);
		const out = diffScreens(before, after);
		expect(out).toBe('\u001B[1;18H3');
	});

	it('sends nothing when nothing changed', () => {
		const frame = parse(['a', '\u001B[32mb\u001B[39m']);
		expect(diffScreens(frame, parse(['a', '\u001B[32mb\u001B[39m']))).toBe('');
	});

	it('erases what a shorter line or a shorter frame leaves behind', async () => {
		const terminal = newTerminal();
		const first = parse(['hello world', 'second line', 'third']);
		await writeAll(terminal, diffScreens(null, first));
		await writeAll(terminal, diffScreens(first, parse(['hello', 'second line'])));
		expect(screenText(terminal).slice(0, 3)).toEqual(['hello', 'second line', '']);
	});

	it('never writes a newline, so the screen cannot scroll', () => {
		const out = diffScreens(null, parse(Array.from({length: ROWS}, (_, index) => `line ${index}`)));
		expect(out).not.toContain('\n');
	});

	it('keeps the terminal identical to the frame over any sequence of frames', async () => {
		// No emoji here: @xterm/headless uses Unicode 6 widths, where emoji take one cell.
		const word = fc.constantFrom('run', '数据', 'ok', ' ', 'x', '同步', 'é', 'e\u0301', '⠋', '│', '✓');
		const colour = fc.constantFrom('', '\u001B[31m', '\u001B[1m\u001B[32m');
		const line = fc
			.array(fc.tuple(colour, word), {maxLength: 8})
			.map(parts => parts.map(([sgr, text]) => (sgr ? `${sgr}${text}\u001B[0m` : text)).join(''))
			.filter(text => stripSgr(text).length <= COLUMNS / 2);
		const frame = fc.array(line, {minLength: 1, maxLength: ROWS - 1});
		await fc.assert(
			fc.asyncProperty(fc.array(frame, {minLength: 1, maxLength: 6}), async frames => {
				const terminal = newTerminal();
				let shown: ParsedLine[] | null = null;
				for (const next of frames) {
					const parsed = parse(next);
					await writeAll(terminal, diffScreens(shown, parsed));
					shown = parsed;
					const expected = next.map(text => stripSgr(text).trimEnd());
					expect(screenText(terminal).slice(0, next.length).map(text => text.trimEnd())).toEqual(expected);
					expect(screenText(terminal).slice(next.length).every(text => text.trim() === '')).toBe(true);
				}
				terminal.dispose();
			}),
			{numRuns: 60},
		);
	});

	it('repaints colour where only the colour changed', async () => {
		const terminal = newTerminal();
		const first = parse(['\u001B[32mok\u001B[39m']);
		await writeAll(terminal, diffScreens(null, first));
		const green = fgAt(terminal, 0, 0);
		await writeAll(terminal, diffScreens(first, parse(['\u001B[31mok\u001B[39m'])));
		expect(fgAt(terminal, 0, 0)).not.toBe(green);
		expect(screenText(terminal)[0]).toBe('ok');
	});
});

describe('hyperlinks and clipping', () => {
	it('keeps an OSC 8 link as part of each cell and closes it after painting', () => {
		const line = parseLine('see \u001B]8;;https://x.test/a\u0007here\u001B]8;;\u0007.');
		expect(line.opaque).toBe(false);
		expect(line.cells.map(cell => cell.link)).toEqual(['', '', '', '', 'https://x.test/a', 'https://x.test/a', 'https://x.test/a', 'https://x.test/a', '']);
		const out = diffScreens(null, [line]);
		expect(out).toContain('\u001B]8;;https://x.test/a\u0007here\u001B]8;;\u0007');
	});

	it('clips a line to the terminal width, dropping a wide character the edge would cut', () => {
		expect(clipLine(parseLine('abcdef'), 4).cells.map(cell => cell.text).join('')).toBe('abcd');
		expect(clipLine(parseLine('abc数'), 4).cells.map(cell => cell.text).join('')).toBe('abc');
		const short = parseLine('ab');
		expect(clipLine(short, 4)).toBe(short);
	});
});
