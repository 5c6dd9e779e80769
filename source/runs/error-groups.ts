import type {SyncRun} from '../census/types.js';
import type {RunEntry} from '../runs/model.js';
import {parseIsoTime} from '../text/format.js';
import {sanitizeText} from '../text/sanitize.js';
import {hasRejections, runPhase} from './status.js';

// Failed runs across everything watched, grouped by error code, so that "twelve runs of four syncs hit
// the same code since this morning" reads at a glance. Completed runs whose destination rejected records
// form groups of their own, flagged `rejected`: the run worked, but records did not arrive, and mixing
// them with failures would overstate how many runs broke. Codes are untrusted text: sanitised and cut
// before they become keys or labels.

export const NO_CODE = '(no code)';
/** Longer codes are cut: a code is an identifier, and a hostile one must not grow keys without bound. */
export const MAX_CODE_LENGTH = 120;
const MAX_MESSAGE_LENGTH = 500;

export type ErrorGroup = {
	/** Stable across polls: the kind and the code. */
	key: string;
	/** Sanitised; NO_CODE when the runs gave none. */
	code: string;
	hasCode: boolean;
	/** Completed runs with records_failed > 0, rather than failed runs. */
	rejected: boolean;
	count: number;
	/** Syncs affected, the one with the newest run first. */
	syncIds: number[];
	/** Newest first. */
	runIds: number[];
	newestRunId: number;
	/** When the newest run ended (or last changed), epoch ms; null when the API gave no time. */
	newestAt: number | null;
	/** The newest run's message (or detail), one line, sanitised; '' when none. */
	sampleMessage: string;
};

/** When a run ended, as far as the API says: completed_at, else updated_at, else created_at. */
export function errorTimeOf(run: Pick<SyncRun, 'completedAt' | 'updatedAt' | 'createdAt'>): number | null {
	return parseIsoTime(run.completedAt) ?? parseIsoTime(run.updatedAt) ?? parseIsoTime(run.createdAt);
}

/** The run's error code as a group shows it, or null when it has none. */
function groupCode(code: string | null): string | null {
	const clean = sanitizeText(code).trim();
	return clean === '' ? null : clean.slice(0, MAX_CODE_LENGTH);
}

const sampleOf = (run: SyncRun): string => {
	for (const text of [run.errorMessage, run.errorDetail]) {
		const clean = sanitizeText(text).trim().replaceAll(/\s+/g, ' ');
		if (clean !== '') return clean.slice(0, MAX_MESSAGE_LENGTH);
	}

	return '';
};

type Item = {run: SyncRun; at: number | null};

/** Newer first: by time (a run without one last), then by id. */
const newerFirst = (a: Item, b: Item): number => {
	if (a.at !== b.at) return (b.at ?? Number.NEGATIVE_INFINITY) - (a.at ?? Number.NEGATIVE_INFINITY);
	return b.run.id - a.run.id;
};

/** Failed runs and completed runs with rejections, grouped by kind and code, the group with the newest run first. */
export function groupErrors(entries: Iterable<RunEntry>): ErrorGroup[] {
	const byKey = new Map<string, {code: string | null; rejected: boolean; items: Item[]}>();
	for (const entry of entries) {
		const {run} = entry;
		if (run === null || entry.notFound) continue;
		const rejected = hasRejections(run);
		if (!rejected && runPhase(run) !== 'failed') continue;
		const code = groupCode(run.errorCode);
		const key = `${rejected ? 'rejected' : 'failed'}:${code ?? ''}`;
		const group = byKey.get(key) ?? {code, rejected, items: []};
		group.items.push({run, at: errorTimeOf(run)});
		byKey.set(key, group);
	}

	const groups: Array<ErrorGroup & {newest: Item}> = [];
	for (const [key, {code, rejected, items}] of byKey) {
		items.sort(newerFirst);
		const newest = items[0]!;
		groups.push({
			key,
			code: code ?? NO_CODE,
			hasCode: code !== null,
			rejected,
			count: items.length,
			syncIds: [...new Set(items.map(item => item.run.syncId))],
			runIds: items.map(item => item.run.id),
			newestRunId: newest.run.id,
			newestAt: newest.at,
			sampleMessage: sampleOf(newest.run),
			newest,
		});
	}

	return groups.sort((a, b) => newerFirst(a.newest, b.newest)).map(({newest: _newest, ...group}) => group);
}

const groupsCache = new WeakMap<object, ErrorGroup[]>();

/** groupErrors over the store's runs, remembered per `runs` object (replaced only when a run changed). */
export function groupsOfRuns(runs: Readonly<Record<number, RunEntry>>): ErrorGroup[] {
	const cached = groupsCache.get(runs);
	if (cached) return cached;
	const groups = groupErrors(Object.values(runs));
	groupsCache.set(runs, groups);
	return groups;
}

/**
 * For the inspector: how many watched runs have this run's code and kind, this one included, e.g. '3 failed
 * runs have this code, in 2 syncs'; null when the run is in no group or alone in it.
 */
export function sameCodeSummary(runs: Readonly<Record<number, RunEntry>>, runId: number): string | null {
	const group = groupsOfRuns(runs).find(candidate => candidate.runIds.includes(runId));
	if (!group || group.count < 2) return null;
	const syncs = group.syncIds.length;
	return `${group.count} ${group.rejected ? 'runs with rejected records' : 'failed runs'} have this code, in ${syncs} ${syncs === 1 ? 'sync' : 'syncs'}`;
}
