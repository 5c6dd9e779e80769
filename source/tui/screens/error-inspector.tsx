import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {sameCodeSummary} from '../../runs/error-groups.js';
import {inspectorLines, scrollPosition, type InspectorLine} from '../view/inspector-lines.js';
import {inspectorPosition, inspectorViewRows} from '../view/inspector-scroll.js';
import {matchingLines, splitMatches} from '../view/inspector-search.js';
import {INSPECTOR_TOP, type InspectorScroll} from '../../store/ui-store.js';
import {runPhase, statusColor, statusGlyph, statusWord} from '../../runs/status.js';
import {osc8Link} from '../../terminal/terminal-sequences.js';
import {displayWidth, truncateToWidth} from '../../text/text.js';
import {useRunStore} from '../../store/react.js';
import {syncDisplayLabel} from '../../runs/sync-label.js';

// One run's error in full: the lines come from inspectorLines (pure, sanitised, fitted to the width); this
// component shows a window of them between a title line and a status line. Where the window is, and what
// y or n/N said, the keys keep in the UI store (keys/inspector-keys.ts): this only draws them.

export type ErrorInspectorProps = {
	runId: number;
	width: number;
	height: number;
	ascii: boolean;
	/** The terminal shows OSC 8 hyperlinks. */
	hyperlinks: boolean;
	/** The run in the Census web app, or null: the App's one link rule, which the keys that scroll this use too. */
	webUrl(runId: number, syncId: number): string | null;
	/** Where the view is (the UI store's; another run's starts at the top or the search's first match). */
	scroll?: InspectorScroll;
	/** What y or n/N said last, shown on the run it was said on. */
	notice?: {runId: number; text: string} | null;
	/** `/`: what to find in the error, and whether it is being typed. */
	search?: {text: string; editing: boolean};
};

const NO_SEARCH = {text: '', editing: false};

/** The status line's search part: the query (with a cursor while typed) and where the matches are. */
function searchStatus(search: {text: string; editing: boolean}, matches: readonly number[], match: number | null | undefined, ascii: boolean): string {
	const query = `/${search.text}${search.editing ? (ascii ? '_' : '▏') : ''}`;
	if (search.text === '') return `${query} (Enter keeps, Esc clears)`;
	if (matches.length === 0) return `${query} no match`;
	const at = match === null || match === undefined ? -1 : matches.indexOf(match);
	const where = at === -1 ? `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}` : `match ${at + 1} of ${matches.length}`;
	return search.editing ? `${query} ${where}` : `${query} ${where} · ]/[ next/prev · Esc clears`;
}

function Line({line, hyperlinks, query}: {line: InspectorLine; hyperlinks: boolean; query: string}) {
	const link = line.style === 'link' && hyperlinks && line.url !== undefined;
	const text = link && line.url !== undefined ? osc8Link(line.url, line.text) : line.text;
	const parts = link || query === '' ? [{text, match: false}] : splitMatches(text, query);
	return (
		<Text wrap="truncate">
			<Text bold>{line.label}</Text>
			<Text
				color={line.style === 'code' ? 'red' : line.style === 'link' ? 'cyan' : undefined}
				bold={line.style === 'code' || line.style === 'title'}
				dimColor={line.style === 'muted'}
				underline={line.style === 'link' && hyperlinks}
			>
				{text === '' ? ' ' : parts.map((part, index) => (part.match ? <Text key={index} inverse>{part.text}</Text> : part.text))}
			</Text>
		</Text>
	);
}

export function ErrorInspector({runId, width, height, ascii, hyperlinks, webUrl: linkOf, scroll = INSPECTOR_TOP, notice = null, search = NO_SEARCH}: ErrorInspectorProps) {
	const entry = useRunStore(state => state.runs[runId]);
	const label = useRunStore(state => {
		const syncId = state.runs[runId]?.run?.syncId;
		return syncId === undefined ? null : syncDisplayLabel(state.syncs, syncId);
	});
	// A string, so that the inspector redraws only when the count it shows changes.
	const sameCode = useRunStore(state => sameCodeSummary(state.runs, runId));

	const run = entry?.run ?? null;
	const notFound = entry?.notFound ?? false;
	const syncId = run?.syncId;
	const webUrl = useMemo(() => (syncId === undefined ? null : linkOf(runId, syncId)), [linkOf, syncId, runId]);
	const lines = useMemo(
		() => inspectorLines({run, notFound, runId, webUrl, hyperlinks, sameCode}, width),
		[run, notFound, runId, webUrl, hyperlinks, sameCode, width],
	);

	const titleLines = height >= 3 ? 1 : 0;
	const statusLines = height >= 2 ? 1 : 0;
	const view = inspectorViewRows(height);
	// A narrower pane (more lines) or a wider one (fewer) keeps the offset in range.
	const {offset, match} = inspectorPosition(scroll, runId, {lines, view}, search.text);
	const matches = useMemo(() => matchingLines(lines, search.text), [lines, search.text]);

	const phase = runPhase(run, notFound);
	const ellipsis = ascii ? '~' : '…';
	const dot = ascii ? ' - ' : ' · ';
	const status = run || notFound ? `${statusGlyph(phase, ascii)} ${statusWord(run, notFound, {full: true})}` : '';
	const head = truncateToWidth('Error  ', width, ellipsis);
	const statusText = truncateToWidth(status, Math.max(0, width - displayWidth(head)), ellipsis);
	const where = truncateToWidth(
		`  run ${runId}${run ? `${dot}${label ?? ''} #${run.syncId}` : ''}`,
		Math.max(0, width - displayWidth(head) - displayWidth(statusText)),
		ellipsis,
	);
	const shownNotice = notice?.runId === runId ? notice.text : null;
	const position = scrollPosition(offset, lines.length, view, ascii);
	const hints = `${ascii ? 'j/k' : '↑↓'} PgUp/PgDn g/G${dot}y copy${dot}n/N failed runs`;
	const statusLine = truncateToWidth(
		(search.text === '' && !search.editing
			? [shownNotice, position, hints]
			: [searchStatus(search, matches, match, ascii), shownNotice, position]
		)
			.filter(part => part !== null)
			.join(dot),
		width,
		ellipsis,
	);

	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{titleLines > 0 ? (
				<Text wrap="truncate">
					<Text bold>{head}</Text>
					<Text bold color={statusColor(phase)}>
						{statusText}
					</Text>
					<Text bold>{where}</Text>
				</Text>
			) : null}
			<Box flexDirection="column" height={view} overflow="hidden">
				{lines.slice(offset, offset + view).map((line, index) => (
					<Line key={offset + index} line={line} hyperlinks={hyperlinks} query={search.text} />
				))}
			</Box>
			{statusLines > 0 ? (
				<Text wrap="truncate" dimColor={shownNotice === null && search.text === '' && !search.editing}>
					{statusLine}
				</Text>
			) : null}
		</Box>
	);
}
