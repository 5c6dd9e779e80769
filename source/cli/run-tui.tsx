// The interactive screen: the App rendered by Ink in the alternate screen, until the user quits. Ink runs
// in debug mode against the frame writer's sink (whole frames, no erase sequences of its own), and the
// frame writer sends only changed cells to the terminal. Imported dynamically by cli.tsx, after the
// colour decision, because Ink loads chalk and chalk reads FORCE_COLOR once, at import.
import {render} from 'ink';
import {App, clockIntervalFor, type AppActions, type AppOptions, type ClickSource} from '../tui/app.js';
import type {Click} from '../terminal/mouse-events.js';
import {clockAlignedTimers, createWallClock} from '../tui/hooks/wall-clock.js';
import {throttledView} from '../store/throttled-view.js';
import {toAsciiCells} from '../text/ascii.js';
import {createFrameWriter} from '../terminal/frame-writer.js';
import {attachTitle} from '../tui/view/title.js';
import {createAwayStore} from '../store/away-store.js';
import type {RunStoreApi} from '../store/run-store.js';
import {firstAnswersSettled} from './first-paint.js';
import {createFocusStdin} from '../terminal/focus-stdin.js';
import type {TerminalSession} from '../terminal/session.js';

export type TuiOptions = {
	store: RunStoreApi;
	actions: Omit<AppActions, 'quit'>;
	options: AppOptions;
	/** Entered here, left when the App exits (and by its own exit hook on a signal). */
	session: TerminalSession;
	/** Frames per second at most. */
	maxFps: number;
	/** Show what the app costs (bytes/s, requests/min) above the footer. */
	debug?: boolean;
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
};

const FALLBACK_COLUMNS = 80;
const FALLBACK_ROWS = 24;
const SCREEN_REFRESH_MS = 1000;

/** Renders until the App quits (q, Ctrl+C); the terminal is restored when this resolves. Gives what was written. */
export async function runTui({
	store,
	actions,
	options,
	session,
	maxFps,
	debug = false,
	stdout = process.stdout,
	stdin = process.stdin,
}: TuiOptions): Promise<{bytes: number; frames: number}> {
	const size = () => ({columns: stdout.columns || FALLBACK_COLUMNS, rows: stdout.rows || FALLBACK_ROWS});
	// Raw mode from the start, not from Ink's first effect: keys typed (and focus reports sent) while the
	// first frame is drawn would otherwise be echoed onto the screen by the terminal, and wait for Enter.
	// They stay queued on stdin until Ink reads them. Ink turns raw mode off when it unmounts.
	const tty = stdin as NodeJS.ReadStream & {setRawMode?: (mode: boolean) => unknown};
	if (stdin.isTTY) tty.setRawMode?.(true);
	session.enter();
	// --ascii: the last fold, cell for cell, of anything non-ASCII that got this far (see text/ascii.ts).
	const toTerminal = options.ascii ? toAsciiCells : (data: string) => data;
	const writer = createFrameWriter({
		write: data => {
			stdout.write(toTerminal(data));
		},
		...size(),
		maxFps,
	});
	const onResize = () => {
		const {columns, rows} = size();
		writer.resize(columns, rows);
	};

	stdout.on('resize', onResize);
	// The title and the focus reports travel outside Ink's frame: the title as its own sequence between
	// frames (zero-width, so the frame writer's idea of the screen stays right), the reports taken out of
	// the input before Ink parses it.
	const stopTitle = attachTitle(store, {ascii: options.ascii, write: data => stdout.write(toTerminal(data))});
	const away = createAwayStore({runs: store});
	const clickListeners = new Set<(click: Click) => void>();
	const clicks: ClickSource = {
		subscribe(listener) {
			clickListeners.add(listener);
			return () => clickListeners.delete(listener);
		},
	};
	const input = stdin.isTTY
		? createFocusStdin(stdin, {
				onFocus: event => (event === 'blur' ? away.getState().blur() : away.getState().focus()),
				onClick({x, y}) {
					const at = Date.now();
					for (const listener of clickListeners) listener({x, y, at});
				},
			})
		: stdin;

	// The App can only call quit from a key handler, which runs after render() has returned.
	const quit = () => {
		instance.unmount();
	};

	if (options.lowBandwidth === true) {
		// A line to show that something is happening; the first frame clears it.
		stdout.write(`\u001B[1;1Hcensus-watch: waiting for the first answers${options.ascii ? '...' : '…'}`);
		await firstAnswersSettled(store);
	}

	// The screen reads the store at most once a second, on the clock's whole-second wake-up: a burst of
	// answers costs one frame, and the same frame that moves the durations and spinners. Ink lays out and
	// serialises the whole screen per frame, so frames, not changed cells, are what the CPU pays for.
	const clock = createWallClock(Date.now, {minIntervalMs: clockIntervalFor(options)});
	const view = throttledView(store, SCREEN_REFRESH_MS, clockAlignedTimers(clock));
	const app = (
		<App
			store={view}
			away={away}
			actions={{...actions, quit}}
			options={options}
			debugStats={debug ? writer.stats : undefined}
			clock={clock}
			flushStore={view.flush}
			clicks={options.mouse ? clicks : undefined}
		/>
	);
	const instance = render(app, {
		stdout: writer.sink as unknown as NodeJS.WriteStream,
		stdin: input as NodeJS.ReadStream,
		debug: true,
		// The App handles q and Ctrl+C (in raw mode Ctrl+C is input, not SIGINT) and calls quit.
		exitOnCtrlC: false,
		patchConsole: false,
	});
	try {
		await instance.waitUntilExit();
	} finally {
		// Before the session pops the title: nothing may set it again after that.
		stopTitle();
		view.dispose();
		if (input !== stdin) input.destroy();
		stdout.off('resize', onResize);
		writer.flush();
		writer.dispose();
		if (stdin.isTTY) tty.setRawMode?.(false);
		session.leave();
	}

	return writer.stats();
}
