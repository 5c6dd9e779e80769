import {readdirSync, renameSync, statSync, unlinkSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join} from 'node:path';
import {MAX_STEP_OBSERVATIONS, type RunObservation, type StepObservation} from '../runs/observe.js';
import {createFileLock} from './file-lock.js';
import type {WatchList} from '../runs/model.js';
import {emptyWatchList, type Hydration, type RunStoreApi, type RunStoreState} from './run-store.js';
import {ensurePrivateDirectory, FileTooLargeError, readFileNoFollow, UnsafeDirectoryError, writeFileAtomically} from './safe-files.js';
import {mergeWatchLists} from './watch-merge.js';

// The watch list survives restarts in $XDG_STATE_HOME/census-watch/state.json, with the step timelines
// the polls reconstructed and the failures not opened yet. It holds ids, times and the API's step names
// only (never the token, which the store does not hold either). A corrupt file is moved aside rather
// than silently overwritten, and writes go through a temp file and a rename so that a crash mid-write
// leaves the old file whole. The file is never read through a symlink, nor kept in a directory others can
// write to; two windows on one file merge their watch lists under a short lock (watch-merge.ts).

/** A run's steps as the polls saw them, and enough around them to go on after a restart. */
export type SavedTimeline = {
	firstSeenAt: number;
	/** The last poll before the save: a step first seen after the restart began after it. */
	lastPolledAt: number;
	/** The first poll that saw the run ended; null while it moved. */
	endedAt: number | null;
	steps: StepObservation[];
};

export type PersistedState = {
	version: 1;
	watch: WatchList;
	/** Failed runs the user has not opened yet. */
	unseenFailures?: number[];
	/** Reconstructed step timelines by run id, so that a restart does not forget what polls saw. */
	timelines?: Record<number, SavedTimeline>;
};

export type LoadResult = {state: PersistedState | null; notice: string | null};

/** More would be a file nobody edits by hand but everybody reads at start. */
const MAX_PERSISTED_IDS = 1000;
export const MAX_PERSISTED_TIMELINES = 200;

/** A watch list of MAX_PERSISTED_IDS ids with their timelines is well under 1 MB; beyond this it is not ours. */
export const MAX_STATE_BYTES = 4 * 1024 * 1024;
/** How long a write waits for another window's lock before merging without it. */
const LOCK_WAIT_MS = 100;
const LOCK_RETRY_MS = 2;
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

function savedTimeline(value: unknown): SavedTimeline | null {
	if (!isObject(value)) return null;
	const {firstSeenAt, lastPolledAt, endedAt, steps} = value;
	if (!isTime(firstSeenAt) || !isTime(lastPolledAt) || !Array.isArray(steps)) return null;
	if (endedAt !== null && !isTime(endedAt)) return null;
	const parsed = steps.map(stepObservation);
	if (!parsed.every(step => step !== null)) return null;
	return {firstSeenAt, lastPolledAt, endedAt, steps: parsed.slice(-MAX_STEP_OBSERVATIONS)};
}

/** Timelines are a cache: bad entries are dropped, not a reason to throw the watch list away. */
function timelines(value: unknown): Record<number, SavedTimeline> {
	const result: Record<number, SavedTimeline> = {};
	if (!isObject(value)) return result;
	const ids = Object.keys(value)
		.map(Number)
		.filter(isId)
		.sort((a, b) => b - a)
		.slice(0, MAX_PERSISTED_TIMELINES);
	for (const id of ids) {
		const timeline = savedTimeline(value[String(id)]);
		if (timeline !== null) result[id] = timeline;
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
	let text: string | null = null;
	try {
		text = readFileNoFollow(path, MAX_STATE_BYTES);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return {state: null, notice: null};
		if (!(error instanceof FileTooLargeError)) {
			const why = errorCode(error) === 'ELOOP' ? 'it is a symlink' : describeError(error);
			return {state: null, notice: `Could not read the saved watch list (${why}); starting without it.`};
		}
	}

	let parsed: unknown;
	try {
		parsed = text === null ? undefined : JSON.parse(text);
	} catch {
		parsed = undefined;
	}

	const state = parsePersistedState(parsed);
	if (state !== null) return {state, notice: null};

	const what = text === null ? `larger than ${MAX_STATE_BYTES / 1024 / 1024} MB` : 'unreadable';
	const stamp = new Date((options.now ?? Date.now)()).toISOString().replaceAll(':', '-');
	const aside = `${path}.corrupt-${stamp}`;
	try {
		renameSync(path, aside);
		return {state: null, notice: `The saved watch list was ${what}; it was moved to ${aside}.`};
	} catch (error) {
		return {state: null, notice: `The saved watch list was ${what} and could not be moved aside (${describeError(error)}).`};
	}
}

/** The watch list in the file now, for a merge; null when there is none that can be read. */
function watchOnDisk(path: string): WatchList | null {
	try {
		return parsePersistedState(JSON.parse(readFileNoFollow(path, MAX_STATE_BYTES)))?.watch ?? null;
	} catch {
		return null;
	}
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `task` under the state file's lock, or without it when another window holds it too long. */
function withLock<T>(path: string, task: () => T): T {
	const lock = createFileLock(`${path}.lock`);
	let held = false;
	for (let waited = 0; !held && waited <= LOCK_WAIT_MS; waited += LOCK_RETRY_MS) {
		held = lock.tryLock();
		// A synchronous wait of a few ms: the holder is itself only reading and writing a small file.
		if (!held) Atomics.wait(pause, 0, 0, LOCK_RETRY_MS);
	}

	try {
		return task();
	} finally {
		if (held) lock.unlock();
	}
}

export type StateWriter = {
	/** Writes when the serialised state differs from what was last written or read; true when it wrote. */
	write(state: PersistedState): boolean;
};

const serializeState = (state: PersistedState): string => `${JSON.stringify(state, null, '\t')}\n`;

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

/** Whether the state directory may hold our files; a notice when it was made private or is refused. */
function checkDirectory(dir: string): {usable: boolean; notice: string | null} {
	try {
		const {madePrivate} = ensurePrivateDirectory(dir);
		return {usable: true, notice: madePrivate ? `The state directory ${dir} could be written by other users; it was made private (0700).` : null};
	} catch (error) {
		if (error instanceof UnsafeDirectoryError) {
			return {usable: false, notice: `The watch list is not saved: ${error.message}. Make it private (chmod 700) or set XDG_STATE_HOME.`};
		}

		return {usable: true, notice: null};
	}
}

/** A lock left by a writer killed while holding it; as with temp files, only one far older than any write. */
function removeStaleLock(path: string, now: number): void {
	const lockFile = `${path}.lock`;
	try {
		if (now - statSync(lockFile).mtimeMs > STALE_TEMP_MS) unlinkSync(lockFile);
	} catch {
		// None, or gone already; a live writer's lock is young and stays.
	}
}

export function createStateWriter(
	path: string,
	options: {onError: (message: string) => void; previous?: PersistedState | null; now?: () => number},
): StateWriter {
	const directory = checkDirectory(dirname(path));
	if (directory.notice !== null) options.onError(directory.notice);
	const now = (options.now ?? Date.now)();
	removeStaleTemps(dirname(path), now);
	removeStaleLock(path, now);
	// The watch list as this window last read or wrote it: what its own changes are counted from.
	let base: WatchList = options.previous?.watch ?? emptyWatchList();
	// Compared in the shape persistedStateOf gives, so that a file read at start is not rewritten unchanged.
	let last = options.previous
		? serializeState({
				version: 1,
				watch: options.previous.watch,
				unseenFailures: options.previous.unseenFailures ?? [],
				timelines: options.previous.timelines ?? {},
			})
		: null;
	let disabled = !directory.usable;
	return {
		write(state) {
			if (disabled) return false;
			const text = serializeState(state);
			if (text === last) return false;
			try {
				withLock(path, () => {
					const theirs = watchOnDisk(path);
					const watch = theirs === null ? state.watch : mergeWatchLists(base, state.watch, theirs, MAX_PERSISTED_IDS);
					writeFileAtomically(path, serializeState({...state, watch}), '.state.json.tmp');
				});
				base = state.watch;
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

type PersistedSlice = Pick<RunStoreState, 'watch' | 'runs' | 'runOrder' | 'observations' | 'savedUnseen'>;

/**
 * Failed runs not opened yet, newest first: those on screen, and those a previous session saved that are
 * not back yet (while their timeline is kept: without it the mark is not needed, see hydrate).
 */
function unseenIds(state: PersistedSlice): number[] {
	const ids = state.runOrder.filter(id => state.runs[id]?.unseenFailure === true);
	for (const key of Object.keys(state.savedUnseen)) {
		const id = Number(key);
		if (state.runs[id] === undefined && state.observations[id] !== undefined) ids.push(id);
	}

	return ids.sort((a, b) => b - a).slice(0, MAX_PERSISTED_IDS);
}

/** The runs whose timelines are kept: the newest. */
const timelineIds = (state: Pick<RunStoreState, 'observations'>): number[] =>
	Object.keys(state.observations)
		.map(Number)
		.sort((a, b) => b - a)
		.slice(0, MAX_PERSISTED_TIMELINES);

const savedTimelineOf = (observation: RunObservation): SavedTimeline => ({
	firstSeenAt: observation.firstSeenAt,
	lastPolledAt: observation.lastPolledAt,
	endedAt: observation.endedAt,
	steps: observation.steps.map(({step, firstSeenAt, lastSeenAt, prevPollAt}) => ({step, firstSeenAt, lastSeenAt, prevPollAt})),
});

/** What of the store is persisted: the watch list, the unseen failures and the step timelines, bounded. */
export function persistedStateOf(state: PersistedSlice): PersistedState {
	const timelines: Record<number, SavedTimeline> = {};
	for (const id of timelineIds(state)) {
		const observation = state.observations[id];
		if (observation) timelines[id] = savedTimelineOf(observation);
	}

	return {
		version: 1,
		watch: {
			runIds: state.watch.runIds.slice(0, MAX_PERSISTED_IDS),
			syncIds: state.watch.syncIds.slice(0, MAX_PERSISTED_IDS),
			all: state.watch.all,
		},
		unseenFailures: unseenIds(state),
		timelines,
	};
}

/**
 * A previous session's state as the store takes it up. The status and progress seen before are not
 * kept: the first poll after the restart counts as movement, so a run is never called stalled for the
 * time the app was not running.
 */
export function hydrationOf(saved: PersistedState): Hydration {
	const observations: Record<number, RunObservation> = {};
	for (const [id, timeline] of Object.entries(saved.timelines ?? {})) {
		observations[Number(id)] = {
			firstSeenAt: timeline.firstSeenAt,
			lastPolledAt: timeline.lastPolledAt,
			steps: timeline.steps,
			lastStatus: '',
			statusChangedAt: timeline.lastPolledAt,
			lastProgressAt: timeline.lastPolledAt,
			progressKey: '',
			endedAt: timeline.endedAt,
		};
	}

	return {observations, unseenFailures: saved.unseenFailures ?? []};
}

/**
 * What decides a write: the watch list, the unseen set, and per kept timeline its steps and whether it
 * ended. Not the times a step was last seen, which move on every poll.
 */
function marks(state: PersistedSlice): {now: string; timelines: string} {
	const timelines = timelineIds(state).map(id => {
		const observation = state.observations[id];
		return `${id}:${observation?.steps.length}:${observation?.steps.at(-1)?.firstSeenAt}:${observation?.endedAt === null ? 0 : 1}`;
	});
	return {now: `${JSON.stringify(state.watch)}|${unseenIds(state).join(',')}`, timelines: timelines.join(',')};
}

/** A timeline that gained a step is written within this; the watch list and the unseen set at once. */
export const TIMELINE_WRITE_DELAY_MS = 10_000;

/**
 * Writes now (when different from the file), at once when the watch list or the unseen set changes, a
 * little later when a timeline gained a step or ended (many runs changing step together make one write),
 * and once more on detach, with the latest sightings.
 */
export function attachPersistence(store: RunStoreApi, writer: StateWriter): () => void {
	let last = marks(store.getState());
	let timer: NodeJS.Timeout | null = null;
	const writeNow = (): void => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
		writer.write(persistedStateOf(store.getState()));
	};

	writeNow();
	const unsubscribe = store.subscribe((next, previous) => {
		const relevant =
			next.watch !== previous.watch ||
			next.runs !== previous.runs ||
			next.observations !== previous.observations ||
			next.savedUnseen !== previous.savedUnseen;
		if (!relevant) return;
		const current = marks(next);
		if (current.now !== last.now) {
			last = current;
			writeNow();
		} else if (current.timelines !== last.timelines) {
			last = current;
			if (timer === null) {
				timer = setTimeout(writeNow, TIMELINE_WRITE_DELAY_MS);
				// A pending write must not keep the process alive: detach writes it anyway.
				timer.unref();
			}
		}
	});
	return () => {
		unsubscribe();
		writeNow();
	};
}
