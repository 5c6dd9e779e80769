import {createReportFilter, type ReportFilter} from './report-filter.js';

// Mouse reports in SGR form (mode 1006, with 1000 for presses and the wheel): ESC [ < button ; x ; y M
// (press) or m (release), x and y from 1. They arrive in the same stream as the keys, so they are taken
// out of the input before Ink parses it (Ink would hand them to key handlers), and a report split by the
// link is held back until the rest arrives. Only what the app uses is kept: the wheel and a plain left
// press. With Shift held the selection is the terminal's: such a report, if a terminal sends one, is
// dropped rather than acted on.

export type MouseEvent = {kind: 'wheel'; delta: 1 | -1; x: number; y: number} | {kind: 'click'; x: number; y: number};

export type MouseFilter = ReportFilter<MouseEvent>;

const REPORT = /\u001B\[<(\d+);(\d+);(\d+)([Mm])/g;
/** The start of a report at the very end of a chunk (ESC and ESC [ alone are a key's, held by the focus filter). */
const PARTIAL = /\u001B\[<[\d;]*$/;

const SHIFT = 4;
const MOTION = 32;
const WHEEL = 64;

/** What one report means to the app, or null. */
export function mouseEvent(button: number, x: number, y: number, press: boolean): MouseEvent | null {
	if ((button & SHIFT) !== 0 || (button & MOTION) !== 0) return null;
	if ((button & WHEEL) !== 0) return press && (button & 3) < 2 ? {kind: 'wheel', delta: (button & 1) === 1 ? 1 : -1, x, y} : null;
	return press && (button & 3) === 0 ? {kind: 'click', x, y} : null;
}

/**
 * `wheelAs`, when given, writes a wheel report back into the input in its place (as key presses, say),
 * so that it keeps its order among the keys; it is then not among the events.
 */
export function createMouseFilter(wheelAs?: (delta: 1 | -1) => string): MouseFilter {
	return createReportFilter<MouseEvent>(
		(input, events) =>
			input.replaceAll(REPORT, (_match, button: string, x: string, y: string, final: string) => {
				const event = mouseEvent(Number(button), Number(x), Number(y), final === 'M');
				if (event?.kind === 'wheel' && wheelAs) return wheelAs(event.delta);
				if (event !== null) events.push(event);
				return '';
			}),
		text => PARTIAL.exec(text)?.[0] ?? '',
	);
}

/** How close in time two clicks on the same cell must be to count as a double click. */
export const DOUBLE_CLICK_MS = 400;

export type Click = {x: number; y: number; at: number};

/** The second of two clicks on the same row, soon enough. */
export const isDoubleClick = (previous: Click | null, click: Click): boolean =>
	previous !== null && previous.y === click.y && click.at - previous.at >= 0 && click.at - previous.at <= DOUBLE_CLICK_MS;
