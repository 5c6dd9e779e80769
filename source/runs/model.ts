import type {Sync, SyncRun} from '../census/types.js';
import type {RunObservation} from './observe.js';
import type {HistoryRun} from './sync-history.js';

// The run model as every layer sees it: what is watched, what is known of each run and sync, and how the
// connection stands. The stores hold these; the pure modules of runs/ and the screens read them.

export type WatchList = {
	/** Runs asked for by id (command line or the add prompt); never pruned. */
	runIds: number[];
	/** Followed syncs: their newest runs are watched and new runs join by themselves. */
	syncIds: number[];
	/** Follow every sync in the workspace. */
	all: boolean;
};

/** Why a run is on screen: asked for by id, or found by following a sync or the workspace. */
export type RunOrigin = 'id' | 'follow';

export type RunEntry = {
	id: number;
	/** Latest API object; null until the first answer. */
	run: SyncRun | null;
	notFound: boolean;
	/** Last error for this run, one line, unsanitised (screens sanitise). Cleared by the next success. */
	lastError: string | null;
	origin: RunOrigin;
	/** A failed run the user has not opened yet. */
	unseenFailure: boolean;
};

export type ConnectionHealth =
	| {kind: 'connecting'}
	| {kind: 'live'}
	| {kind: 'retrying'; since: number; message: string}
	| {kind: 'offline'; since: number; message: string}
	/** Every request in a row gets an HTTP error (a 500 forever, say): the API answers, but not with data. */
	| {kind: 'api_error'; status: number; since: number; message: string}
	| {kind: 'rate_limited'; until: number}
	/** 401: polling waits; the token is checked again at `checkAt`. */
	| {kind: 'token_rejected'; message: string; checkAt?: number}
	/** The API root answered that it is gone (v1 retired) or is no Census API (a wrong base URL). */
	| {kind: 'root_gone'; reason: 'retired' | 'no_api'; root: string; since: number};

export type SyncInfo = Sync & {fetchedAt: number};

export type NoticeLevel = 'info' | 'warn' | 'error';
export type Notice = {id: number; level: NoticeLevel; text: string; at: number};

/**
 * A sync's recent runs: the durations of the ended ones (expected duration and ETA) and the runs
 * themselves, newest first (the history screen and regressions). Fetched once per sync, then kept fresh
 * by the list pages the poller reads anyway.
 */
export type SyncHistory = {durationsMs: number[]; runs: readonly HistoryRun[]; fetchedAt: number};

/** What is known of the watched runs and their syncs, as the pure modules read it; the run store holds it. */
export type RunModel = {
	runs: Record<number, RunEntry>;
	/** Ids of `runs`, newest first (run ids grow with time). */
	runOrder: number[];
	observations: Record<number, RunObservation>;
	syncs: Record<number, SyncInfo>;
	syncHistory: Record<number, SyncHistory>;
};
