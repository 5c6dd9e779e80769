import type {Sync, SyncRun} from '../../../source/census/types.js';
import {createRunStore, type RunStoreApi} from '../../../source/store/run-store.js';
import type {AppActions, AppOptions} from '../../../source/tui/app.js';
import {BUDGET_WINDOW_MS} from '../../../source/polling/budget.js';
import {DEFAULT_SCHEDULER_CONFIG} from '../../../source/polling/config.js';

// Fixtures shared by the list, help and App tests: runs as the parser would give them (raw mirrors every
// field, so the store sees a change whenever a field changes) and a store filled with them.

export const NOW = Date.parse('2026-11-29T10:10:00.000Z');

/** What the CLI gives the screens without --interval: the poller's default interval. */
export const POLL_INTERVAL_MS = DEFAULT_SCHEDULER_CONFIG.intervalMs;

export const makeRun = (id: number, fields: Partial<SyncRun> = {}): SyncRun => {
	const run: SyncRun = {
		id,
		syncId: 101,
		status: 'completed',
		canceled: false,
		fullSync: false,
		currentStep: 'Committing sync to warehouse',
		createdAt: '2026-11-29T10:00:00.000Z',
		updatedAt: '2026-11-29T10:02:00.000Z',
		completedAt: '2026-11-29T10:02:00.000Z',
		scheduledExecutionTime: null,
		sourceRecordCount: 1000,
		sourceRecordUpdates: 990,
		sourceRecordDeletes: 10,
		sourceRecordInvalids: 0,
		recordsProcessed: 1000,
		recordsUpdated: 1000,
		recordsFailed: 0,
		errorCode: null,
		errorMessage: null,
		errorDetail: null,
		triggerReason: null,
		raw: {},
		...fields,
	};
	const {raw: _raw, ...rest} = run;
	return {...run, raw: {...rest}};
};

export const makeSync = (id: number, label: string | null, resourceIdentifier: string | null = null): Sync => ({
	id,
	label,
	resourceIdentifier,
	status: 'Ready',
	paused: false,
	operation: 'upsert',
	sourceConnectionId: 1,
	sourceObject: 'users',
	destinationConnectionId: 2,
	destinationObject: 'Contact',
	scheduleFrequency: 'hourly',
});

/** A store holding these runs (and syncs), as after one poll at NOW. */
export function storeWith(runs: SyncRun[], syncs: Sync[] = [], notFound: number[] = []): RunStoreApi {
	const store = createRunStore({watch: {runIds: [...runs.map(run => run.id), ...notFound], syncIds: [], all: false}});
	store.getState().applyRuns(runs, NOW, {origin: 'id'});
	store.getState().upsertSyncs(syncs, NOW);
	for (const id of notFound) store.getState().markNotFound(id, NOW);
	return store;
}

export const options = (overrides: Partial<AppOptions> = {}): AppOptions => ({
	demo: true,
	workspaceLabel: null,
	readOnly: false,
	ascii: false,
	animation: false,
	hyperlinks: false,
	baseUrl: 'http://127.0.0.1:4010/api/v1',
	workspaceId: null,
	pollIntervalMs: POLL_INTERVAL_MS,
	budgetWindowMs: BUDGET_WINDOW_MS,
	...overrides,
});

export const noActions = (): AppActions => ({
	refreshNow() {},
	setPaused() {},
	quit() {},
	copyToClipboard: () => 'copied',
	trigger: async () => Promise.reject(new Error('not in this test')),
	cancel: async () => Promise.reject(new Error('not in this test')),
});

export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

/** Lines of a frame, and their widths in cells. */
export const linesOf = (frame: string | undefined): string[] => (frame ?? '').split('\n');
