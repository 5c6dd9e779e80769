import {clusterWidth} from './text.js';

// --ascii: every byte the app writes is ASCII. The app's own glyphs have ASCII forms where they are
// drawn; text from the API (a label `Users → Salesforce`, a message with `…` or `—`) is transliterated
// before it is laid out (toAscii), and whatever still reaches the terminal is folded cell for cell at the
// very edge (toAsciiCells), so that no glyph can slip through and the layout Ink measured still holds.

/** Readable ASCII for characters that API text and the app's own text use. */
const TRANSLITERATION: Readonly<Record<string, string>> = {
	'→': '->',
	'←': '<-',
	'↔': '<->',
	'⇒': '=>',
	'⟶': '->',
	'…': '...',
	'—': '-',
	'–': '-',
	'‐': '-',
	'−': '-',
	'·': '.',
	'•': '*',
	'‘': "'",
	'’': "'",
	'‚': "'",
	'“': '"',
	'”': '"',
	'„': '"',
	'«': '<<',
	'»': '>>',
	'✓': '+',
	'✔': '+',
	'✗': 'x',
	'✘': 'x',
	'×': 'x',
	'≥': '>=',
	'≤': '<=',
	'≠': '!=',
	'\u00A0': ' ',
	'€': 'EUR',
	'£': 'GBP',
	'©': '(c)',
	'®': '(R)',
	'™': '(TM)',
};

/** One cell for one cell, where the readable form above is wider: what the last fold uses. */
const ONE_CELL: Readonly<Record<string, string>> = {
	'→': '>',
	'←': '<',
	'⇒': '>',
	'⟶': '>',
	'…': '~',
	'«': '<',
	'»': '>',
	'≥': '>',
	'≤': '<',
	'≠': '#',
	'↑': '^',
	'↓': 'v',
	'─': '-',
	'│': '|',
	'┌': '+',
	'┐': '+',
	'└': '+',
	'┘': '+',
	'█': '#',
	'░': '.',
};

const NON_ASCII = /[^\u0000-\u007F]/;
const segmenter = new Intl.Segmenter();

/** A cluster as ASCII: its readable form, its letters without accents (é → e), or `?`. */
function clusterToAscii(cluster: string): string {
	const known = TRANSLITERATION[cluster];
	if (known !== undefined) return known;
	const bare = cluster.normalize('NFD').replaceAll(/[\u0300-\u036F]/g, '');
	return NON_ASCII.test(bare) ? '?' : bare;
}

/** Text as readable ASCII (`→` becomes `->`, `…` becomes `...`); the width may change, so before layout. */
export function toAscii(text: string): string {
	if (!NON_ASCII.test(text)) return text;
	let out = '';
	for (const {segment} of segmenter.segment(text)) out += NON_ASCII.test(segment) ? clusterToAscii(segment) : segment;
	return out;
}

/** Text as ASCII of the same width, cluster by cluster: for what is already laid out. */
export function toAsciiCells(text: string): string {
	if (!NON_ASCII.test(text)) return text;
	let out = '';
	for (const {segment} of segmenter.segment(text)) {
		if (!NON_ASCII.test(segment)) {
			out += segment;
			continue;
		}

		const width = clusterWidth(segment);
		const readable = ONE_CELL[segment] ?? clusterToAscii(segment);
		out += readable.length === width ? readable : width === 0 ? '' : '?'.repeat(width);
	}

	return out;
}
