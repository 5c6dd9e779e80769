import {between, streamFor, type Random} from './random.js';
import {planRun} from './run-plan.js';
import {runJson, type RawRun, type RunRecord, type TriggerReason} from './run-record.js';
import type {ResolvedWorldOptions} from './scenarios.js';
import {pastRuns, workingRuns, type Seeded} from './seeded-runs.js';
import {isBusy, newSyncEntry, rememberRun, type EntryShape, type SyncEntry} from './sync-entry.js';
import {frequencyFor} from './sync-factory.js';
import {createRunIds, STREAM} from './world-ids.js';

// What the world holds: its syncs, every run kept, the run ids given out so far and the sim time; and the
// workspace as it stands at the start (see world.ts). The world's schedules and edits change it.

export type Workspace = {
	readonly config: ResolvedWorldOptions;
	/** In creation order; a sync's index is its place here. */
	readonly entries: SyncEntry[];
	readonly byId: Map<number, SyncEntry>;
	readonly runs: Map<number, RunRecord>;
	readonly takeRunId: () => number;
	now: number;
};

export type RunDetails = {scheduledAt: number | null; trigger: TriggerReason; fullSync: boolean};

/** The syncs of a new workspace: every eighth is paused and every eighth starts no runs by itself (with variety). */
function workspaceShapes(config: ResolvedWorldOptions): Array<{shape: EntryShape; random: Random}> {
	const shapes: Array<{shape: EntryShape; random: Random}> = [];
	for (let index = 0; index < config.syncs; index += 1) {
		const random = streamFor(config.seed, STREAM.sync, index);
		const typicalRunMs = between(random, config.runDurationMs[0], config.runDurationMs[1]);
		// Mostly longer than a run, so that skipped runs happen now and then rather than every other time.
		const periodMs = Math.round(Math.max(between(random, config.schedulePeriodMs[0], config.schedulePeriodMs[1]), typicalRunMs * 1.2));
		const slot = index % 8;
		const paused = config.variety && slot === 6;
		const manual = config.variety && slot === 7;
		shapes.push({shape: {paused, frequency: manual ? 'never' : frequencyFor(periodMs), periodMs: manual ? null : periodMs, typicalRunMs}, random});
	}

	return shapes;
}

/** The syncs under way at the start: a seeded shuffle, so that they are not always the first ones. */
function workingAtStart(config: ResolvedWorldOptions, entries: readonly SyncEntry[]): Set<SyncEntry> {
	const layout = streamFor(config.seed, STREAM.layout);
	const candidates = entries.filter(entry => entry.json['paused'] !== true);
	for (let at = candidates.length - 1; at > 0; at -= 1) {
		const other = Math.floor(layout() * (at + 1));
		[candidates[at], candidates[other]] = [candidates[other] as SyncEntry, candidates[at] as SyncEntry];
	}

	return new Set(candidates.slice(0, config.workingAtStart));
}

/** Every run that exists before the start, in creation order. */
function seededRuns(config: ResolvedWorldOptions, entries: readonly SyncEntry[]): Seeded[] {
	const working = workingAtStart(config, entries);
	const forcedOutcomes = ['completed', 'failed', 'rejected'] as const;
	const seeded: Seeded[] = [];
	for (const entry of entries) {
		const under = working.has(entry) ? workingRuns(config, entry) : [];
		seeded.push(...under);
		const firstStart = Math.min(config.now - 2000, ...under.map(item => item.createdAt));
		seeded.push(...pastRuns(config, entry, firstStart, forcedOutcomes[entry.index] ?? null, entry.index === 0));
	}

	return seeded.sort((a, b) => a.createdAt - b.createdAt || a.entry.index - b.entry.index);
}

export const remember = (workspace: Workspace, entry: SyncEntry, record: RunRecord): void => {
	rememberRun(entry, record, workspace.runs, workspace.config.keepRuns);
};

export function addEntry(workspace: Workspace, index: number, shape: EntryShape, random: Random): SyncEntry {
	const entry = newSyncEntry(workspace.config, index, shape, random);
	workspace.entries.push(entry);
	workspace.byId.set(entry.id, entry);
	return entry;
}

/** A new run of the sync at `at`: skipped (no plan) while another of its runs is under way. */
export function startRun(workspace: Workspace, entry: SyncEntry, at: number, random: Random, details: RunDetails): number {
	const record: RunRecord = {
		id: workspace.takeRunId(),
		syncId: entry.id,
		createdAt: at,
		scheduledAt: details.scheduledAt,
		fullSync: details.fullSync,
		trigger: details.trigger,
		plan: isBusy(entry, at) ? null : planRun(random, entry.planProfile, {fullSync: details.fullSync}),
		canceledAt: null,
		frozen: null,
	};
	remember(workspace, entry, record);
	return record.id;
}

/** The run as the API shows it now. */
export function materialize(workspace: Workspace, record: RunRecord): RawRun {
	const entry = workspace.byId.get(record.syncId);
	if (entry === undefined) {
		throw new Error(`world: run ${record.id} belongs to no sync`);
	}

	return runJson(record, workspace.now, entry.planProfile);
}

/** The workspace at `config.now`: its syncs, with their past runs and the runs under way. */
export function createWorkspace(config: ResolvedWorldOptions): Workspace {
	const workspace: Workspace = {config, entries: [], byId: new Map(), runs: new Map(), takeRunId: createRunIds(config.seed), now: config.now};
	for (const [index, {shape, random}] of workspaceShapes(config).entries()) addEntry(workspace, index, shape, random);
	for (const item of seededRuns(config, workspace.entries)) {
		remember(workspace, item.entry, {id: workspace.takeRunId(), syncId: item.entry.id, createdAt: item.createdAt, ...item.record});
	}

	return workspace;
}
