import type {RunEntry} from '../../runs/model.js';
import {sameCodeSummary} from '../../runs/error-groups.js';
import type {InspectorScroll} from '../../store/ui-store.js';
import {inspectorLines, maxScrollOffset, scrollOffset, type InspectorLine, type ScrollAction} from './inspector-lines.js';
import {firstMatchFrom, matchingLines, nextMatch} from './inspector-search.js';

// Where the error inspector's view is, worked out the same way by the screen that draws it and by the keys
// that move it (which may act before the screen is even shown: `e` and PgDn in one read). The store keeps
// the offset for one run; another run starts at the top, or at the search's first match.

/** Lines shown above a match jumped to, so that it reads in context. */
const MATCH_CONTEXT = 1;

/** The lines of error shown at once in a pane `height` lines high: a title line above, a status line below. */
export const inspectorViewRows = (height: number): number => Math.max(0, height - (height >= 3 ? 1 : 0) - (height >= 2 ? 1 : 0));

export type InspectorPage = {lines: readonly InspectorLine[]; view: number};

type PageSize = {width: number; height: number; hyperlinks: boolean; webUrl(runId: number, syncId: number): string | null};

/** The inspector's lines for a run in a pane of this size, as the screen draws them, for the keys that scroll it. */
export function inspectorPageOf(runs: Readonly<Record<number, RunEntry>>, runId: number, {width, height, hyperlinks, webUrl}: PageSize): InspectorPage {
	const entry = runs[runId];
	const run = entry?.run ?? null;
	const url = run === null ? null : webUrl(runId, run.syncId);
	const lines = inspectorLines({run, notFound: entry?.notFound ?? false, runId, webUrl: url, hyperlinks, sameCode: sameCodeSummary(runs, runId)}, width);
	return {lines, view: inspectorViewRows(height)};
}

const matchOffset = (line: number, {lines, view}: InspectorPage): number => Math.min(Math.max(0, line - MATCH_CONTEXT), maxScrollOffset(lines.length, view));

/** The view on `runId` now: its first line, and the match last jumped to (null: none). */
export function inspectorPosition(scroll: InspectorScroll, runId: number, page: InspectorPage, query: string): {offset: number; match: number | null} {
	if (scroll.runId === runId) return {offset: Math.min(Math.max(0, scroll.offset), maxScrollOffset(page.lines.length, page.view)), match: scroll.match};
	const line = query === '' ? null : firstMatchFrom(matchingLines(page.lines, query), 0);
	return line === null ? {offset: 0, match: null} : {offset: matchOffset(line, page), match: line};
}

/** After a scroll key; the search keeps its match (only a new query jumps). */
export function scrolled(scroll: InspectorScroll, runId: number, page: InspectorPage, query: string, action: ScrollAction): InspectorScroll {
	const {offset, match} = inspectorPosition(scroll, runId, page, query);
	return {runId, offset: scrollOffset(offset, action, page.lines.length, page.view), match};
}

/** After ]/[ : the next (1) or previous (-1) match from the last one jumped to; unchanged without matches. */
export function jumpedToMatch(scroll: InspectorScroll, runId: number, page: InspectorPage, query: string, delta: 1 | -1): InspectorScroll {
	const {offset, match} = inspectorPosition(scroll, runId, page, query);
	const line = nextMatch(matchingLines(page.lines, query), match ?? offset, delta);
	return line === null ? {runId, offset, match} : {runId, offset: matchOffset(line, page), match: line};
}

/** After the query changed: its first match from where the view is (the view stays without one). */
export function searched(scroll: InspectorScroll, runId: number, page: InspectorPage, query: string): InspectorScroll {
	const {offset} = inspectorPosition(scroll, runId, page, '');
	const line = query === '' ? null : firstMatchFrom(matchingLines(page.lines, query), offset);
	return line === null ? {runId, offset, match: null} : {runId, offset: matchOffset(line, page), match: line};
}
