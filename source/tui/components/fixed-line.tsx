import {Transform} from 'ink';
import {paintLine, type Segment} from '../view/paint.js';

// Ink 6.8 measures every <Text> by its content and keeps each distinct string it ever measured in a
// module-level cache that is never emptied (vadimdemedes/ink#986): a list whose durations tick every
// second adds a copy of every working row to it each second, about 10 MB per 1,000 frames with 50
// working runs, hundreds of MB a day for a screen left open. A line given here is measured as a blank of
// its width (one cache entry per width, ever) and painted by a transform, which Ink applies only when it
// writes the frame. That also spares Ink segmenting the line's graphemes twice per frame to measure it.
// The bundle the bin runs also bounds that cache (terminal/ink-patches/measure-text.ts); this keeps rows cheap to
// measure, and keeps the app's heap flat under the stock Ink that the component tests render with.

/** Blanks by width, shared by every line of that width. */
const blanks = new Map<number, string>();
const blank = (width: number): string => {
	let text = blanks.get(width);
	if (text === undefined) {
		text = ' '.repeat(width);
		blanks.set(width, text);
	}

	return text;
};

export type FixedLineProps = {
	/** Plain (sanitised) text and its paint, cut and padded here to exactly `width` cells. */
	segments: readonly Segment[];
	width: number;
};

/** One line of a known width, measured by its width alone. */
export function FixedLine({segments, width}: FixedLineProps) {
	if (width <= 0) return null;
	const line = paintLine(segments, width);
	return <Transform transform={() => line}>{blank(width)}</Transform>;
}
