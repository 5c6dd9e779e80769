import type {CensusApi} from '../../census/api.js';
import {isCensusError} from '../../census/errors.js';
import {historyRun, type HistoryRun} from '../../runs/sync-history.js';

// `--once --history N`: the newest N runs of each sync shown, one list page per sync (per_page N ≤ 50),
// a few at a time. A history is a nicety: one that cannot be read is said on stderr and the rest goes on;
// an interruption ends it.

const CONCURRENCY = 4;

export type HistoryLook = {histories: Map<number, readonly HistoryRun[]>; failures: Array<{syncId: number; reason: string}>};

export async function lookAtHistories(api: CensusApi, syncIds: readonly number[], perPage: number, signal?: AbortSignal): Promise<HistoryLook> {
	const histories = new Map<number, readonly HistoryRun[]>();
	const failures: HistoryLook['failures'] = [];
	const queue = [...syncIds];
	const worker = async (): Promise<void> => {
		for (let syncId = queue.shift(); syncId !== undefined; syncId = queue.shift()) {
			try {
				const page = await api.listSyncRuns(syncId, {perPage, order: 'desc'}, {signal});
				const id = syncId;
				// A page that carries another sync's runs is not this sync's history.
				histories.set(id, page.items.filter(run => run.syncId === id).sort((a, b) => b.id - a.id).map(run => historyRun(run)));
			} catch (error) {
				if (!isCensusError(error) || error.kind === 'aborted') throw error;
				failures.push({syncId, reason: error.message});
			}
		}
	};

	await Promise.all(Array.from({length: Math.min(CONCURRENCY, syncIds.length)}, worker));
	failures.sort((a, b) => syncIds.indexOf(a.syncId) - syncIds.indexOf(b.syncId));
	return {histories, failures};
}
