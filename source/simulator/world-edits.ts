import {applyPatch, canceledFrozenRun, frozenRun, type Patch} from './frozen-runs.js';
import {between, streamFor} from './random.js';
import {endsAt, isMovingFrozen} from './run-record.js';
import {STREAM} from './world-ids.js';
import {addEntry, materialize, remember, startRun, type Workspace} from './workspace.js';

// What callers change in the world: the API's trigger and cancel, and the hooks tests use to set up a
// case (a sync, a run as given, a run changed or gone).

/** Starts a run now; null when there is no such sync. */
export function triggerRun(workspace: Workspace, syncId: number, fullSync: boolean): number | null {
	const entry = workspace.byId.get(syncId);
	if (entry === undefined) {
		return null;
	}

	const random = streamFor(workspace.config.seed, STREAM.triggered, entry.index, entry.triggers);
	entry.triggers += 1;
	return startRun(workspace, entry, workspace.now, random, {
		scheduledAt: null,
		trigger: {ui_tag: 'API', ui_detail: 'Triggered via the Census API'},
		fullSync,
	});
}

export function cancelRun(workspace: Workspace, runId: number): boolean {
	const {now} = workspace;
	const record = workspace.runs.get(runId);
	if (record === undefined || endsAt(record) <= now) {
		return false;
	}

	if (record.frozen === null) {
		// Asking again while it winds down changes nothing.
		record.canceledAt ??= now;
	} else {
		record.frozen = canceledFrozenRun(record.frozen, now);
	}

	return true;
}

export function addSync(workspace: Workspace, partial: Patch): number {
	const {config} = workspace;
	const index = workspace.entries.length;
	const random = streamFor(config.seed, STREAM.sync, index);
	const typicalRunMs = between(random, config.runDurationMs[0], config.runDurationMs[1]);
	const entry = addEntry(workspace, index, {paused: false, frequency: 'never', periodMs: null, typicalRunMs}, random);
	entry.json = {...applyPatch(entry.json, partial), id: entry.id};
	entry.fixedStatus = 'status' in partial;
	return entry.id;
}

export function addRun(workspace: Workspace, syncId: number, partial: Patch): number {
	const entry = workspace.byId.get(syncId);
	if (entry === undefined) {
		throw new RangeError(`addRun: no sync ${syncId}`);
	}

	const id = workspace.takeRunId();
	const frozen = frozenRun(id, syncId, workspace.now, partial);
	remember(workspace, entry, {id, syncId, createdAt: workspace.now, scheduledAt: null, fullSync: false, trigger: {ui_tag: 'Manual', ui_detail: ''}, plan: null, canceledAt: null, frozen});
	return id;
}

export function updateRun(workspace: Workspace, id: number, partial: Patch): boolean {
	const record = workspace.runs.get(id);
	const entry = record === undefined ? undefined : workspace.byId.get(record.syncId);
	if (record === undefined || entry === undefined) {
		return false;
	}

	record.frozen = {...applyPatch(materialize(workspace, record), partial), id: record.id, sync_id: record.syncId};
	if (isMovingFrozen(record.frozen)) {
		entry.active.add(record);
	} else {
		entry.active.delete(record);
	}

	return true;
}

export function removeRun(workspace: Workspace, id: number): boolean {
	const record = workspace.runs.get(id);
	const entry = record === undefined ? undefined : workspace.byId.get(record.syncId);
	if (record === undefined || entry === undefined) {
		return false;
	}

	workspace.runs.delete(id);
	entry.active.delete(record);
	entry.runs.splice(entry.runs.indexOf(record), 1);
	return true;
}
