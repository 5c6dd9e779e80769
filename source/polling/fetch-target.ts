import type {CensusApi} from '../census/api.js';
import {MAX_PER_PAGE, nextPage} from '../census/pagination.js';
import type {Sync, SyncRun} from '../census/types.js';
import {completedDurationMs} from '../runs/eta.js';
import type {Outcome, Target} from './scheduler.js';

// One planned request as an API call: what goes to the store (the answer) and what the scheduler learns
// (the outcome). A failure is thrown as the API threw it.

export type Answer =
	| {kind: 'runs'; runs: SyncRun[]; listedSyncId: number | null}
	| {kind: 'syncs'; syncs: Sync[]}
	/** `runs`: the page's runs, of which those already watched are refreshed (none joins). */
	| {kind: 'history'; syncId: number; durationsMs: number[]; runs: SyncRun[]}
	| {kind: 'none'};

export type Fetched = {answer: Answer; outcome: Outcome};

export type FetchContext = {
	api: CensusApi;
	/** How many recent runs a sync's history asks for. */
	historyPerPage: number;
	/** Sends a queued user action (trigger, cancel). */
	performAction: (actionId: number, signal: AbortSignal) => Promise<void>;
};

const OK: Outcome = {kind: 'ok'};

/** A page that holds another sync's runs is not trusted to say where this sync's runs are. */
const runsOfSync = (items: readonly SyncRun[], syncId: number): SyncRun[] => items.filter(run => run.syncId === syncId);

function historyAnswer(syncId: number, runs: SyncRun[]): Answer {
	const durationsMs: number[] = [];
	for (const run of runs) {
		const duration = completedDurationMs(run);
		if (duration !== null) durationsMs.push(duration);
	}

	return {kind: 'history', syncId, durationsMs, runs};
}

export async function fetchTarget(target: Target, signal: AbortSignal, {api, historyPerPage, performAction}: FetchContext): Promise<Fetched> {
	switch (target.kind) {
		case 'run': {
			const run = await api.getSyncRun(target.runId, {signal});
			return {answer: {kind: 'runs', runs: [run], listedSyncId: null}, outcome: OK};
		}

		case 'sync-runs': {
			const page = await api.listSyncRuns(target.syncId, {perPage: target.perPage}, {signal});
			const runs = runsOfSync(page.items, target.syncId);
			return {answer: {kind: 'runs', runs, listedSyncId: target.syncId}, outcome: {kind: 'ok', pageIds: runs.map(run => run.id)}};
		}

		case 'sync-list': {
			const {items, pagination} = await api.listSyncs({page: target.page, perPage: MAX_PER_PAGE}, {signal});
			return {answer: {kind: 'syncs', syncs: items}, outcome: {kind: 'ok', nextPage: nextPage(target.page, items.length, pagination)}};
		}

		case 'sync': {
			const sync = await api.getSync(target.syncId, {signal});
			return {answer: {kind: 'syncs', syncs: [sync]}, outcome: OK};
		}

		case 'sync-history': {
			const page = await api.listSyncRuns(target.syncId, {perPage: historyPerPage}, {signal});
			return {answer: historyAnswer(target.syncId, runsOfSync(page.items, target.syncId)), outcome: OK};
		}

		case 'action': {
			await performAction(target.actionId, signal);
			return {answer: {kind: 'none'}, outcome: OK};
		}

		case 'root-check': {
			await api.listSyncs({page: 1, perPage: 1}, {signal});
			return {answer: {kind: 'none'}, outcome: OK};
		}
	}
}
