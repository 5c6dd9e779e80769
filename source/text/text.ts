import stringWidth from 'string-width';

// Widths in terminal cells, measured the way Ink measures them (string-width: wide CJK and emoji take two
// cells, combining marks none). Text is cut only between grapheme clusters, so an accent never loses its
// letter and a wide character is never split. Inputs are plain text, i.e. already through sanitizeText:
// escape sequences are not recognised here.

const segmenter = new Intl.Segmenter();
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), ({segment}) => segment);

// Widths of the clusters and texts seen lately: a screen is redrawn every second from the same labels and
// the same few dozen non-ASCII characters (glyphs, the ellipsis), and segmenting them into graphemes again
// on every call was most of the cost of building a row. Bounded, as labels come from the API and may hold
// any number of distinct strings: a full cache is simply emptied.
const WIDTH_CACHE_LIMIT = 4096;
const clusterWidths = new Map<string, number>();
const textWidths = new Map<string, number>();

/** `measure(key)`, remembered in `cache`, which is emptied whenever it holds `limit` entries. */
export function remembered<V>(cache: Map<string, V>, key: string, measure: (key: string) => V, limit = WIDTH_CACHE_LIMIT): V {
	let value = cache.get(key);
	if (value === undefined) {
		value = measure(key);
		if (cache.size >= limit) cache.clear();
		cache.set(key, value);
	}

	return value;
}

/** Cells one grapheme cluster takes (the way Ink measures it). */
export function clusterWidth(cluster: string): number {
	if (cluster.length === 1) {
		const code = cluster.charCodeAt(0);
		if (code >= 0x20 && code <= 0x7e) return 1;
	}

	return remembered(clusterWidths, cluster, stringWidth);
}

/**
 * Characters that are always a grapheme of their own, next to each other and to SGR and OSC 8 sequences:
 * printable ASCII, Latin-1 and Latin Extended (not the soft hyphen, a format character), and the
 * punctuation, arrows, box drawing, braille and symbols a watcher's rows are made of (not the format
 * characters at U+2028..U+202F and U+2060..U+206F, nor the combining marks at U+20D0..U+20FF).
 * test/text/text.test.ts checks every one of them against the segmenter and Ink's tokenizer.
 */
export const isLoneGrapheme = (code: number): boolean =>
	(code >= 0x20 && code <= 0x7e) ||
	(code >= 0xa0 && code <= 0x2ff && code !== 0xad) ||
	(code >= 0x2010 && code <= 0x2027) ||
	(code >= 0x2030 && code <= 0x205f) ||
	(code >= 0x2070 && code <= 0x20cf) ||
	(code >= 0x2100 && code <= 0x2bff);

/** A width argument as a whole number of cells; NaN, infinities and negatives mean 0. */
const cells = (width: number): number => (Number.isFinite(width) ? Math.max(0, Math.floor(width)) : 0);

const clustersWidth = (text: string): number => {
	let width = 0;
	for (const cluster of graphemes(text)) width += clusterWidth(cluster);
	return width;
};

/** Cells the text takes in a terminal. */
export function displayWidth(text: string): number {
	if (PRINTABLE_ASCII.test(text)) return text.length;
	return remembered(textWidths, text, clustersWidth);
}

/** The longest run of whole clusters from the start that fits in `width` cells, and its width. */
function takePrefix(text: string, width: number): {prefix: string; width: number} {
	if (PRINTABLE_ASCII.test(text)) return {prefix: text.slice(0, width), width: Math.min(width, text.length)};
	let prefix = '';
	let used = 0;
	for (const cluster of graphemes(text)) {
		const cellsOfCluster = clusterWidth(cluster);
		if (used + cellsOfCluster > width) break;
		prefix += cluster;
		used += cellsOfCluster;
	}

	return {prefix, width: used};
}

/**
 * The text cut to at most `width` cells, ending in `ellipsis` when something was cut. Never wider than
 * `width`; it may be one cell narrower when a wide character would straddle the edge. When even the
 * ellipsis does not fit, the text is cut without one.
 */
export function truncateToWidth(text: string, width: number, ellipsis = '…'): string {
	const limit = cells(width);
	if (displayWidth(text) <= limit) return text;
	const ellipsisWidth = displayWidth(ellipsis);
	if (ellipsisWidth > limit) return takePrefix(text, limit).prefix;
	// A cut that lands just after the text's own ellipsis ("fetching more…, oldest…") needs no second one.
	const kept = takePrefix(text, limit - ellipsisWidth).prefix.trimEnd();
	return kept.endsWith(ellipsis) ? kept : kept + ellipsis;
}

/** The text followed by spaces up to `width` cells; wider text is returned as it is. */
export function padEndToWidth(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, cells(width) - displayWidth(text)));
}

/** Spaces and then the text, up to `width` cells; wider text is returned as it is. */
export function padStartToWidth(text: string, width: number): string {
	return ' '.repeat(Math.max(0, cells(width) - displayWidth(text))) + text;
}

/** Exactly `width` cells: truncated with an ellipsis, then padded with spaces. */
export function fitToWidth(text: string, width: number): string {
	return padEndToWidth(truncateToWidth(text, width), width);
}

/** Cuts a word wider than a line into line-sized pieces (a character wider than `width` gets a line of its own). */
function hardBreak(word: string, width: number): string[] {
	const pieces: string[] = [];
	let piece = '';
	let used = 0;
	for (const cluster of graphemes(word)) {
		const cellsOfCluster = clusterWidth(cluster);
		if (used + cellsOfCluster > width && piece !== '') {
			pieces.push(piece);
			piece = '';
			used = 0;
		}

		piece += cluster;
		used += cellsOfCluster;
	}

	pieces.push(piece);
	return pieces;
}

function wrapParagraph(paragraph: string, width: number, lines: string[]): void {
	let line = '';
	let lineWidth = 0;
	// Spaces before the first word are indentation and stay; spaces where a line breaks are dropped.
	let indent = true;
	let gap = '';
	for (const token of paragraph.match(/ +|[^ ]+/g) ?? []) {
		if (token.startsWith(' ')) {
			gap = token;
			continue;
		}

		const tokenWidth = displayWidth(token);
		if (line !== '' && lineWidth + gap.length + tokenWidth <= width) {
			line += gap + token;
			lineWidth += gap.length + tokenWidth;
		} else {
			if (line !== '') lines.push(line);
			const start = indent ? gap + token : token;
			const pieces = displayWidth(start) <= width ? [start] : hardBreak(start, width);
			lines.push(...pieces.slice(0, -1));
			line = pieces.at(-1) ?? '';
			lineWidth = displayWidth(line);
		}

		indent = false;
		gap = '';
	}

	lines.push(line);
}

/**
 * Word-wraps text into lines of at most `width` cells (at least 1): breaks at spaces, cuts words longer
 * than a line, keeps every `\n` as a line break (so blank lines stay), keeps a paragraph's leading
 * indentation and drops spaces at the end of a line. A line is wider than `width` only when it is a single
 * cluster wider than that (a two-cell character at width 1, a base with spacing marks): it then gets a line
 * of its own.
 */
export function wrapToWidth(text: string, width: number): string[] {
	const limit = Math.max(1, cells(width));
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) wrapParagraph(paragraph, limit, lines);
	return lines;
}
