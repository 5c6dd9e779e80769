import {Text} from 'ink';
import {formatCount, formatPercent, progressBar} from '../../text/format.js';
import type {RunProgress} from '../../runs/run-figures.js';
import {statusColor, type RunPhase} from '../../runs/status.js';
import {displayWidth, truncateToWidth} from '../../text/text.js';

// Records processed against the records to send (source updates + deletes), on one line: a bar and then
// the numbers. The numbers come first in priority: on a narrow pane the bar shrinks and then goes, the
// numbers stay. A run that has ended has no partial bar: it is full, in its outcome's colour, with the
// share the destination rejected at its end, in red and in a glyph of its own (all of it for a failed run). The bar is bracketed because its Unicode track is
// blank and would not show where it ends without colour.

/** Narrower than this, a bar says nothing the numbers do not. */
const MIN_BAR = 5;

export type ProgressLine = {
	/** The bar's filled part (or all of it for an ended run), its rejected part, and the brackets. */
	bar: {done: string; failed: string} | null;
	label: string;
};

function progressLabel(progress: RunProgress, ascii: boolean): string {
	const numbers = `${formatCount(progress.processed)}/${formatCount(progress.toSend)} ${formatPercent(progress.processed, progress.toSend)}`;
	const failed = progress.failed !== null && progress.failed > 0 ? ` ${ascii ? 'x' : '✗'}${formatCount(progress.failed)} failed` : '';
	return numbers + failed;
}

const failedGlyphs = (cells: number, ascii: boolean): string => (ascii ? 'x' : '▒').repeat(cells);

export function progressLine(progress: RunProgress, phase: RunPhase, width: number, ascii: boolean): ProgressLine {
	const label = progressLabel(progress, ascii);
	const barWidth = width - displayWidth(label) - 3;
	if (barWidth < MIN_BAR) return {bar: null, label: truncateToWidth(label, width)};
	if (!progress.ended) return {bar: {done: progressBar(progress.fraction, barWidth, ascii), failed: ''}, label};
	// A failed run's whole bar is its failure, so that it does not read as done without colour.
	if (phase === 'failed') return {bar: {done: '', failed: failedGlyphs(barWidth, ascii)}, label};
	const share = progress.failedShare ?? 0;
	// Any rejection gets at least one cell, and so does what went through.
	const failedCells = share > 0 ? Math.min(barWidth - 1, Math.max(1, Math.round(share * barWidth))) : 0;
	return {bar: {done: progressBar(1, barWidth - failedCells, ascii), failed: failedGlyphs(failedCells, ascii)}, label};
}

export type ProgressBarProps = {
	progress: RunProgress;
	phase: RunPhase;
	width: number;
	ascii: boolean;
};

export function ProgressBar({progress, phase, width, ascii}: ProgressBarProps) {
	const {bar, label} = progressLine(progress, phase, width, ascii);
	const color = progress.ended ? statusColor(phase) : 'cyan';
	return (
		<Text wrap="truncate">
			{bar === null ? null : (
				<>
					[<Text color={color}>{bar.done}</Text>
					{bar.failed === '' ? null : <Text color="red">{bar.failed}</Text>}]
				</>
			)}
			{bar === null ? label : ` ${label}`}
		</Text>
	);
}
