import type {InspectorLine} from './inspector-lines.js';

// `/` in the error inspector: which of its lines hold the typed text, which one to show next, and where
// in a line the text is, for highlighting. Case-insensitive, on the lines as shown (wrapped), so that a
// match is always on the screen when its line is. Pure: the inspector keeps only the query and the offset.

/** Indexes of the lines whose text holds the query; none for an empty query. */
export function matchingLines(lines: readonly InspectorLine[], query: string): number[] {
	const needle = query.toLowerCase();
	if (needle === '') return [];
	return lines.flatMap((line, index) => (line.text.toLowerCase().includes(needle) ? [index] : []));
}

/**
 * The match to show after (delta 1) or before (-1) the one at the top of the view, wrapping around at the
 * ends; null without matches. `from` is the line at the top of the view.
 */
export function nextMatch(matches: readonly number[], from: number, delta: 1 | -1): number | null {
	if (matches.length === 0) return null;
	if (delta === 1) return matches.find(line => line > from) ?? matches[0] ?? null;
	return matches.findLast(line => line < from) ?? matches.at(-1) ?? null;
}

/** The first match at or after `from` (wrapping): where a new query lands. */
export const firstMatchFrom = (matches: readonly number[], from: number): number | null =>
	matches.find(line => line >= from) ?? matches[0] ?? null;

/** The text cut into plain and matching parts, for highlighting; one plain part without a match. */
export function splitMatches(text: string, query: string): Array<{text: string; match: boolean}> {
	const needle = query.toLowerCase();
	if (needle === '') return [{text, match: false}];
	const lower = text.toLowerCase();
	// A few characters change length when lowered (İ): their positions would not match the text's.
	if (lower.length !== text.length) return [{text, match: false}];
	const parts: Array<{text: string; match: boolean}> = [];
	let at = 0;
	for (let found = lower.indexOf(needle); found !== -1; found = lower.indexOf(needle, found + needle.length)) {
		if (found > at) parts.push({text: text.slice(at, found), match: false});
		parts.push({text: text.slice(found, found + needle.length), match: true});
		at = found + needle.length;
	}

	if (at < text.length || parts.length === 0) parts.push({text: text.slice(at), match: false});
	return parts;
}
