import type {WatchList} from '../runs/model.js';

// Two census-watch windows on one state file each save their own watch list; the last writer used to
// drop what the other had added. A write now merges three ways: what is in the file (the other window's
// changes included) gets this window's changes since it last read or wrote the file, additions and
// removals alike, so that a run removed with x stays removed and one added elsewhere stays added.

// Lists hold up to a thousand ids: membership goes through Sets, so a merge is not quadratic.
function changed(before: readonly number[], after: readonly number[]) {
	const beforeIds = new Set(before);
	const afterIds = new Set(after);
	return {
		added: after.filter(id => !beforeIds.has(id)),
		removed: new Set(before.filter(id => !afterIds.has(id))),
	};
}

function mergeIds(base: readonly number[], mine: readonly number[], theirs: readonly number[], limit: number): number[] {
	const {added, removed} = changed(base, mine);
	const merged = theirs.filter(id => !removed.has(id));
	const present = new Set(merged);
	for (const id of added) {
		if (present.has(id)) continue;
		present.add(id);
		merged.push(id);
	}

	return merged.slice(0, limit);
}

/**
 * `theirs` (the file now) with the changes from `base` (the list this window last read or wrote) to
 * `mine` (its list now) applied. With no other writer, theirs equals base and the result is mine.
 */
export function mergeWatchLists(base: WatchList, mine: WatchList, theirs: WatchList, limit: number): WatchList {
	return {
		runIds: mergeIds(base.runIds, mine.runIds, theirs.runIds, limit),
		syncIds: mergeIds(base.syncIds, mine.syncIds, theirs.syncIds, limit),
		all: mine.all === base.all ? theirs.all : mine.all,
	};
}
