import type {Sync, SyncRun} from '../../../source/census/types.js';
import {observeRun, type RunObservation} from '../../../source/runs/observe.js';

// Runs and poll histories for the detail pane, error inspector and step timeline tests.

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

export const makeRun = (fields: Partial<SyncRun> = {}): SyncRun => {
	const run: SyncRun = {
		id: 9001,
		syncId: 42,
		status: 'working',
		canceled: false,
		fullSync: false,
		currentStep: STEP.unload,
		createdAt: '2026-11-29T10:00:00.000Z',
		updatedAt: '2026-11-29T10:00:05.000Z',
		completedAt: null,
		scheduledExecutionTime: null,
		sourceRecordCount: 1000,
		sourceRecordUpdates: 200,
		sourceRecordDeletes: 3,
		sourceRecordInvalids: 0,
		recordsProcessed: 400,
		recordsUpdated: 390,
		recordsFailed: 10,
		errorCode: null,
		errorMessage: null,
		errorDetail: null,
		triggerReason: null,
		raw: {},
		...fields,
	};
	return {...run, raw: {...fields, id: run.id, status: run.status}};
};

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

export type Poll = {at: number; step: string | null; status?: string};

/** The observation the store would hold after these polls of one run. */
export const observe = (polls: Poll[], ended: (status: string) => boolean = status => status !== 'working'): RunObservation => {
	let observation: RunObservation | undefined;
	for (const poll of polls) {
		const status = poll.status ?? 'working';
		observation = observeRun(observation, makeRun({currentStep: poll.step, status}), poll.at, ended(status));
	}

	if (!observation) throw new Error('observe needs at least one poll');
	return observation;
};

export const makeSync = (id: number, label: string | null): Sync => ({
	id,
	label,
	resourceIdentifier: null,
	status: null,
	paused: null,
	operation: null,
	sourceConnectionId: null,
	sourceObject: null,
	destinationConnectionId: null,
	destinationObject: null,
	scheduleFrequency: null,
});

/** Hostile text as the API could send it: an OSC title, a screen clear, an 8-bit CSI and OSC, a bell. */
export const HOSTILE = 'A\u001b]0;pwned\u0007B\u001b[2JC\u009b31mD\u009d0;owned\u009cE\u0007F';
/** What must never reach the terminal from API text. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
