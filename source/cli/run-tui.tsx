// The interactive screen: the App rendered by Ink in the alternate screen, until the user quits. Ink runs
// in debug mode against the frame writer's sink (whole frames, no erase sequences of its own), and the
// frame writer sends only changed cells to the terminal. Imported dynamically by cli.tsx, after the
// colour decision, because Ink loads chalk and chalk reads FORCE_COLOR once, at import.
import {render} from 'ink';
import {App, type AppActions, type AppOptions} from '../app.js';
import {createFrameWriter} from '../lib/frame-writer.js';
import type {RunStoreApi} from '../store/run-store.js';
import type {TerminalSession} from './terminal-session.js';

export type TuiOptions = {
	store: RunStoreApi;
	actions: Omit<AppActions, 'quit'>;
	options: AppOptions;
	/** Entered here, left when the App exits (and by its own exit hook on a signal). */
	session: TerminalSession;
	/** Frames per second at most. */
	maxFps: number;
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
};

const FALLBACK_COLUMNS = 80;
const FALLBACK_ROWS = 24;

/** Renders until the App quits (q, Ctrl+C); the terminal is restored when this resolves. Gives what was written. */
export async function runTui({
	store,
	actions,
	options,
	session,
	maxFps,
	stdout = process.stdout,
	stdin = process.stdin,
}: TuiOptions): Promise<{bytes: number; frames: number}> {
	const size = () => ({columns: stdout.columns || FALLBACK_COLUMNS, rows: stdout.rows || FALLBACK_ROWS});
	session.enter();
	const writer = createFrameWriter({
		write: data => {
			stdout.write(data);
		},
		...size(),
		maxFps,
	});
	const onResize = () => {
		const {columns, rows} = size();
		writer.resize(columns, rows);
	};

	stdout.on('resize', onResize);
	// The App can only call quit from a key handler, which runs after render() has returned.
	const quit = () => {
		instance.unmount();
	};

	const instance = render(<App store={store} actions={{...actions, quit}} options={options} />, {
		stdout: writer.sink as unknown as NodeJS.WriteStream,
		stdin,
		debug: true,
		// The App handles q and Ctrl+C (in raw mode Ctrl+C is input, not SIGINT) and calls quit.
		exitOnCtrlC: false,
		patchConsole: false,
	});
	try {
		await instance.waitUntilExit();
	} finally {
		stdout.off('resize', onResize);
		writer.flush();
		writer.dispose();
		session.leave();
	}

	return writer.stats();
}
