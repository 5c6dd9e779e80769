import type {Sync, SyncRun} from '../../source/census/types.js';
import type {RunEntry} from '../../source/runs/model.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';

// The one place test fixtures are built: runs and syncs as the parser gives them, the API's JSON for them
// (for test servers and the parser), store entries, and a store filled with runs. A test that needs other
// values passes them as overrides, or one of the named override sets below, so that what it starts from
// reads at the call site. No Ink here: some tests turn colour on before they import it.

/** "Now" for runs built with the defaults: eight minutes after the default run completed. */
export const NOW = Date.parse('2026-11-29T10:10:00.000Z');

/** The steps of a Census sync run, in order (plus the generic step of syncs that do not say more). */
export const STEP = {
	columns: 'Checking for columns to remove from the sync',
	fields: 'Checking for fields to create in destination',
	config: 'Checking source and destination configuration',
	unload: 'Unloading data from warehouse',
	load: 'Loading data into destination service',
	commitDest: 'Committing data to destination service',
	commitWh: 'Committing sync to warehouse',
	generic: 'Running sync',
} as const;

/**
 * A run as the parser would give it: by default completed, 1,000 records sent, on sync 101. Its `raw`
 * mirrors every field (so the store sees a change whenever a field changes) unless `overrides.raw` is given.
 */
export const makeRun = (id: number, overrides: Partial<SyncRun> = {}): SyncRun => {
	const run: SyncRun = {
		id,
		syncId: 101,
		status: 'completed',
		canceled: false,
		fullSync: false,
		currentStep: STEP.commitWh,
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
		...overrides,
		raw: {},
	};
	const {raw: _raw, ...fields} = run;
	return {...run, raw: overrides.raw ?? fields};
};

/** Every field the API may leave out, as null: a run known by little more than its id, sync and status. */
export const BARE = {
	currentStep: null,
	createdAt: null,
	updatedAt: null,
	completedAt: null,
	sourceRecordCount: null,
	sourceRecordUpdates: null,
	sourceRecordDeletes: null,
	sourceRecordInvalids: null,
	recordsProcessed: null,
	recordsUpdated: null,
	recordsFailed: null,
} as const satisfies Partial<SyncRun>;

/** A run ten records of a hundred into unloading, with nothing else known: what the store tests poll. */
export const UNLOADING = {
	...BARE,
	status: 'working',
	currentStep: STEP.unload,
	createdAt: '2026-11-29T10:00:00.000Z',
	sourceRecordCount: 100,
	recordsProcessed: 10,
} as const satisfies Partial<SyncRun>;

/** Run 9001 of sync 42, 40 % through unloading five seconds in: where the detail pane, inspector and timeline tests start. */
export const IN_FLIGHT = {
	syncId: 42,
	status: 'working',
	currentStep: STEP.unload,
	updatedAt: '2026-11-29T10:00:05.000Z',
	completedAt: null,
	sourceRecordUpdates: 200,
	sourceRecordDeletes: 3,
	recordsProcessed: 400,
	recordsUpdated: 390,
	recordsFailed: 10,
} as const satisfies Partial<SyncRun>;

/** makeRun(9001) with IN_FLIGHT under `overrides`. */
export const inFlightRun = (overrides: Partial<SyncRun> = {}): SyncRun => makeRun(9001, {...IN_FLIGHT, ...overrides});

/** The record counts of the reference's run 94: 12 updates and 2 deletes to send of 15, all 14 sent, 1 rejected. */
export const RUN_94_COUNTS = {
	sourceRecordCount: 15,
	sourceRecordUpdates: 12,
	sourceRecordDeletes: 2,
	sourceRecordInvalids: 1,
	recordsProcessed: 14,
	recordsUpdated: 13,
	recordsFailed: 1,
} as const satisfies Partial<SyncRun>;

/** A sync as the parser would give it: by default a ready hourly upsert of users to Contact. */
export const makeSync = (id: number, label: string | null, overrides: Partial<Sync> = {}): Sync => ({
	id,
	label,
	resourceIdentifier: null,
	status: 'Ready',
	paused: false,
	operation: 'upsert',
	sourceConnectionId: 1,
	sourceObject: 'users',
	destinationConnectionId: 2,
	destinationObject: 'Contact',
	scheduleFrequency: 'hourly',
	...overrides,
});

/** A sync the API said nothing about beyond its id and label. */
export const UNKNOWN_SYNC = {
	status: null,
	paused: null,
	operation: null,
	sourceConnectionId: null,
	sourceObject: null,
	destinationConnectionId: null,
	destinationObject: null,
	scheduleFrequency: null,
} as const satisfies Partial<Sync>;

/** The store's entry for a run that has answered. */
export const makeEntry = (run: SyncRun, overrides: Partial<RunEntry> = {}): RunEntry => ({
	id: run.id,
	run,
	notFound: false,
	lastError: null,
	origin: 'follow',
	unseenFailure: false,
	...overrides,
});

/** A store holding these runs (and syncs), as after one poll at NOW; `notFound` ids were answered 404. */
export function storeWith(runs: SyncRun[], syncs: Sync[] = [], notFound: number[] = []): RunStoreApi {
	const store = createRunStore({watch: {runIds: [...runs.map(run => run.id), ...notFound], syncIds: [], all: false}});
	store.getState().applyRuns(runs, NOW, {origin: 'id'});
	store.getState().upsertSyncs(syncs, NOW);
	for (const id of notFound) store.getState().markNotFound(id, NOW);
	return store;
}

/** A sync run as the API sends it (run 94 of the reference, unloading), with `overrides` on top. */
export const runJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
	id: 94,
	sync_id: 52,
	status: 'working',
	canceled: false,
	full_sync: false,
	current_step: 'Unloading data from warehouse',
	created_at: '2021-10-20T02:51:07.546Z',
	updated_at: '2021-10-20T02:52:29.236Z',
	completed_at: null,
	scheduled_execution_time: null,
	source_record_count: 15,
	source_record_updates: 12,
	source_record_deletes: 2,
	source_record_invalids: 1,
	records_processed: null,
	records_updated: null,
	records_failed: null,
	error_code: null,
	error_message: null,
	error_detail: null,
	...overrides,
});

/** A sync as the API sends it, with `overrides` on top. */
export const syncJson = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
	id: 52,
	label: 'Users to Salesforce',
	resource_identifier: 'sync:52',
	status: 'Ready',
	paused: false,
	operation: 'upsert',
	source_attributes: {connection_id: 7, object: {type: 'model', id: 3, name: 'users_model'}},
	destination_attributes: {connection_id: 9, object: 'contact'},
	mode: {triggers: {schedule: {frequency: 'hourly'}}},
	...overrides,
});
