// The simulated Census workspace: syncs, and runs that start on schedules, move through the steps and
// end. Pure and deterministic: no timers and no I/O; time moves only through advanceTo, and every run's
// fate is drawn from a random stream named by (seed, sync, ordinal), so two worlds with the same seed
// advanced to the same times hold the same JSON. What it holds is workspace.ts's (one sync's runs in
// sync-entry.ts, the runs before the start in seeded-runs.ts, ids in world-ids.ts), the runs that start
// by themselves world-schedules.ts's, and what callers change world-edits.ts's (runs set by hand: frozen-runs.ts).
//
// Canceling: Census has no "canceled" status. A run asked to cancel goes on reading queued or working
// with `canceled: true` for a few seconds (CANCEL_GRACE_MS), then ends `completed` or `failed`, still
// `canceled: true`, at the step and with the counts it had when asked.
import type {Patch} from './frozen-runs.js';
import {resolveWorldOptions, type WorldOptions} from './scenarios.js';
import {idsNewestFirst, syncJson} from './sync-entry.js';
import type {RawRun} from './run-record.js';
import type {RawSync} from './sync-factory.js';
import {addRun, addSync, cancelRun, removeRun, triggerRun, updateRun} from './world-edits.js';
import {createSchedules} from './world-schedules.js';
import {createWorkspace, materialize} from './workspace.js';

export type {Patch} from './frozen-runs.js';
export type {RawSync} from './sync-factory.js';
export type {Scenario, WorldOptions} from './scenarios.js';

export type {RawRun} from './run-record.js';

export type World = {
	/** The sim time the world has been advanced to. */
	now(): number;
	/** Starts the runs scheduled up to `nowMs`; earlier or equal times change nothing. */
	advanceTo(nowMs: number): void;
	/** Sync ids in creation order. */
	syncIds(): number[];
	listSyncs(): RawSync[];
	getSync(id: number): RawSync | null;
	/** Run ids of a sync, newest first; null when there is no such sync. */
	runIds(syncId: number): number[] | null;
	/** Runs of a sync, newest first; null when there is no such sync. */
	listRuns(syncId: number): RawRun[] | null;
	getRun(id: number): RawRun | null;
	/** Starts a run now; it ends `skipped` at once if one of the sync's runs is under way. Null: no such sync. */
	trigger(syncId: number, fullSync?: boolean): number | null;
	/** Cancels a queued or working run; false when there is no such run or it has ended. */
	cancel(runId: number): boolean;
	/** Adds a sync with no schedule; `partial` overrides any field but `id`. */
	addSync(partial?: Patch): number;
	/** Adds a run frozen as given: by default a completed run; `partial` overrides any field but `id`/`sync_id`. */
	addRun(syncId: number, partial?: Patch): number;
	/** Freezes the run as it reads now with `partial` applied: from then on only updateRun and cancel change it. */
	updateRun(id: number, partial: Patch): boolean;
	removeRun(id: number): boolean;
	/** While paused no run starts by itself; on resuming, starts missed meanwhile are not made up. */
	pauseSchedules(paused: boolean): void;
};

export function createWorld(options: WorldOptions): World {
	const workspace = createWorkspace(resolveWorldOptions(options));
	const schedules = createSchedules(workspace, workspace.config.schedulesPaused);
	const {byId, entries, runs} = workspace;

	return {
		now: () => workspace.now,
		advanceTo: schedules.advanceTo,
		syncIds: () => entries.map(entry => entry.id),
		listSyncs: () => entries.map(entry => syncJson(entry, workspace.now)),

		getSync(id) {
			const entry = byId.get(id);
			return entry === undefined ? null : syncJson(entry, workspace.now);
		},

		runIds(syncId) {
			const entry = byId.get(syncId);
			return entry === undefined ? null : idsNewestFirst(entry);
		},

		listRuns(syncId) {
			const entry = byId.get(syncId);
			if (entry === undefined) {
				return null;
			}

			return idsNewestFirst(entry).flatMap(id => {
				const record = runs.get(id);
				return record === undefined ? [] : [materialize(workspace, record)];
			});
		},

		getRun(id) {
			const record = runs.get(id);
			return record === undefined ? null : materialize(workspace, record);
		},

		trigger: (syncId, fullSync = false) => triggerRun(workspace, syncId, fullSync),
		cancel: runId => cancelRun(workspace, runId),
		addSync: (partial = {}) => addSync(workspace, partial),
		addRun: (syncId, partial = {}) => addRun(workspace, syncId, partial),
		updateRun: (id, partial) => updateRun(workspace, id, partial),
		removeRun: id => removeRun(workspace, id),
		pauseSchedules: schedules.pause,
	};
}
