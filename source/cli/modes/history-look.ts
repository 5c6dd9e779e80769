import type {CensusApi} from '../../census/api.js';
import {isCensusError} from '../../census/errors.js';
import {historyRun, type HistoryRun} from '../../runs/sync-history.js';
import {CONCURRENCY, mapWithLimit, syncRunsNewestFirst} from './snapshot.js';

// `--once --history N`: the newest N runs of each sync shown, one list page per sync (per_page N ≤ 50),
// a few at a time. A history is a nicety: one that cannot be read is said on stderr and the rest goes on;
// an interruption ends it.

export type HistoryLook = {histories: Map<number, readonly HistoryRun[]>; failures: Array<{syncId: number; reason: string}>};

export async function lookAtHistories(api: CensusApi, syncIds: readonly number[], perPage: number, signal?: AbortSignal): Promise<HistoryLook> {
	const pages = await mapWithLimit(syncIds, CONCURRENCY, async syncId => {
		try {
			const page = await api.listSyncRuns(syncId, {perPage, order: 'desc'}, {signal});
			return {syncId, history: syncRunsNewestFirst(page.items, syncId).map(run => historyRun(run))};
		} catch (error) {
			if (!isCensusError(error) || error.kind === 'aborted') throw error;
			return {syncId, reason: error.message};
		}
	});
	const histories = new Map<number, readonly HistoryRun[]>();
	const failures: HistoryLook['failures'] = [];
	for (const page of pages) {
		if (page === null) continue;
		if (page.history === undefined) failures.push({syncId: page.syncId, reason: page.reason});
		else histories.set(page.syncId, page.history);
	}

	return {histories, failures};
}
