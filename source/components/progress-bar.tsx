import {Text} from 'ink';
import {formatCount, formatPercent, progressBar} from '../lib/format.js';
import {displayWidth, truncateToWidth} from '../lib/text.js';

// Records processed against the source count, on one line: a bar and then the numbers. The numbers come
// first in priority: on a narrow pane the bar shrinks and then goes, the numbers stay. The bar is
// bracketed because its Unicode track is blank and would not show where it ends without colour.

/** Narrower than this, a bar says nothing the numbers do not. */
const MIN_BAR = 5;

export function progressLine(processed: number | null, source: number | null, width: number, ascii: boolean): {bar: string; label: string} {
	const label = `${formatCount(processed)}/${formatCount(source)} ${formatPercent(processed, source)}`;
	const barWidth = width - displayWidth(label) - 3;
	if (barWidth < MIN_BAR) return {bar: '', label: truncateToWidth(label, width)};
	const fraction = processed !== null && source !== null && source > 0 ? processed / source : null;
	return {bar: `[${progressBar(fraction, barWidth, ascii)}]`, label};
}

export type ProgressBarProps = {
	processed: number | null;
	source: number | null;
	width: number;
	ascii: boolean;
	color?: string;
};

export function ProgressBar({processed, source, width, ascii, color = 'cyan'}: ProgressBarProps) {
	const {bar, label} = progressLine(processed, source, width, ascii);
	return (
		<Text wrap="truncate">
			{bar === '' ? null : <Text color={color}>{bar}</Text>}
			{bar === '' ? label : ` ${label}`}
		</Text>
	);
}
