import type {RunModel} from './model.js';
import {parseIsoTime} from '../text/format.js';
import {runPhase, type RunPhase} from './status.js';
import {syncDisplayLabel} from './sync-label.js';

// The run list's orders (`s` cycles them). Every order but the first falls back to newest first, so runs
// that tie keep a stable, familiar order. Pure and clock-free: a run still going counts its duration to
// its last update, so the order moves with the data, never with the clock.

export type RunSort = 'newest' | 'status' | 'sync' | 'duration' | 'failed';

export const RUN_SORTS: readonly RunSort[] = ['newest', 'status', 'sync', 'duration', 'failed'];

/** How the list's title names each order. */
export const SORT_NAMES: Readonly<Record<RunSort, string>> = {
	newest: 'newest first',
	status: 'status',
	sync: 'sync',
	duration: 'duration',
	failed: 'failed records',
};

export const nextSort = (sort: RunSort): RunSort => RUN_SORTS[(RUN_SORTS.indexOf(sort) + 1) % RUN_SORTS.length] ?? 'newest';

// What needs a look first: failures, then what is still going, then the rest.
const PHASE_RANK: Readonly<Record<RunPhase, number>> = {
	failed: 0,
	working: 1,
	canceling: 2,
	queued: 3,
	unknown: 4,
	canceled: 5,
	skipped: 6,
	completed: 7,
	not_found: 8,
};

type SortState = Pick<RunModel, 'runs' | 'syncs'>;

function durationOf(state: SortState, id: number): number {
	const run = state.runs[id]?.run;
	if (!run) return -1;
	const start = parseIsoTime(run.createdAt);
	const end = parseIsoTime(run.completedAt) ?? parseIsoTime(run.updatedAt);
	return start === null || end === null ? -1 : Math.max(0, end - start);
}

const keyFor: Readonly<Record<Exclude<RunSort, 'newest'>, (state: SortState, id: number) => number | string>> = {
	status(state, id) {
		const entry = state.runs[id];
		return entry ? PHASE_RANK[runPhase(entry.run, entry.notFound)] : PHASE_RANK.not_found;
	},
	sync(state, id) {
		const run = state.runs[id]?.run;
		return run ? syncDisplayLabel(state.syncs, run.syncId).toLowerCase() : '\uffff';
	},
	// Longest and most rejected first: negated so that every order ascends.
	duration: (state, id) => -durationOf(state, id),
	failed: (state, id) => -(state.runs[id]?.run?.recordsFailed ?? 0),
};

/** `ids` (newest first) in the given order. */
export function sortRunIds(ids: readonly number[], state: SortState, sort: RunSort): number[] {
	if (sort === 'newest') return [...ids];
	const key = keyFor[sort];
	const keyed = ids.map((id, index) => ({id, index, key: key(state, id)}));
	keyed.sort((a, b) => {
		if (a.key !== b.key) {
			if (typeof a.key === 'string' && typeof b.key === 'string') return a.key.localeCompare(b.key);
			return a.key < b.key ? -1 : 1;
		}

		return a.index - b.index;
	});
	return keyed.map(each => each.id);
}
