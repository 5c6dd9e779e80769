import chalk from 'chalk';
import type {InkColor} from '../../runs/status.js';
import {displayWidth, padEndToWidth, truncateToWidth} from '../../text/text.js';

// Colours and weights as Ink's <Text> applies them, for lines built as one string (components/fixed-line):
// chalk is what Ink colours with, so the colour decision (NO_COLOR, FORCE_COLOR, the terminal's depth) is
// the same one.

export type Paint = {color?: InkColor; bold?: boolean; dim?: boolean; inverse?: boolean};

/** A piece of a line: plain text (already sanitised) and how it looks. */
export type Segment = readonly [text: string, paint?: Paint];

/** The text with the given colour and weights; unchanged when there is nothing to apply or no colour support. */
export function paint(text: string, style: Paint = {}): string {
	if (text === '') return text;
	let painter = chalk;
	if (style.color) painter = painter[style.color];
	if (style.bold) painter = painter.bold;
	if (style.dim) painter = painter.dim;
	if (style.inverse) painter = painter.inverse;
	return painter === chalk ? text : painter(text);
}

/**
 * The segments painted as one line of exactly `width` cells: cut at the width (between clusters, without
 * an ellipsis: the cells are cut to their columns already, this only guards a terminal narrower than the
 * columns' minimum), then padded with spaces in the last segment's paint.
 */
export function paintLine(segments: readonly Segment[], width: number): string {
	let line = '';
	let used = 0;
	let last: Paint | undefined;
	for (const [text, style] of segments) {
		if (used >= width) break;
		const room = width - used;
		const textWidth = displayWidth(text);
		const shown = textWidth <= room ? text : truncateToWidth(text, room, '');
		line += paint(shown, style);
		used += shown === text ? textWidth : displayWidth(shown);
		last = style;
		// Nothing of a later segment may show after one that was cut.
		if (shown !== text) break;
	}

	return used < width ? line + paint(padEndToWidth('', width - used), last) : line;
}
