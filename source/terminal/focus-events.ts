import {createReportFilter, type ReportFilter} from './report-filter.js';

// With focus reporting on (CSI ? 1004 h) the terminal sends ESC [ I when it gains focus and ESC [ O when
// it loses it, in the same stream as the keys. Ink would hand them to key handlers as the text "[I", so
// they are taken out of the input before Ink sees it. A chunk can end in the middle of a report (a slow
// link splits writes anywhere); its tail is held back until the next chunk or a flush, which costs a
// lone Esc key press no more than the flush delay.

export type FocusEvent = 'focus' | 'blur';

export type FocusFilter = ReportFilter<FocusEvent>;

const ESC = '\u001B';
const REPORT = /\u001B\[([IO])/g;

/** The start of a report at the very end of a chunk: ESC, or ESC [. */
const partialTail = (text: string): string => {
	if (text.endsWith(`${ESC}[`)) return `${ESC}[`;
	return text.endsWith(ESC) ? ESC : '';
};

export function createFocusFilter(): FocusFilter {
	return createReportFilter<FocusEvent>(
		(input, events) =>
			input.replaceAll(REPORT, (_match, kind: string) => {
				events.push(kind === 'I' ? 'focus' : 'blur');
				return '';
			}),
		partialTail,
	);
}
