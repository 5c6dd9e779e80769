import type {SyncRun} from '../../census/types.js';
import {explainErrorCode} from '../../runs/error-codes.js';
import {formatCountFull} from '../../text/format.js';
import {runProgress} from '../../runs/run-figures.js';
import {runPhase} from '../../runs/status.js';
import {sanitizeText} from '../../text/sanitize.js';
import {displayWidth, truncateToWidth, wrapToWidth} from '../../text/text.js';

// The error inspector's content as plain lines for one width, so that wrapping and scrolling are pure:
// the component only picks the visible slice and styles it. Everything from the API is sanitised here
// (multiline for message and detail, which often hold stack traces and SQL) and every line fits the width.

export type InspectorLineStyle = 'code' | 'title' | 'explanation' | 'text' | 'link' | 'muted' | 'blank';

export type InspectorLine = {
	/** Bold label column ('Message  '), or spaces under a label, or ''. */
	label: string;
	text: string;
	style: InspectorLineStyle;
	/** For 'link' lines: the URL the text stands for. */
	url?: string;
};

export type InspectorInput = {
	run: SyncRun | null;
	notFound: boolean;
	runId: number;
	/** The run in the Census web app, or null when no URL can be made. */
	webUrl: string | null;
	/** The terminal shows OSC 8 links: the URL line can be cut, since the link keeps the whole URL. */
	hyperlinks: boolean;
	/** Other watched runs with the same code ('3 other failed runs with this code, in 2 syncs'), or null. */
	sameCode?: string | null;
};

const LABEL_WIDTH = 9;
/** Below this width labels take a line of their own and values are indented under them. */
const SIDE_LABELS_FROM = 40;
/** Below this width there is no room for an indent either. */
const INDENT_FROM = 12;

/** What goes before a value line: the label column's padding, an indent, or nothing. */
const valuePad = (width: number): string => (width >= SIDE_LABELS_FROM ? ' '.repeat(LABEL_WIDTH) : width >= INDENT_FROM ? '  ' : '');

const valueWidth = (width: number): number => Math.max(1, width - valuePad(width).length);

const blank: InspectorLine = {label: '', text: '', style: 'blank'};

const isPresent = (text: string | null): text is string => text !== null && sanitizeText(text).trim() !== '';

/** The run has an error code, message or detail. */
export const hasError = (run: Pick<SyncRun, 'errorCode' | 'errorMessage' | 'errorDetail'> | null): boolean =>
	run !== null && (isPresent(run.errorCode) || isPresent(run.errorMessage) || isPresent(run.errorDetail));

/** A labelled block: the value's lines beside the label, or under it on a narrow pane. */
function labelled(label: string, values: string[], style: InspectorLineStyle, width: number, url?: string): InspectorLine[] {
	const pad = valuePad(width);
	const inner = valueWidth(width);
	const lines = values.map((text, index): InspectorLine => {
		const lead = width >= SIDE_LABELS_FROM && index === 0 ? label.padEnd(LABEL_WIDTH) : pad;
		const line: InspectorLine = {label: lead, text: truncateToWidth(text, inner), style};
		return url === undefined ? line : {...line, url};
	});
	return width >= SIDE_LABELS_FROM ? lines : [{label: truncateToWidth(label, width), text: '', style: 'text'}, ...lines];
}

const wrapped = (text: string | null, width: number): string[] => {
	const clean = sanitizeText(text, {multiline: true}).replace(/\s+$/, '');
	return clean.trim() === '' ? [] : wrapToWidth(clean, width);
};

/** Counts as "label value" items packed into as few lines as fit, two spaces apart; "to send" is updates + deletes. */
function countLines(run: SyncRun, width: number): string[] {
	const items = [
		`source ${formatCountFull(run.sourceRecordCount)}`,
		`to send ${formatCountFull(runProgress(run, runPhase(run)).toSend)}`,
		`processed ${formatCountFull(run.recordsProcessed)}`,
		`failed ${formatCountFull(run.recordsFailed)}`,
		`invalids ${formatCountFull(run.sourceRecordInvalids)}`,
	];
	const lines: string[] = [];
	for (const item of items) {
		const last = lines.at(-1);
		if (last !== undefined && displayWidth(last) + 2 + displayWidth(item) <= width) lines[lines.length - 1] = `${last}  ${item}`;
		else lines.push(truncateToWidth(item, width));
	}

	return lines;
}

/**
 * The web-app URL on a line of its own from the pane's first column, never broken over lines: a URL in
 * pieces (with the label column's padding between them) cannot be selected in a terminal. Wider than the
 * pane it is cut; with OSC 8 the link still holds it whole, without it a line says it is cut.
 */
function linkLines(input: InspectorInput, width: number): InspectorLine[] {
	if (input.webUrl === null) return labelled('Web app', ['—'], 'muted', width);
	const url = sanitizeText(input.webUrl);
	const fits = displayWidth(url) <= width;
	const lines: InspectorLine[] = [
		{label: truncateToWidth('Web app', width), text: '', style: 'text'},
		{label: '', text: fits ? url : truncateToWidth(url, width), style: 'link', url},
	];
	if (!fits && !input.hyperlinks) {
		lines.push({label: '', text: truncateToWidth('(cut at the edge of the pane: whole in a wider one)', width), style: 'muted'});
	}

	return lines;
}

function codeLines(run: SyncRun, width: number): InspectorLine[] {
	const inner = valueWidth(width);
	const code = sanitizeText(run.errorCode).trim();
	const explained = explainErrorCode(run.errorCode);
	const lines = labelled('Code', [truncateToWidth(code === '' ? 'none' : code, inner)], 'code', width);
	const pad = valuePad(width);
	// An uncatalogued code's "title" is the code itself: saying it twice adds nothing.
	if (explained.source !== 'none') lines.push({label: pad, text: truncateToWidth(explained.title, inner), style: 'title'});
	for (const text of wrapToWidth(explained.explanation, inner)) lines.push({label: pad, text, style: 'explanation'});
	return lines;
}

/**
 * Every line of the inspector for a pane `width` cells wide: the code and what it means, how many other
 * watched runs share it, counts for context, the web-app link, then the message and the detail in full,
 * wrapped.
 */
export function inspectorLines(input: InspectorInput, width: number): InspectorLine[] {
	const {run} = input;
	const inner = valueWidth(width);
	if (input.notFound) return [{label: '', text: truncateToWidth(`Run ${input.runId} was not found.`, width), style: 'muted'}];
	if (run === null) return [{label: '', text: truncateToWidth('Waiting for the first answer.', width), style: 'muted'}];

	const context = [...labelled('Records', countLines(run, inner), 'text', width), ...linkLines(input, width)];
	if (!hasError(run)) {
		return [{label: '', text: truncateToWidth('This run has no error.', width), style: 'text'}, blank, ...context];
	}

	const message = wrapped(run.errorMessage, inner);
	const detail = wrapped(run.errorDetail, inner);
	const sameCode = input.sameCode ? wrapToWidth(sanitizeText(input.sameCode), inner) : [];
	return [
		...codeLines(run, width),
		...(sameCode.length > 0 ? labelled('Seen', sameCode, 'muted', width) : []),
		blank,
		...context,
		blank,
		...labelled('Message', message.length === 0 ? ['(none)'] : message, message.length === 0 ? 'muted' : 'text', width),
		blank,
		...labelled('Detail', detail.length === 0 ? ['(none)'] : detail, detail.length === 0 ? 'muted' : 'text', width),
	];
}

export type ScrollAction = 'line-up' | 'line-down' | 'page-up' | 'page-down' | 'top' | 'bottom';

/** The largest first-line index that still fills the view. */
export const maxScrollOffset = (lineCount: number, viewHeight: number): number => Math.max(0, lineCount - Math.max(1, viewHeight));

/** The first visible line after a scroll key; a page keeps one line of the previous page in view. */
export function scrollOffset(offset: number, action: ScrollAction, lineCount: number, viewHeight: number): number {
	const max = maxScrollOffset(lineCount, viewHeight);
	const page = Math.max(1, viewHeight - 1);
	const from = Math.min(Math.max(0, offset), max);
	const next = {
		'line-up': from - 1,
		'line-down': from + 1,
		'page-up': from - page,
		'page-down': from + page,
		top: 0,
		bottom: max,
	}[action];
	return Math.min(Math.max(0, next), max);
}

/** Where the view is: 'lines 21–40 of 57', or 'all 12 lines' when everything shows. */
export function scrollPosition(offset: number, lineCount: number, viewHeight: number, ascii: boolean): string {
	if (lineCount <= viewHeight) return `all ${lineCount} ${lineCount === 1 ? 'line' : 'lines'}`;
	const first = Math.min(Math.max(0, offset), maxScrollOffset(lineCount, viewHeight)) + 1;
	const last = Math.min(lineCount, first + Math.max(1, viewHeight) - 1);
	return `lines ${first}${ascii ? '-' : '–'}${last} of ${lineCount}`;
}
