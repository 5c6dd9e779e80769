import type {CensusApi} from '../../census/api.js';
import type {Env} from '../../terminal/terminal-sequences.js';
import type {RunStoreApi} from '../../store/run-store.js';
import type {Settings} from '../settings.js';

// What `main` hands to a non-interactive mode. The modes never exit the process and never throw for an
// API failure: each resolves to the exit code and has already written its own lines.

/** The part of the polling engine the modes drive (createPoller's Poller fits). */
export type ModePoller = {
	start(): void;
	stop(): void;
	/** Called when nothing is in flight and nothing is scheduled: nothing watched can change any more. */
	subscribeIdle(listener: () => void): () => void;
};

export type ModeSettings = Pick<Settings, 'json' | 'notify' | 'timeoutMs' | 'failFast' | 'workspaceId'> & Partial<Pick<Settings, 'ignoreSkipped' | 'historyRuns'>>;

export type ModeStream = NodeJS.WritableStream & {isTTY?: boolean};

export type ModeContext = {
	/**
	 * For the direct first look of --once and --exit-status (and the API root for web links). It should
	 * keep the client's own retries: without them one dropped connection at launch ends the mode with 4.
	 */
	api: CensusApi;
	/** Created with the watch list to use (its `watch` is what the modes read). */
	store: RunStoreApi;
	/** Bound to `store` and `api`; not started. Unused by --once. */
	poller: ModePoller;
	settings: ModeSettings;
	stdout: ModeStream;
	stderr: ModeStream;
	/** For the notifications (tmux detection). */
	env: Env;
	/** Clock for the times printed; Date.now by default. */
	now?: () => number;
	/** The zone (IANA name) of the wall-clock times printed, each with its offset; the machine's by default. */
	timeZone?: string;
	/** Aborted by main on SIGINT/SIGTERM: a mode stops its requests and poller and resolves. */
	signal?: AbortSignal;
};
