import {Box, Text} from 'ink';
import {useStore} from 'zustand';
import {digestLines, digestTitle, type AwayDigest} from '../../runs/away-digest.js';
import {displayWidth} from '../../text/text.js';
import type {AwayStoreApi} from '../../store/away-store.js';
import {cell} from '../view/cell.js';

// The "while you were away" box, drawn over the top of the body until any key closes it. Ink paints a box
// over what lies beneath without clearing it, so every line of the box is drawn whole, border to border,
// in exactly its width.

const CLOSE_HINT = 'any key to close';
const MIN_WIDTH = 30;
const MAX_WIDTH = 100;
/** Borders and a space of padding on each side. */
const FRAME = 4;

const BORDERS = {
	unicode: {top: ['┌', '─', '┐'], side: '│', bottom: ['└', '─', '┘']},
	ascii: {top: ['+', '-', '+'], side: '|', bottom: ['+', '-', '+']},
} as const;

/** A border line with `label` set into it after two fill characters, exactly `width` cells. */
function borderLine([left, fill, right]: readonly [string, string, string], label: string, width: number, ascii: boolean): string {
	const inner = width - 2;
	const text = label === '' ? '' : ` ${cell(label, Math.max(0, Math.min(displayWidth(label), inner - 4)), {ascii})} `;
	const lead = Math.min(2, inner);
	return left + fill.repeat(lead) + text + fill.repeat(Math.max(0, inner - lead - displayWidth(text))) + right;
}

export type BoxLine = {text: string; failure: boolean};

/**
 * The box's lines, each exactly as wide as the box, at most `height` of them: failures first, cut with a
 * count of those left out when there are too many, then the line of other endings.
 */
export function digestBoxLines(digest: AwayDigest, options: {width: number; height: number; ascii: boolean}): BoxLine[] {
	const {ascii} = options;
	const borders = ascii ? BORDERS.ascii : BORDERS.unicode;
	const title = digestTitle(digest);
	const content = digestLines(digest, {ascii});
	const wanted = Math.max(MIN_WIDTH, displayWidth(title) + 8, ...content.map(line => displayWidth(line) + FRAME));
	const width = Math.max(FRAME + 1, Math.min(options.width, MAX_WIDTH, wanted));
	const room = Math.max(1, options.height - 2);
	const failures = content.slice(0, digest.failed.length).map(text => ({text, failure: true}));
	const counts = content.slice(digest.failed.length).map(text => ({text, failure: false}));
	let shown = [...failures, ...counts];
	if (shown.length > room) {
		const keep = Math.max(0, room - 1 - counts.length);
		const more = {text: `${ascii ? '...' : '…'} and ${failures.length - keep} more failed`, failure: true};
		shown = [...failures.slice(0, keep), more, ...counts].slice(0, room);
	}

	return [
		{text: borderLine(borders.top, title, width, ascii), failure: false},
		...shown.map(line => ({text: `${borders.side} ${cell(line.text, width - FRAME, {ascii})} ${borders.side}`, failure: line.failure})),
		{text: borderLine(borders.bottom, CLOSE_HINT, width, ascii), failure: false},
	];
}

/** The box over the top left of the body, or nothing while there is no digest. */
export function AwayDigestBox({away, width, height, ascii}: {away: AwayStoreApi; width: number; height: number; ascii: boolean}) {
	const digest = useStore(away, state => state.digest);
	if (digest === null || height < 3 || width < FRAME + 1) return null;
	const left = width >= MIN_WIDTH + 4 ? 2 : 0;
	const lines = digestBoxLines(digest, {width: width - left, height, ascii});
	return (
		<Box position="absolute" marginLeft={left} flexDirection="column" width={width - left} height={lines.length}>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate" bold={index === 0} color={line.failure ? 'red' : undefined}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
