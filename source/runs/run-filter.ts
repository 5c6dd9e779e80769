import type {RunEntry, RunModel, SyncInfo} from './model.js';
import {sanitizeText} from '../text/sanitize.js';
import {sortRunIds, type RunSort} from './run-sort.js';
import {syncDisplayLabel} from './sync-label.js';
import {isMovingPhase, isTerminalPhase, runPhase, statusWord} from './status.js';

// The run list's filters: a typed text filter (`/`) over what a row shows and a quick status filter.
// Pure, so the list, the key handler (which must act on the list as it is now, not as it was rendered)
// and the tests all filter the same way.

export type QuickFilter = 'all' | 'active' | 'failed' | 'ended';

const QUICK_FILTERS: readonly QuickFilter[] = ['all', 'active', 'failed', 'ended'];

export type RunFilter = {
	text: string;
	quick: QuickFilter;
	/** The list's order (`s`); newest first when absent. */
	sort?: RunSort;
};

/** The word a run's row shows for its status, whole (the row's cell cuts it); 'waiting' before the first answer. */
export function entryStatusWord(entry: RunEntry): string {
	if (!entry.run && !entry.notFound) return 'waiting';
	return statusWord(entry.run, entry.notFound, {full: true});
}

export function matchesQuickFilter(entry: RunEntry, quick: QuickFilter): boolean {
	if (quick === 'all') return true;
	const phase = runPhase(entry.run, entry.notFound);
	if (quick === 'active') return isMovingPhase(phase);
	if (quick === 'failed') return phase === 'failed';
	return isTerminalPhase(phase);
}

/**
 * Case-insensitive substring match on run id, the sync as a row shows it (`label #id`, so that `#102` and
 * `102` find sync 102), status word, error code and error message.
 */
function matchesText(entry: RunEntry, syncs: Readonly<Record<number, SyncInfo>>, text: string): boolean {
	const needle = text.trim().toLowerCase();
	if (needle === '') return true;
	const haystack = [String(entry.id), entryStatusWord(entry)];
	if (entry.run) {
		const {syncId} = entry.run;
		haystack.push(`${syncDisplayLabel(syncs, syncId)} #${syncId}`, sanitizeText(entry.run.errorCode), sanitizeText(entry.run.errorMessage));
	}

	return haystack.some(field => field.toLowerCase().includes(needle));
}

/** The ids of the runs that pass the filter, in list order (newest first unless sorted otherwise). */
export function filterRunIds(state: Pick<RunModel, 'runOrder' | 'runs' | 'syncs'>, filter: RunFilter): number[] {
	const ids = state.runOrder.filter(id => {
		const entry = state.runs[id];
		return entry !== undefined && matchesQuickFilter(entry, filter.quick) && matchesText(entry, state.syncs, filter.text);
	});
	return filter.sort === undefined || filter.sort === 'newest' ? ids : sortRunIds(ids, state, filter.sort);
}

export function nextQuickFilter(quick: QuickFilter): QuickFilter {
	return QUICK_FILTERS[(QUICK_FILTERS.indexOf(quick) + 1) % QUICK_FILTERS.length] ?? 'all';
}

/** A paused sync's label says so first, where cutting the label for width never reaches. */
export const pausedMarked = (label: string, paused: boolean): string => (paused ? `(paused) ${label}` : label);
