import {Box, Text, useInput, type Key} from 'ink';
import {useMemo, useState} from 'react';
import {sameCodeSummary} from '../../runs/error-groups.js';
import {inspectorLines, maxScrollOffset, scrollOffset, scrollPosition, type InspectorLine, type ScrollAction} from '../view/inspector-lines.js';
import {incidentText} from '../../runs/incident-text.js';
import {firstMatchFrom, matchingLines, nextMatch, splitMatches} from '../view/inspector-search.js';
import {runWebUrl} from '../../runs/links.js';
import {runPhase, statusColor, statusGlyph, statusWord} from '../../runs/status.js';
import {osc8Link} from '../../terminal/terminal-sequences.js';
import {displayWidth, truncateToWidth} from '../../text/text.js';
import {useRunStore, useRunStoreApi} from '../../store/react.js';
import {syncDisplayLabel} from '../../runs/sync-label.js';

// One run's error in full: the lines come from inspectorLines (pure, sanitised, fitted to the width); this
// component shows a window of them between a title line and a status line, and handles its own keys
// while active. Keys act through functional state updates and the store's current state, so several keys
// arriving in one chunk each act on what the previous one left.

export type ErrorInspectorProps = {
	runId: number;
	width: number;
	height: number;
	ascii: boolean;
	/** The terminal shows OSC 8 hyperlinks. */
	hyperlinks: boolean;
	/** The API root, from which the web app's address is derived. */
	baseUrl: string;
	workspaceId?: string | null;
	isActive: boolean;
	/** n / N: the App moves to the next (1) or previous (-1) failed run; gives what to say about it, if anything. */
	onNavigate(delta: 1 | -1): {runId: number | null; note: string | null};
	/** y: puts the text on the clipboard (the CLI writes OSC 52); gives what to say about it. */
	onCopy(text: string): string;
	/** `/`: what to find in the error (the App takes the typing), and whether it is being typed. */
	search?: {text: string; editing: boolean};
};

const NO_SEARCH = {text: '', editing: false};
/** Lines shown above a match jumped to, so that it reads in context. */
const MATCH_CONTEXT = 1;

/** The status line's search part: the query (with a cursor while typed) and where the matches are. */
function searchStatus(search: {text: string; editing: boolean}, matches: readonly number[], match: number | null | undefined, ascii: boolean): string {
	const query = `/${search.text}${search.editing ? (ascii ? '_' : '▏') : ''}`;
	if (search.text === '') return `${query} (Enter keeps, Esc clears)`;
	if (matches.length === 0) return `${query} no match`;
	const at = match === null || match === undefined ? -1 : matches.indexOf(match);
	const where = at === -1 ? `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}` : `match ${at + 1} of ${matches.length}`;
	return search.editing ? `${query} ${where}` : `${query} ${where} · ]/[ next/prev · Esc clears`;
}

const scrollActionFor = (input: string, key: Key): ScrollAction | null => {
	if (key.ctrl || key.meta) return null;
	if (key.downArrow || input === 'j') return 'line-down';
	if (key.upArrow || input === 'k') return 'line-up';
	if (key.pageDown) return 'page-down';
	if (key.pageUp) return 'page-up';
	if (key.home || input === 'g') return 'top';
	if (key.end || input === 'G') return 'bottom';
	return null;
};

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

/** Where the view is, and the search match last jumped to (for ]/[ and "match 2 of 5"). */
type Scroll = {runId: number; offset: number; query?: string; match?: number | null};
type Notice = {runId: number; text: string} | null;

export function ErrorInspector({runId, width, height, ascii, hyperlinks, baseUrl, workspaceId, isActive, onNavigate, onCopy, search = NO_SEARCH}: ErrorInspectorProps) {
	const store = useRunStoreApi();
	const entry = useRunStore(state => state.runs[runId]);
	const label = useRunStore(state => {
		const syncId = state.runs[runId]?.run?.syncId;
		return syncId === undefined ? null : syncDisplayLabel(state.syncs, syncId);
	});
	// A string, so that the inspector redraws only when the count it shows changes.
	const sameCode = useRunStore(state => sameCodeSummary(state.runs, runId));
	const [scroll, setScroll] = useState<Scroll>({runId, offset: 0});
	const [notice, setNotice] = useState<Notice>(null);

	const run = entry?.run ?? null;
	const notFound = entry?.notFound ?? false;
	const syncId = run?.syncId;
	const webUrl = useMemo(
		() => (syncId === undefined ? null : runWebUrl({baseUrl, syncId, runId, workspaceId})),
		[baseUrl, syncId, runId, workspaceId],
	);
	const lines = useMemo(
		() => inspectorLines({run, notFound, runId, webUrl, hyperlinks, sameCode}, width),
		[run, notFound, runId, webUrl, hyperlinks, sameCode, width],
	);

	const titleLines = height >= 3 ? 1 : 0;
	const statusLines = height >= 2 ? 1 : 0;
	const view = Math.max(0, height - titleLines - statusLines);
	// A new run starts at the top; a narrower pane (more lines) or a wider one (fewer) keeps the offset in range.
	const offset = scroll.runId === runId ? Math.min(Math.max(0, scroll.offset), maxScrollOffset(lines.length, view)) : 0;
	const matches = useMemo(() => matchingLines(lines, search.text), [lines, search.text]);
	const matchOffset = (line: number) => Math.min(Math.max(0, line - MATCH_CONTEXT), maxScrollOffset(lines.length, view));
	// A new query (or a new run under it) lands on its first match from where the view is.
	if (search.text !== '' && (scroll.query !== search.text || scroll.runId !== runId)) {
		const line = firstMatchFrom(matches, offset);
		setScroll({runId, offset: line === null ? offset : matchOffset(line), query: search.text, match: line});
	} else if (search.text === '' && scroll.query !== undefined) {
		setScroll({runId: scroll.runId, offset: scroll.offset});
	}

	const onChar = (char: string, key: Key) => {
		const action = scrollActionFor(char, key);
		if (action) {
			// Scrolling keeps the search where it is: only a new query jumps.
			setScroll(previous =>
				previous.runId === runId ? {...previous, offset: scrollOffset(previous.offset, action, lines.length, view)} : {runId, offset: scrollOffset(0, action, lines.length, view)},
			);
			setNotice(null);
			return;
		}

		if (key.ctrl || key.meta) return;
		if ((char === ']' || char === '[') && search.text !== '') {
			setScroll(previous => {
				const from = previous.runId === runId ? (previous.match ?? previous.offset) : 0;
				const line = nextMatch(matches, from, char === ']' ? 1 : -1);
				return line === null ? previous : {runId, offset: matchOffset(line), query: search.text, match: line};
			});
			setNotice(null);
		} else if (char === 'y') {
			const text = incidentText({runId, run: store.getState().runs[runId]?.run ?? null, syncLabel: label, webUrl});
			setNotice({runId, text: text === '' ? 'nothing to copy' : onCopy(text)});
		} else if (char === 'n' || char === 'N') {
			const move = onNavigate(char === 'n' ? 1 : -1);
			// Said on the run it lands on (a wrap), or on this one when there is no other.
			setNotice(move.note === null ? null : {runId: move.runId ?? runId, text: move.note});
		}
	};

	useInput(
		// Ink hands a pasted run of letters ("jjj", key repeat over SSH) over as one input: each counts.
		(input, key) => {
			for (const char of input.length > 1 ? [...input] : [input]) {
				// What follows a `/` in the same chunk is the search's text, which the App takes.
				if (char === '/') break;
				onChar(char, key);
			}
		},
		{isActive},
	);

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
			: [searchStatus(search, matches, scroll.runId === runId ? scroll.match : null, ascii), shownNotice, position]
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
