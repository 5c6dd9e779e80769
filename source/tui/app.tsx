import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text, useInput, useStdin} from 'ink';
import {useStore} from 'zustand';
import {useShallow} from 'zustand/shallow';
import {createKeyHandler} from './keys/key-handler.js';
import type {KeyActions} from './keys/key-deps.js';
import {keyStateOf, selectedRunId} from './keys/key-state.js';
import {RunStoreProvider, useRunStore} from '../store/react.js';
import type {RunStoreApi} from '../store/run-store.js';
import {createUiStore, type UiStoreApi} from '../store/ui-store.js';
import {createAwayStore, type AwayStoreApi} from '../store/away-store.js';
import {asciiView} from '../store/ascii-view.js';
import {AnimationClockProvider} from './hooks/animation-clock.js';
import {AwayDigestBox} from './components/away-digest.js';
import {DebugLine, type WriterStats} from './components/debug-line.js';
import {Footer} from './components/footer.js';
import {Header} from './components/header.js';
import {hasPromptLine, PromptLine} from './components/prompt-line.js';
import {linkLineCount, LinkLines} from './components/link-lines.js';
import {runWebUrl} from '../runs/links.js';
import {isDoubleClick, type Click} from '../terminal/mouse-events.js';
import {cell} from './view/cell.js';
import {TimeZoneProvider} from './hooks/time-zone.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {COARSE_CLOCK_INTERVAL_MS, useWallClock, WallClockProvider, type WallClock} from './hooks/wall-clock.js';
import {isInterrupt, type KeyContext} from './keys/keymap.js';
import {offReasons} from './keys/key-hints.js';
import {splitKeyPresses} from './keys/key-presses.js';
import {inspectorPageOf} from './view/inspector-scroll.js';
import {filterRunIds, type QuickFilter, type RunFilter} from '../runs/run-filter.js';
import type {RunSort} from '../runs/run-sort.js';
import {sanitizeText} from '../text/sanitize.js';
import {displayWidth, truncateToWidth} from '../text/text.js';
import {copyToClipboard} from '../terminal/clipboard.js';
import {DetailPane} from './screens/detail-pane.js';
import {ErrorInspector} from './screens/error-inspector.js';
import {ErrorGroups, errorsRows} from './screens/error-groups.js';
import {Help, helpMaxScroll} from './screens/help.js';
import {hasFilterLine, listRowAt, listRowsFor, RunList} from './screens/run-list.js';
import {SyncHistory} from './screens/sync-history.js';

// The root: screen routing and layout; every key goes to the one dispatcher (keys/key-handler.ts). The
// frame is `columns` wide and `rows - 1` high (a frame as tall as the terminal makes Ink clear the screen
// and scrollback on every render).

export type AppActions = KeyActions & {
	/**
	 * Put text on the clipboard and say how that went; by default an OSC 52 sequence straight to the terminal
	 * (not through Ink), in the form tmux or screen takes.
	 */
	copyToClipboard?(text: string): string;
};

export type AppOptions = {
	demo: boolean;
	workspaceLabel: string | null;
	/** --group, for the header. */
	group?: string | null;
	readOnly: boolean;
	ascii: boolean;
	animation: boolean;
	hyperlinks: boolean;
	baseUrl: string;
	workspaceId: string | null;
	/** Times on screen move at most once a minute unless their data changes (SSH, --low-bandwidth). */
	lowBandwidth?: boolean;
	/** The local zone (IANA name) wall-clock times are shown in until `Z` switches to UTC; the CLI passes the machine's. */
	timeZone?: string;
	/** The terminal reports the wheel and clicks (not --no-mouse). */
	mouse?: boolean;
	/** The poller's base interval (`--interval`): a run is called stalled only after a few of them. */
	pollIntervalMs: number;
	/** The window the poller's request budget counts in, for the header's 'n/limit req/min'. */
	budgetWindowMs: number;
};

/** Clicks from the terminal (focus-stdin.ts), each with when it came; the wheel arrives as ↑/↓ keys. */
export type ClickSource = {subscribe(listener: (click: Click) => void): () => void};

/** How often times on screen may move at most (undefined: whenever their text changes). */
export const clockIntervalFor = (options: Pick<AppOptions, 'lowBandwidth'>): number | undefined =>
	options.lowBandwidth ? COARSE_CLOCK_INTERVAL_MS : undefined;

export type AppProps = {
	store: RunStoreApi;
	/** Created inside when not given (tests pass one to look at it). */
	ui?: UiStoreApi;
	actions: AppActions;
	options: AppOptions;
	/** Tests; otherwise the terminal's size, following resizes. */
	size?: {columns: number; rows: number};
	/** What ended while the terminal was out of focus; created inside when not given. */
	away?: AwayStoreApi;
	/** --debug: what the terminal has been sent so far, for the cost line above the footer. */
	debugStats?: () => WriterStats;
	/** The clock of every time on screen; created inside when not given (the CLI shares it with the store's view). */
	clock?: WallClock;
	/**
	 * Brings `store` up to date when it is a throttled view of the real store: called before each key and
	 * whenever the UI state changes (a key's effect, an action's outcome), so that what a key did shows in
	 * the same frame as the message about it.
	 */
	flushStore?: () => void;
	clicks?: ClickSource;
};

/** From this width the detail and the inspector sit beside the list instead of replacing it. */
const SIDE_BY_SIDE_FROM = 120;
const LIST_SHARE = 0.55;
/** Below this the frame is a single line saying so. */
const MIN_COLUMNS = 20;
const MIN_HEIGHT = 3;

const writeOsc52 = (text: string): string =>
	copyToClipboard(text, {
		env: process.env,
		write: sequence => {
			process.stdout.write(sequence);
		},
	});

type Layout = {
	width: number;
	height: number;
	body: number;
	/** The list's width (the whole width unless side by side). */
	listWidth: number;
	/** The detail's or inspector's width beside or instead of the list. */
	paneWidth: number;
	sideBySide: boolean;
	notices: boolean;
	/** The prompt line above the footer; when there is no room for both, it stands in for the footer. */
	prompt: 'above-footer' | 'instead-of-footer' | null;
	/** Lines of the URL shown whole under the message (`o` without a local browser). */
	linkLines: number;
};

type LayoutNeeds = {hasNotices: boolean; hasPrompt: boolean; debugLine: boolean; zoomed: boolean; url: string | undefined};

function layoutFor(columns: number, rows: number, {hasNotices, hasPrompt, debugLine, zoomed, url}: LayoutNeeds): Layout {
	const width = Math.max(1, columns);
	const height = Math.max(1, rows - 1);
	const notices = hasNotices && height >= 8;
	const prompt = hasPrompt ? (height >= 4 ? 'above-footer' : 'instead-of-footer') : null;
	// A link shown whole takes its lines only where the body keeps a few of its own.
	const wanted = prompt === 'above-footer' ? linkLineCount(url, width) : 0;
	const linkLines = height - 2 - wanted >= 4 ? wanted : 0;
	const body = Math.max(1, height - 2 - (notices ? 1 : 0) - (prompt === 'above-footer' ? 1 : 0) - (debugLine ? 1 : 0) - linkLines);
	const sideBySide = width >= SIDE_BY_SIDE_FROM && !zoomed;
	const listWidth = sideBySide ? Math.floor(width * LIST_SHARE) : width;
	// Beside the list: a one-cell border and a one-cell gap.
	const paneWidth = sideBySide ? width - listWidth - 2 : width;
	return {width, height, body, listWidth, paneWidth, sideBySide, notices, prompt, linkLines};
}

const noticeTexts = (state: {notices: ReadonlyArray<{text: string}>}): string[] => state.notices.map(notice => notice.text);

const filterOf = (state: {filterText: string; quickFilter: QuickFilter; sort: RunSort}): RunFilter => ({
	text: state.filterText,
	quick: state.quickFilter,
	sort: state.sort,
});

function Notices({width, ascii}: {width: number; ascii: boolean}) {
	const notices = useRunStore(state => state.notices);
	const newest = notices.at(-1);
	if (!newest) return null;
	const color = newest.level === 'error' ? 'red' : newest.level === 'warn' ? 'yellow' : undefined;
	const text = `${ascii ? '!' : '⚠'} ${[...notices]
		.reverse()
		.map(notice => sanitizeText(notice.text))
		.join(ascii ? ' | ' : ' · ')}`;
	// Cut, it says where the whole text is.
	const more = ' (? shows all)';
	const shown = displayWidth(text) <= width || width <= more.length * 2 ? text : truncateToWidth(text, width - more.length, ascii ? '~' : '…') + more;
	return (
		<Text color={color} wrap="truncate">
			{cell(shown, width, {ascii})}
		</Text>
	);
}

export function App({store: given, ui: givenUi, away: givenAway, actions, options, size, debugStats, clock, flushStore, clicks}: AppProps) {
	const store = useMemo(() => (options.ascii ? asciiView(given) : given), [given, options.ascii]);
	const [ui] = useState(() => givenUi ?? createUiStore());
	const [away] = useState(() => givenAway ?? createAwayStore({runs: store}));
	return (
		<RunStoreProvider store={store}>
			<WallClockProvider clock={clock} minIntervalMs={clockIntervalFor(options)}>
				<AnimationClockProvider enabled={options.animation}>
					<ZonedShell store={store} ui={ui} away={away} actions={actions} options={options} size={size} debugStats={debugStats} flushStore={flushStore} clicks={clicks} />
				</AnimationClockProvider>
			</WallClockProvider>
		</RunStoreProvider>
	);
}

type ShellProps = Omit<AppProps, 'ui' | 'away' | 'clock'> & {ui: UiStoreApi; away: AwayStoreApi};

/** The Shell with wall-clock times in the zone `Z` chose: the local one (options.timeZone) or UTC. */
function ZonedShell(props: ShellProps) {
	const utc = useStore(props.ui, state => state.utc);
	return (
		<TimeZoneProvider timeZone={utc ? 'UTC' : props.options.timeZone}>
			<Shell {...props} />
		</TimeZoneProvider>
	);
}

function Shell({store, ui, away, actions, options, size, debugStats, flushStore, clicks}: ShellProps) {
	const terminal = useTerminalSize();
	const wallClock = useWallClock();
	const {columns, rows} = size ?? terminal;
	// Ink reports stdin.isTTY as it is, which is undefined (not false) for a pipe, and useInput treats
	// anything but false as active: without a TTY it would throw "Raw mode is not supported".
	const keysActive = useStdin().isRawModeSupported === true;
	const view = useStore(
		ui,
		useShallow(state => ({
			screen: state.screen,
			underHelp: state.underHelp,
			selectedId: state.selectedId,
			filterText: state.filterText,
			filterEditing: state.filterEditing,
			quickFilter: state.quickFilter,
			helpScroll: state.helpScroll,
			prompt: state.prompt,
			message: state.message,
			zoomed: state.zoomed,
			sort: state.sort,
			inspectorSearch: state.inspectorSearch,
			inspectorSearchEditing: state.inspectorSearchEditing,
			history: state.history,
			errorsView: state.errorsView,
			inspectorScroll: state.inspectorScroll,
			inspectorNotice: state.inspectorNotice,
		})),
	);
	const notices = useRunStore(useShallow(noticeTexts));
	const hasNotices = notices.length > 0;
	const filter = filterOf(view);
	const currentId = useRunStore(state => selectedRunId(state, view));
	// The run on the open detail pane or inspector has been seen, however it got there, and also when it
	// fails while it is open: the keys mark only the runs they open.
	const paneOpen = view.screen === 'detail' || view.screen === 'inspector';
	const unseenOnPane = useRunStore(state => paneOpen && currentId !== null && state.runs[currentId]?.unseenFailure === true);
	useEffect(() => {
		if (unseenOnPane && currentId !== null) store.getState().markSeen(currentId);
	}, [unseenOnPane, currentId, store]);
	useEffect(() => (flushStore === undefined ? undefined : ui.subscribe(flushStore)), [ui, flushStore]);
	const listWindow = useRef({first: 0});
	const lastClick = useRef<Click | null>(null);
	const layout = layoutFor(columns, rows, {
		hasNotices,
		hasPrompt: hasPromptLine(view.prompt, view.message),
		debugLine: debugStats !== undefined,
		zoomed: view.zoomed,
		url: view.message?.url,
	});

	// Stable while the options are, so that the inspector's lines are not laid out again on every render.
	const webUrl = useCallback(
		(runId: number, syncId: number) => runWebUrl({baseUrl: options.baseUrl, syncId, runId, workspaceId: options.workspaceId}),
		[options.baseUrl, options.workspaceId],
	);
	// Sizes are those of this render: a key that changes the screen changes no size the next key needs.
	const onKey = createKeyHandler({
		store,
		ui,
		actions,
		pageRows: () => listRowsFor(layout.body, hasFilterLine(filterOf(ui.getState()), ui.getState().filterEditing)),
		helpPage() {
			// Off marks lengthen some rows: the help is as long as it is drawn with them.
			const off = offReasons(keyStateOf(store.getState(), ui.getState(), options.readOnly));
			return {rows: layout.body, maxScroll: helpMaxScroll(layout.width, layout.body, options.ascii, noticeTexts(store.getState()), off)};
		},
		errorsPage: open => errorsRows(layout.body, open),
		inspectorPage: runId =>
			inspectorPageOf(store.getState().runs, runId, {width: layout.paneWidth, height: layout.body, hyperlinks: options.hyperlinks, webUrl}),
		copy: actions.copyToClipboard ?? writeOsc52,
		readOnly: options.readOnly,
		localZone: options.timeZone,
		now: wallClock.now,
		webUrl,
	});
	// Which keys are off, and why, for the footer (its screen's keys) and the help (every key); compared
	// reason by reason, so that the frame is drawn again only when one changes.
	const searching = view.inspectorSearchEditing && view.screen === 'inspector';
	const footerContext: KeyContext = view.prompt?.kind ?? (view.filterEditing ? 'filter' : searching ? 'search' : view.screen);
	const off = useRunStore(
		useShallow(state => offReasons(keyStateOf(state, view, options.readOnly, currentId), view.screen === 'help' ? undefined : footerContext)),
	);

	// A click selects the run on its row of the list; a second click on it soon after opens its detail.
	const onClick = (click: Click) => {
		const state = ui.getState();
		if (state.screen === 'help' || state.prompt !== null || away.getState().digest !== null) return;
		const listWidth = state.screen === 'list' ? layout.width : layout.sideBySide ? layout.listWidth : 0;
		// y counts from 1, and the header is the first line.
		const index = click.x <= listWidth ? listRowAt(click.y - 2, layout.body, hasFilterLine(filterOf(state), state.filterEditing)) : null;
		const id = index === null ? undefined : filterRunIds(store.getState(), filterOf(state))[listWindow.current.first + index];
		if (id === undefined) return;
		const double = isDoubleClick(lastClick.current, click) && state.selectedId === id;
		lastClick.current = double ? null : click;
		state.select(id);
		if (double || state.screen !== 'list') store.getState().markSeen(id);
		if (double) state.openDetail();
	};

	const clickHandler = useRef(onClick);
	clickHandler.current = onClick;
	useEffect(() => clicks?.subscribe(click => clickHandler.current(click)), [clicks]);

	useInput(
		(input, key) => {
			// The digest box takes the first key, whichever it is, and only closes; Ctrl+C still quits.
			if (away.getState().digest !== null && !isInterrupt(input, key)) {
				away.getState().dismiss();
				return;
			}

			for (const press of splitKeyPresses(input, key)) {
				flushStore?.();
				onKey(press.input, press.key);
			}
		},
		{isActive: keysActive},
	);

	if (columns < MIN_COLUMNS || layout.height < MIN_HEIGHT) {
		return (
			<Box width={layout.width} height={layout.height} overflow="hidden">
				<Text wrap="truncate">{cell('census-watch: terminal too small', layout.width, {ascii: options.ascii})}</Text>
			</Box>
		);
	}

	const screen = view.screen === 'help' ? view.underHelp : view.screen;
	const list = (width: number) => (
		<RunList
			filter={filter}
			filterEditing={view.filterEditing}
			selectedId={view.selectedId}
			width={width}
			height={layout.body}
			ascii={options.ascii}
			animate={options.animation}
			pollIntervalMs={options.pollIntervalMs}
			windowRef={listWindow}
		/>
	);
	const errorsView = <ErrorGroups width={layout.paneWidth} height={layout.body} ascii={options.ascii} view={view.errorsView} />;
	const pane =
		screen === 'errors' ? (
			errorsView
		) : currentId === null ? (
			<Text dimColor wrap="truncate">
				{cell('No run selected.', layout.paneWidth, {ascii: options.ascii})}
			</Text>
		) : screen === 'inspector' ? (
			<ErrorInspector
				runId={currentId}
				width={layout.paneWidth}
				height={layout.body}
				ascii={options.ascii}
				hyperlinks={options.hyperlinks}
				webUrl={webUrl}
				scroll={view.inspectorScroll}
				notice={view.inspectorNotice}
				search={{text: view.inspectorSearch, editing: searching}}
			/>
		) : (
			<DetailPane
				runId={currentId}
				width={layout.paneWidth}
				height={layout.body}
				ascii={options.ascii}
				animate={options.animation}
				pollIntervalMs={options.pollIntervalMs}
			/>
		);

	const historyView =
		view.history === null ? null : (
			<SyncHistory syncId={view.history.syncId} cursor={view.history.cursor} width={layout.width} height={layout.body} ascii={options.ascii} />
		);

	let body;
	if (view.screen === 'history' && historyView !== null) {
		body = historyView;
	} else if (view.screen === 'help') {
		body = <Help width={layout.width} height={layout.body} ascii={options.ascii} scroll={view.helpScroll} off={off} notices={notices} />;
	} else if (screen === 'list') {
		body = list(layout.width);
	} else if (layout.sideBySide) {
		body = (
			<Box height={layout.body} width={layout.width}>
				{list(layout.listWidth)}
				<Box
					width={layout.width - layout.listWidth}
					height={layout.body}
					borderStyle={options.ascii ? 'classic' : 'single'}
					borderTop={false}
					borderRight={false}
					borderBottom={false}
					paddingLeft={1}
					overflow="hidden"
				>
					{pane}
				</Box>
			</Box>
		);
	} else {
		body = (
			<Box width={layout.width} height={layout.body} overflow="hidden">
				{pane}
			</Box>
		);
	}

	return (
		<Box flexDirection="column" width={layout.width} height={layout.height} overflow="hidden">
			<Header
				demo={options.demo}
				workspaceLabel={options.workspaceLabel}
				group={options.group ?? null}
				width={layout.width}
				ascii={options.ascii}
				budgetWindowMs={options.budgetWindowMs}
			/>
			<Box height={layout.body} width={layout.width} overflow="hidden">
				{body}
				<AwayDigestBox away={away} width={layout.width} height={layout.body} ascii={options.ascii} />
			</Box>
			{layout.notices ? <Notices width={layout.width} ascii={options.ascii} /> : null}
			{debugStats === undefined ? null : <DebugLine stats={debugStats} width={layout.width} ascii={options.ascii} />}
			{layout.prompt === null ? null : <PromptLine prompt={view.prompt} message={view.message} width={layout.width} ascii={options.ascii} />}
			{layout.linkLines > 0 && view.message?.url !== undefined ? (
				<LinkLines url={view.message.url} width={layout.width} hyperlinks={options.hyperlinks} />
			) : null}
			{layout.prompt === 'instead-of-footer' ? null : (
				<Footer context={footerContext} width={layout.width} ascii={options.ascii} off={off} />
			)}
		</Box>
	);
}
