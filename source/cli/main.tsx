// The command-line entry: parse, configure, choose the TUI or a non-interactive mode, and make sure that
// whatever happens the user gets their terminal back and at most one line of error. Ink, the App and the
// modes are imported dynamically: chalk (loaded by Ink) reads FORCE_COLOR once, at import, so NO_COLOR has
// to be turned into FORCE_COLOR=0 before that; and --help or a usage error should not pay for loading them.
import {writeSync} from 'node:fs';
import {join} from 'node:path';
import type {RequestEvent} from '../census/api.js';
import type {VersionSwitch} from '../census/version-switch.js';
import {versionMemoryPath} from '../store/version-memory.js';
import {connectApi, type ApiConnection} from './api-connection.js';
import {appOptions, pollerConfig} from './app-options.js';
import {configPath, loadConfig, stateDir, type Env} from './config.js';
import {completionScript} from './completion.js';
import {appendRotated, installCrashHandlers, logFilePath, redact} from './crash.js';
import {crashMarkerNotice, takeCrashMarker, writeCrashMarker} from './crash-marker.js';
import {EXIT_OK, EXIT_TOKEN_REJECTED, EXIT_USAGE} from './exit-codes.js';
import {parseCommandLine, UsageError} from './flags.js';
import {openInBrowser} from './open-in-browser.js';
import {chooseWatchList, resolveSettings, type Settings} from './settings.js';
import {createTerminalSession, type TerminalSession} from '../terminal/session.js';
import {usageText} from './usage.js';
import {createRetirementAnnouncer, switchNotice} from './version-notices.js';
import {toAscii} from '../text/ascii.js';
import {sanitizeText} from '../text/sanitize.js';
import {machineTimeZone} from '../text/time-zone.js';
import {createPoller, type Poller} from '../polling/engine.js';
import {createSharedBudget, type SharedBudget} from '../polling/shared-budget.js';
import {createRunStore, type RunStoreApi} from '../store/run-store.js';
import {attachPersistence, createStateWriter, hydrationOf, loadState, stateFilePath, type PersistedState} from '../store/state-file.js';

const PROGRAM = 'census-watch';
/** Frames per second at most in the TUI; fewer with --low-bandwidth or over SSH. */
const TUI_FPS = 10;
const LOW_BANDWIDTH_FPS = 2;
/** The demo simulator's token: it only ever travels over loopback. */
const DEMO_TOKEN = 'demo';
const DEMO_SEED = 1;
const DEMO_HISTORY = 12;

const writeLine = (fd: 1 | 2, text: string): void => {
	try {
		writeSync(fd, `${text}\n`);
	} catch {
		// stdout or stderr is closed: there is nobody left to tell.
	}
};

/** --ascii for the modes that print lines: everything they write, transliterated (text/ascii.ts). */
const asciiStream = (stream: NodeJS.WriteStream): NodeJS.WriteStream =>
	new Proxy(stream, {
		get(target, property, receiver) {
			if (property !== 'write') return Reflect.get(target, property, receiver) as unknown;
			return (chunk: unknown, ...rest: unknown[]) =>
				(target.write as (...parameters: unknown[]) => boolean)(typeof chunk === 'string' ? toAscii(chunk) : chunk, ...rest);
		},
	});

/** What the launch resolved to, before anything is started. */
type Plan = {settings: Settings; warnings: string[]; version: string};

/** Parses and resolves; prints help, version or a usage error itself and gives the exit code instead. */
function plan(argv: readonly string[], env: Env, stdoutIsTTY: boolean): Plan | number {
	try {
		if (argv[0] === 'completion') {
			writeLine(1, completionScript(argv[1], usageText('')).trimEnd());
			return EXIT_OK;
		}

		const {flags, version} = parseCommandLine(argv);
		if (flags.help) {
			writeLine(1, usageText(version).trimEnd());
			return EXIT_OK;
		}

		if (flags.version) {
			writeLine(1, version);
			return EXIT_OK;
		}

		const file = configPath(env);
		const {config, warnings} = flags.demo ? {config: null, warnings: []} : loadConfig(file);
		// Said before anything can fail, so that a permission warning is not lost behind a usage error.
		for (const warning of warnings) writeLine(2, `${PROGRAM}: warning: ${sanitizeText(warning)}`);
		const settings = resolveSettings({flags, env, config, configFile: file, stdoutIsTTY});
		return {settings, warnings, version};
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		const token = env['CENSUS_API_TOKEN'];
		writeLine(2, `${PROGRAM}: ${sanitizeText(redact(error.message, token))}`);
		return EXIT_USAGE;
	}
}

/** The connection the app and the modes use, and how to end it (the demo's simulator stops with it). */
type Connected = Pick<ApiConnection, 'pollApi' | 'lookApi' | 'versions'> & {close(): Promise<void>};

/**
 * Both clients share the token's 429 pause (the rate gate is per token and API root). With `auto`, the
 * first start on a host asks v2 (then v1) before anything else; later starts take the remembered answer.
 */
async function connect(settings: Settings, env: Env, onRequest: ((event: RequestEvent) => void) | undefined): Promise<Connected> {
	if (settings.connection.kind === 'census') {
		const {roots, api, token, groupId} = settings.connection;
		const memoryFile = versionMemoryPath(stateFilePath(env));
		return {...(await connectApi({roots, api, token, groupId, memoryFile, onRequest})), close: async () => undefined};
	}

	const {startSimulator} = await import('../simulator/server.js');
	// Twelve runs of history per sync: enough for the sync history screen to judge the planted outlier.
	const simulator = await startSimulator({port: 0, seed: DEMO_SEED, token: DEMO_TOKEN, scenario: 'demo', history: DEMO_HISTORY});
	// The demo runs on v2 with the simulator's personal access token, as a new user would.
	const roots = {v1: simulator.v1Root, v2: simulator.v2Root};
	const connected = await connectApi({roots, api: 'v2', token: simulator.pat, groupId: null, memoryFile: null, onRequest});
	return {...connected, close: () => simulator.close()};
}

/**
 * Keeps the header's version label current and tells the user, through `say`, of a switch `auto` made
 * and (once) of v1's retirement. `now` is the clock of the retirement date check.
 */
function announceVersions(versions: VersionSwitch, store: RunStoreApi, now: () => number, say: (level: 'info' | 'warn', text: string) => void): void {
	const announceRetirement = createRetirementAnnouncer(now, text => {
		say('warn', text);
	});
	store.getState().setApiVersion(versions.current());
	announceRetirement(versions.current());
	versions.subscribe(change => {
		store.getState().setApiVersion(change.to);
		say('info', switchNotice(change));
		announceRetirement(change.to);
	});
}

/**
 * The clock of the v1 retirement warning: CENSUS_WATCH_NOW (an ISO time) when set, so that tests of the
 * built CLI do not depend on today's date and anyone can see the warning ahead of time; otherwise the time.
 */
function retirementClock(env: Env): () => number {
	const fixed = Date.parse(env['CENSUS_WATCH_NOW'] ?? '');
	return Number.isNaN(fixed) ? Date.now : () => fixed;
}

/** What the App's keys do to Census; in read-only mode nothing, whatever asks (the App does not ask). */
function censusActions(poller: Poller, readOnly: boolean) {
	const refused = async (): Promise<never> => {
		throw new Error('read-only: nothing is sent to Census (--read-only)');
	};

	return {
		trigger: readOnly ? refused : async (syncId: number, fullSync: boolean) => poller.trigger(syncId, fullSync),
		cancel: readOnly ? refused : async (runId: number) => poller.cancel(runId),
	};
}

/** --debug: lines in the log file, timestamped. What is logged holds ids and numbers, never the token. */
const debugLogger =
	(logFile: string) =>
	(line: string): void => {
		try {
			appendRotated(logFile, `${new Date().toISOString()} ${line}\n`);
		} catch {
			// Debug logging must never take the watcher down.
		}
	};

const requestLine = (event: RequestEvent): string =>
	`${event.method} ${event.path} ${event.status === null ? 'no answer' : String(event.status)} ${Math.round(event.durationMs)}ms`;

type Launch = {
	settings: Settings;
	/** Config warnings and the state file's notice: already on stderr, shown again inside the TUI. */
	warnings: string[];
	/** The state file and what it held; null in the demo, which keeps nothing. */
	saved: {path: string; state: PersistedState | null} | null;
	connected: Connected;
	store: RunStoreApi;
	poller: Poller;
	env: Env;
	/** Null unless --debug. */
	debugLog: ((line: string) => void) | null;
};

async function runInteractive(launch: Launch, session: TerminalSession): Promise<number> {
	const {settings, store, poller, connected} = launch;
	const now = Date.now();
	for (const warning of launch.warnings) store.getState().pushNotice('warn', warning, now);
	// The notifier's terminal sequences, Ink and the App load only now, after the colour decision.
	const {attachNotifier, createNotifier} = await import('./notify.js');
	const detachNotifier =
		settings.notify === 'none'
			? () => undefined
			: attachNotifier(
					store,
					createNotifier({mode: settings.notify, env: launch.env, write: sequence => process.stdout.write(settings.ascii ? toAscii(sequence) : sequence)}),
				);
	const detachPersistence =
		launch.saved === null
			? () => undefined
			: attachPersistence(
					store,
					createStateWriter(launch.saved.path, {
						previous: launch.saved.state,
						onError: message => store.getState().pushNotice('warn', message, Date.now()),
					}),
				);
	// The first requests go out while Ink and the App load (the larger part of start-up), so that the
	// first frame can already show the runs.
	poller.start();
	const startedAt = Date.now();
	try {
		const {runTui} = await import('./run-tui.js');
		const written = await runTui({
			store,
			actions: {
				refreshNow: () => poller.refreshNow(),
				setPaused: paused => poller.setPaused(paused),
				openUrl: async url => openInBrowser(url),
				...censusActions(poller, settings.readOnly),
			},
			options: appOptions(settings, {baseUrl: connected.lookApi.baseUrl, timeZone: machineTimeZone()}),
			session,
			maxFps: settings.lowBandwidth ? LOW_BANDWIDTH_FPS : TUI_FPS,
			debug: settings.debug,
		});
		const seconds = Math.max(1, (Date.now() - startedAt) / 1000);
		launch.debugLog?.(`tui: ${written.bytes} bytes in ${written.frames} frames over ${Math.round(seconds)}s (${Math.round(written.bytes / seconds)} B/s)`);
	} finally {
		poller.stop();
		detachNotifier();
		detachPersistence();
	}

	return store.getState().health.kind === 'token_rejected' ? EXIT_TOKEN_REJECTED : EXIT_OK;
}

async function runNonInteractive(launch: Launch): Promise<number> {
	const {settings} = launch;
	const controller = new AbortController();
	const stop = () => {
		controller.abort();
	};

	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
	for (const signal of signals) process.once(signal, stop);
	try {
		const context = {
			api: launch.connected.lookApi,
			store: launch.store,
			poller: launch.poller,
			settings,
			stdout: settings.ascii ? asciiStream(process.stdout) : process.stdout,
			stderr: settings.ascii ? asciiStream(process.stderr) : process.stderr,
			env: launch.env,
			signal: controller.signal,
		};
		switch (settings.mode) {
			case 'once': {
				const {runOnce} = await import('./modes/once.js');
				return await runOnce(context);
			}

			case 'exit-status': {
				const {runExitStatus} = await import('./modes/exit-status.js');
				return await runExitStatus(context);
			}

			default: {
				const {runPlain} = await import('./modes/plain.js');
				return await runPlain(context);
			}
		}
	} finally {
		for (const signal of signals) process.off(signal, stop);
	}
}

/**
 * Other census-watch processes on the same token and API root share one request budget with this one.
 * When the ledger cannot be used, this window keeps its own budget and says so in the --debug log only:
 * the cause is almost always the state directory, which the watch list's notice already names.
 */
function sharedBudgetFor(settings: Settings, env: Env, debugLog: ((line: string) => void) | null): {sharedBudget?: SharedBudget} {
	if (settings.connection.kind !== 'census') return {};
	const {token} = settings.connection;
	// One budget for the host, whichever version answers: the token is the same.
	const baseUrl = settings.connection.roots.v1;
	const onError = (message: string) => debugLog?.(message);
	return {sharedBudget: createSharedBudget({dir: join(stateDir(env), 'budget'), token, baseUrl, onError})};
}

/** The saved watch list; a notice about an unreadable file goes to stderr at once and into the TUI later. */
function readSavedState(env: Env): {path: string; state: PersistedState | null; notice: string | null} {
	const path = stateFilePath(env);
	const {state, notice} = loadState(path);
	if (notice !== null) writeLine(2, `${PROGRAM}: warning: ${sanitizeText(notice)}`);
	return {path, state, notice};
}

/** Resolves when everything written to the stream so far has been handed to the OS. */
const drained = (stream: NodeJS.WriteStream): Promise<void> =>
	new Promise(resolve => {
		if (stream.destroyed || !stream.writable) resolve();
		else stream.write('', () => resolve());
	});

export async function main(argv: string[]): Promise<void> {
	// argv (which may hold --token) is what `ps` shows until the title is overwritten.
	process.title = PROGRAM;
	const env = process.env;
	const secrets: string[] = [];
	const terminal: {session: TerminalSession | null} = {session: null};
	// The store of a session that keeps state (not the demo's), for the crash marker.
	const kept: {store: RunStoreApi | null} = {store: null};
	let version: string | null = null;
	const logFile = logFilePath(stateDir(env));
	installCrashHandlers({
		lastWords(_error, headline) {
			const runId = kept.store?.getState().applyingRunId() ?? null;
			if (runId !== null) writeCrashMarker(stateDir(env), {runId, reason: headline, at: Date.now()});
		},
		logFile,
		secrets: () => secrets,
		restoreTerminal: () => terminal.session?.leave(),
		writeStderr: text => writeLine(2, text.trimEnd()),
		exit: code => process.exit(code),
		version: () => version,
	});

	const planned = plan(argv, env, process.stdout.isTTY === true);
	if (typeof planned === 'number') {
		process.exitCode = planned;
		return;
	}

	const {settings, warnings} = planned;
	version = planned.version;
	if (settings.connection.kind === 'census') secrets.push(settings.connection.token);
	if (!settings.color) env.FORCE_COLOR = '0';

	if (settings.mode === 'doctor' && settings.connection.kind === 'census') {
		const {runDoctor} = await import('./modes/doctor.js');
		const {roots, api, token, groupId} = settings.connection;
		const exitCode = await runDoctor({roots, api, token, groupId, json: settings.json, stdout: process.stdout});
		await drained(process.stderr);
		process.exit(exitCode);
	}

	const debugLog = settings.debug ? debugLogger(logFile) : null;
	const onRequest = debugLog === null ? undefined : (event: RequestEvent) => debugLog(requestLine(event));
	const connected = await connect(settings, env, onRequest);
	let code: number;
	try {
		// The demo's runs live in its own simulator: its ids mean nothing to the real workspace's list.
		const saved = settings.connection.kind === 'demo' ? null : readSavedState(env);
		const crashed = saved === null ? null : takeCrashMarker(stateDir(env));
		const crashNotice = crashed === null ? null : crashMarkerNotice(crashed);
		if (crashNotice !== null) writeLine(2, `${PROGRAM}: warning: ${sanitizeText(crashNotice)}`);
		const {watch} = chooseWatchList(settings.targets, saved?.state?.watch ?? null);
		const store = createRunStore({watch});
		const interactive = settings.mode === 'tui';
		// The demo's simulator is no Census account: nothing of it retires.
		const clock = settings.connection.kind === 'demo' ? () => Number.NEGATIVE_INFINITY : retirementClock(env);
		announceVersions(connected.versions, store, clock, (level, text) => {
			if (interactive) store.getState().pushNotice(level, text, Date.now());
			else writeLine(2, `${PROGRAM}: ${level === 'warn' ? 'warning: ' : ''}${text}`);
		});
		// Step timelines and unseen failures of the runs the watch list still covers.
		if (saved?.state) store.getState().hydrate(hydrationOf(saved.state));
		if (crashed !== null) store.getState().leaveOut(crashed.runId);
		if (saved !== null) kept.store = store;
		const poller = createPoller({api: connected.pollApi, store, config: pollerConfig(settings), ...sharedBudgetFor(settings, env, debugLog)});
		const launch: Launch = {
			settings,
			warnings: [...warnings, ...(saved?.notice ? [saved.notice] : []), ...(crashNotice === null ? [] : [crashNotice])],
			saved,
			connected,
			store,
			poller,
			env,
			debugLog,
		};
		if (settings.mode === 'tui') {
			// Focus reports come in on stdin, which run-tui filters for them; a stdin that is not the terminal
			// would leave them to the shell after exit.
			terminal.session = createTerminalSession({
				title: PROGRAM,
				focusReporting: process.stdin.isTTY === true,
				mouse: process.stdin.isTTY === true && settings.mouse,
			});
			code = await runInteractive(launch, terminal.session);
		} else {
			code = await runNonInteractive(launch);
		}
	} finally {
		await connected.close();
	}

	await Promise.all([drained(process.stdout), drained(process.stderr)]);
	// Nothing of ours is left running; exiting here also covers a stdin that Ink left referenced.
	process.exit(code);
}
