import {applySgr, EMPTY_SGR, sgrOf} from './sgr-state.js';
import {clusterWidth, isLoneGrapheme} from '../text/text.js';

// Ink rewrites the whole frame on every render (36 KB/s for one spinner, measured in ink-stack.md). In the
// alternate screen we know exactly where every cell is, so the frame writer sends only the cells that
// changed, each run of them positioned absolutely. A spinner tick on 30 rows costs ~30 small writes
// instead of 30 whole lines.

/**
 * One terminal cell: its text (empty for the right half of a wide character), the SGR state, and the
 * OSC 8 hyperlink it belongs to ('' for none).
 */
export type Cell = {text: string; style: string; link: string; width: 0 | 1 | 2};

/** `raw` is kept for opaque lines (ones holding escape sequences other than SGR), which are rewritten whole. */
export type ParsedLine = {cells: Cell[]; opaque: boolean; raw: string};

const ESC = '\u001B';
const SGR_RESET = `${ESC}[0m`;
const segmenter = new Intl.Segmenter();

// Ink's lines hold text, SGR colour sequences and the app's own OSC 8 links; anything else makes the line
// opaque, and an opaque line is rewritten whole rather than guessed at.
const SGR = /^\u001B\[([0-9;:]*)m/;
const OSC8 = /^\u001B\]8;[^;\u0007\u001B]*;([^\u0007\u001B]*)(?:\u0007|\u001B\\)/;
const openLink = (url: string): string => `${ESC}]8;;${url}\u0007`;

export const parseLine = (line: string): ParsedLine => {
	const cells: Cell[] = [];
	let state = EMPTY_SGR;
	let style = '';
	let link = '';
	let opaque = false;
	let index = 0;
	let textStart = 0;
	const pushCluster = (cluster: string) => {
		const width = clusterWidth(cluster);
		if (width === 0) {
			const previous = cells.at(-1);
			if (previous) previous.text += cluster;
			return;
		}
		cells.push({text: cluster, style, link, width: width >= 2 ? 2 : 1});
		if (width >= 2) cells.push({text: '', style, link, width: 0});
	};
	const flushText = () => {
		if (textStart === index) return;
		const text = line.slice(textStart, index);
		let lone = true;
		for (let at = 0; at < text.length && lone; at++) lone = isLoneGrapheme(text.charCodeAt(at));
		// Almost every cell of a frame is a lone grapheme (ASCII, box drawing, spinner braille): no segmenter needed.
		if (lone) for (const char of text) pushCluster(char);
		else for (const {segment} of segmenter.segment(text)) pushCluster(segment);
	};
	while (index < line.length) {
		if (line.charCodeAt(index) === 0x1b) {
			flushText();
			const rest = line.slice(index, index + 2100);
			const match = SGR.exec(rest);
			if (match) {
				state = applySgr(state, match[1] ?? '');
				style = sgrOf(state);
				index += match[0].length;
				textStart = index;
				continue;
			}
			const hyperlink = OSC8.exec(rest);
			if (hyperlink) {
				link = hyperlink[1] ?? '';
				index += hyperlink[0].length;
				textStart = index;
				continue;
			}
			opaque = true;
			textStart = index;
			break;
		}
		index++;
	}
	flushText();
	// Trailing default-styled spaces look the same as cleared cells.
	while (cells.length > 0 && cells.at(-1)!.text === ' ' && cells.at(-1)!.style === '' && cells.at(-1)!.link === '') cells.pop();
	return {cells, opaque, raw: line};
};

/**
 * The line as the terminal can show it in `columns`: a cell past the edge would wrap onto the next row
 * and break every position after it. A wide character cut by the edge is dropped whole.
 */
export const clipLine = (line: ParsedLine, columns: number): ParsedLine => {
	if (line.cells.length <= columns) return line;
	let end = columns;
	if (line.cells[end]?.width === 0) end--;
	return {cells: line.cells.slice(0, end), opaque: false, raw: ''};
};

const sameCell = (a: Cell | undefined, b: Cell | undefined): boolean =>
	a !== undefined && b !== undefined && a.text === b.text && a.style === b.style && a.link === b.link;

const moveTo = (row: number, column: number): string => `${ESC}[${row + 1};${column + 1}H`;

/** Cells of `cells` from start to end, with the SGR state set before each style change. */
const paint = (cells: Cell[], start: number, end: number): string => {
	let out = '';
	let style = '';
	let link = '';
	for (let index = start; index < end; index++) {
		const cell = cells[index]!;
		if (cell.width === 0) continue;
		if (cell.link !== link) {
			out += openLink(cell.link);
			link = cell.link;
		}
		if (cell.style !== style) {
			// Every paint starts and ends in the default state, so only a change away from a style resets.
			out += (style ? SGR_RESET : '') + cell.style;
			style = cell.style;
		}
		out += cell.text;
	}
	if (link) out += openLink('');
	return style ? out + SGR_RESET : out;
};

/** Two changed spans closer than this are sent as one: a cursor move costs about as much. */
const MERGE_GAP = 6;

const diffLine = (row: number, previous: Cell[], next: Cell[]): string => {
	let out = '';
	let index = 0;
	while (index < next.length) {
		if (sameCell(previous[index], next[index])) {
			index++;
			continue;
		}
		let start = index;
		while (start > 0 && next[start]!.width === 0) start--;
		let end = index + 1;
		let gap = 0;
		for (let probe = end; probe < next.length && gap < MERGE_GAP; probe++) {
			if (sameCell(previous[probe], next[probe])) {
				gap++;
			} else {
				gap = 0;
				end = probe + 1;
			}
		}
		// Never end on the left half of a wide character.
		while (end < next.length && next[end]!.width === 0) end++;
		out += moveTo(row, start) + paint(next, start, end);
		index = end;
	}
	if (previous.length > next.length) out += moveTo(row, next.length) + `${ESC}[K`;
	return out;
};

const EMPTY_LINE: ParsedLine = {cells: [], opaque: false, raw: ''};

const wholeLine = (row: number, line: ParsedLine, clear: boolean): string => {
	const erase = clear ? `${ESC}[2K` : '';
	if (line.opaque) return moveTo(row, 0) + erase + line.raw + SGR_RESET;
	if (line.cells.length === 0) return clear ? moveTo(row, 0) + erase : '';
	return moveTo(row, 0) + erase + paint(line.cells, 0, line.cells.length);
};

/**
 * The bytes that turn `previous` (or an unknown screen, when null) into `next`, for a frame drawn from
 * the top-left corner of the alternate screen. No newline is ever written, so the screen never scrolls.
 */
export const diffScreens = (previous: ParsedLine[] | null, next: ParsedLine[]): string => {
	if (!previous) {
		let out = `${ESC}[H${ESC}[2J`;
		next.forEach((line, row) => {
			out += wholeLine(row, line, false);
		});
		return out;
	}
	let out = '';
	const rows = Math.max(previous.length, next.length);
	for (let row = 0; row < rows; row++) {
		const before = previous[row];
		const after = next[row] ?? EMPTY_LINE;
		if (!before) {
			out += wholeLine(row, after, false);
			continue;
		}
		if (before.opaque || after.opaque) {
			if (before.raw !== after.raw) out += wholeLine(row, after, true);
			continue;
		}
		out += diffLine(row, before.cells, after.cells);
	}
	return out;
};
