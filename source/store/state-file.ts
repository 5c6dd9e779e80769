import {randomBytes} from 'node:crypto';
import {closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join} from 'node:path';
import {MAX_STEP_OBSERVATIONS, type StepObservation} from './observe.js';
import type {RunStoreApi, RunStoreState, WatchList} from './run-store.js';

// The watch list survives restarts in $XDG_STATE_HOME/census-watch/state.json. It holds ids and flags
// only (never the token, which the store does not hold either). A corrupt file is moved aside rather
// than silently overwritten, and writes go through a temp file and a rename so that a crash mid-write
// leaves the old file whole.

export type PersistedState = {
	version: 1;
	watch: WatchList;
	/** Failed runs the user has not opened yet. */
	unseenFailures?: number[];
	/** Reconstructed step timelines by run id, so that a restart does not forget what polls saw. */
	timelines?: Record<number, StepObservation[]>;
};

export type LoadResult = {state: PersistedState | null; notice: string | null};

/** More would be a file nobody edits by hand but everybody reads at start. */
export const MAX_PERSISTED_IDS = 1000;
export const MAX_PERSISTED_TIMELINES = 200;

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** The temp files writeAtomically makes: a dot, 12 hex digits, `.state.json.tmp`. */
const TEMP_NAME = /^\.[0-9a-f]{12}\.state\.json\.tmp$/;
/** A write takes milliseconds: a temp file this old was left by a writer killed mid-write (kill -9, power loss). */
export const STALE_TEMP_MS = 60_000;

export function stateFilePath(env: NodeJS.ProcessEnv = process.env): string {
	// The XDG spec says to ignore a relative value.
	const xdg = env['XDG_STATE_HOME'];
	const base = xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? xdg : join(env['HOME'] || homedir(), '.local', 'state');
	return join(base, 'census-watch', 'state.json');
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function idList(value: unknown): number[] | null {
	if (!Array.isArray(value) || !value.every(isId)) return null;
	return [...new Set(value)].slice(0, MAX_PERSISTED_IDS);
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function stepObservation(value: unknown): StepObservation | null {
	if (!isObject(value)) return null;
	const {step, firstSeenAt, lastSeenAt, prevPollAt} = value;
	if (typeof step !== 'string' || !isTime(firstSeenAt) || !isTime(lastSeenAt)) return null;
	if (prevPollAt !== null && !isTime(prevPollAt)) return null;
	return {step, firstSeenAt, lastSeenAt, prevPollAt};
}

/** Timelines are a cache: bad entries are dropped, not a reason to throw the watch list away. */
function timelines(value: unknown): Record<number, StepObservation[]> {
	const result: Record<number, StepObservation[]> = {};
	if (!isObject(value)) return result;
	const ids = Object.keys(value)
		.map(Number)
		.filter(isId)
		.sort((a, b) => b - a)
		.slice(0, MAX_PERSISTED_TIMELINES);
	for (const id of ids) {
		const steps = value[String(id)];
		if (!Array.isArray(steps)) continue;
		const parsed = steps.map(stepObservation);
		if (parsed.every(step => step !== null)) result[id] = parsed.slice(-MAX_STEP_OBSERVATIONS);
	}

	return result;
}

/** The persisted state, or null when the required part is not what this version writes. */
export function parsePersistedState(value: unknown): PersistedState | null {
	if (!isObject(value) || value['version'] !== 1 || !isObject(value['watch'])) return null;
	const {watch} = value;
	const runIds = idList(watch['runIds']);
	const syncIds = idList(watch['syncIds']);
	if (runIds === null || syncIds === null || typeof watch['all'] !== 'boolean') return null;
	const state: PersistedState = {version: 1, watch: {runIds, syncIds, all: watch['all']}};
	if (value['unseenFailures'] !== undefined) state.unseenFailures = idList(value['unseenFailures']) ?? [];
	if (value['timelines'] !== undefined) state.timelines = timelines(value['timelines']);
	return state;
}

const errorCode = (error: unknown): string | undefined =>
	isObject(error) && typeof error['code'] === 'string' ? error['code'] : undefined;

const describeError = (error: unknown): string => errorCode(error) ?? (error instanceof Error ? error.message : String(error));

/** Reads the state file before the first frame. Never throws. */
export function loadState(path: string, options: {now?: () => number} = {}): LoadResult {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return {state: null, notice: null};
		return {state: null, notice: `Could not read the saved watch list (${describeError(error)}); starting without it.`};
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}

	const state = parsePersistedState(parsed);
	if (state !== null) return {state, notice: null};

	const stamp = new Date((options.now ?? Date.now)()).toISOString().replaceAll(':', '-');
	const aside = `${path}.corrupt-${stamp}`;
	try {
		renameSync(path, aside);
		return {state: null, notice: `The saved watch list was unreadable; it was moved to ${aside}.`};
	} catch (error) {
		return {state: null, notice: `The saved watch list was unreadable and could not be moved aside (${describeError(error)}).`};
	}
}

export type StateWriter = {
	/** Writes when the serialised state differs from what was last written or read; true when it wrote. */
	write(state: PersistedState): boolean;
};

export const serializeState = (state: PersistedState): string => `${JSON.stringify(state, null, '\t')}\n`;

/** Temp file in the same directory, fsync, rename: readers see the old file or the new one, never half. */
function writeAtomically(path: string, text: string): void {
	const dir = dirname(path);
	mkdirSync(dir, {recursive: true, mode: DIR_MODE});
	const temp = join(dir, `.${randomBytes(6).toString('hex')}.state.json.tmp`);
	const fd = openSync(temp, 'wx', FILE_MODE);
	try {
		fchmodSync(fd, FILE_MODE);
		writeSync(fd, text);
		fsyncSync(fd);
	} catch (error) {
		closeSync(fd);
		unlinkSync(temp);
		throw error;
	}

	closeSync(fd);
	try {
		renameSync(temp, path);
	} catch (error) {
		unlinkSync(temp);
		throw error;
	}
}

/** Removes temp files that writers killed mid-write left behind; another process's write in progress is younger. */
function removeStaleTemps(dir: string, now: number): void {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return;
	}

	for (const name of names.filter(candidate => TEMP_NAME.test(candidate))) {
		try {
			const file = join(dir, name);
			if (now - statSync(file).mtimeMs > STALE_TEMP_MS) unlinkSync(file);
		} catch {
			// Gone already, or not ours to remove: it costs a few bytes, not the watch list.
		}
	}
}

export function createStateWriter(
	path: string,
	options: {onError: (message: string) => void; previous?: PersistedState | null; now?: () => number},
): StateWriter {
	removeStaleTemps(dirname(path), (options.now ?? Date.now)());
	// Compared in the shape persistedStateOf gives, so that a file read at start is not rewritten unchanged.
	let last = options.previous
		? serializeState({version: 1, watch: options.previous.watch, unseenFailures: options.previous.unseenFailures ?? []})
		: null;
	let disabled = false;
	return {
		write(state) {
			if (disabled) return false;
			const text = serializeState(state);
			if (text === last) return false;
			try {
				writeAtomically(path, text);
			} catch (error) {
				// One notice, then the app goes on without persistence rather than failing on every change.
				disabled = true;
				options.onError(`The watch list cannot be saved (${describeError(error)}); changes will not outlast this session.`);
				return false;
			}

			last = text;
			return true;
		},
	};
}

/** What of the store is persisted: the watch list and the unseen failures, bounded. */
export function persistedStateOf(state: Pick<RunStoreState, 'watch' | 'runs' | 'runOrder'>): PersistedState {
	const unseenFailures = state.runOrder.filter(id => state.runs[id]?.unseenFailure === true).slice(0, MAX_PERSISTED_IDS);
	return {
		version: 1,
		watch: {
			runIds: state.watch.runIds.slice(0, MAX_PERSISTED_IDS),
			syncIds: state.watch.syncIds.slice(0, MAX_PERSISTED_IDS),
			all: state.watch.all,
		},
		unseenFailures,
	};
}

/** Writes now (when different from the file) and whenever the watch list or the unseen set changes. */
export function attachPersistence(store: RunStoreApi, writer: StateWriter): () => void {
	writer.write(persistedStateOf(store.getState()));
	return store.subscribe((next, previous) => {
		if (next.watch !== previous.watch || next.runs !== previous.runs) writer.write(persistedStateOf(next));
	});
}
