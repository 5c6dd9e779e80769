import {MISSING} from '../../text/format.js';
import {padEndToWidth, padStartToWidth, truncateToWidth} from '../../text/text.js';

// Every table-like line on screen (rows, column titles, help, history, the debug line) pads and cuts its
// cells the same way, so columns line up whatever the text.

/** A cell exactly `width` cells wide, cut with an ellipsis ('~' and '-' for a missing value in ASCII mode). */
export function cell(text: string, width: number, options: {right?: boolean; ascii?: boolean} = {}): string {
	const shown = options.ascii ? text.replaceAll(MISSING, '-') : text;
	const cut = truncateToWidth(shown, width, options.ascii ? '~' : '…');
	return options.right ? padStartToWidth(cut, width) : padEndToWidth(cut, width);
}
