import {parseAddInput, type AddRequest} from '../view/add-prompt.js';
import type {KeyAction} from './keymap.js';
import {currentRunId, say, selectedSync, visibleIds, type KeyHandler, type KeyHandlerDeps} from './key-deps.js';

// What is watched: a opens the add prompt (its Enter adds), x removes the selected run, X stops following
// its sync after asking whether its runs go too.

const listOf = (ids: readonly number[]): string => ids.join(', ');

/** What the add prompt's Enter did, in one line. */
function addedMessage(request: AddRequest, alreadyRuns: number[], alreadySyncs: number[]): string {
	const newRuns = request.runIds.filter(id => !alreadyRuns.includes(id));
	const newSyncs = request.syncIds.filter(id => !alreadySyncs.includes(id));
	const parts = [
		newRuns.length === 0 ? '' : `watching run ${listOf(newRuns)}`,
		newSyncs.length === 0 ? '' : `following sync ${listOf(newSyncs)}`,
	].filter(part => part !== '');
	const already = [...alreadyRuns.map(String), ...alreadySyncs.map(id => `s:${id}`)];
	const note = already.length === 0 ? '' : `already watched: ${already.join(', ')}`;
	if (parts.length === 0) return `nothing new (${note})`;
	return note === '' ? parts.join('; ') : `${parts.join('; ')} (${note})`;
}

/** The add prompt's Enter: a bad token keeps the prompt open and says what is wrong with it. */
export function submitAdd(deps: KeyHandlerDeps, text: string) {
	const {store, ui} = deps;
	const parsed = parseAddInput(text);
	if (!parsed.ok) {
		ui.getState().setAddError(parsed.error);
		return;
	}

	const {request} = parsed;
	const {watch} = store.getState();
	const alreadyRuns = request.runIds.filter(id => watch.runIds.includes(id));
	const alreadySyncs = request.syncIds.filter(id => watch.syncIds.includes(id));
	ui.getState().closePrompt();
	store.getState().addRunIds(request.runIds);
	for (const syncId of request.syncIds) store.getState().followSync(syncId);
	const first = request.runIds[0];
	if (first !== undefined) ui.getState().select(first);
	say(deps, addedMessage(request, alreadyRuns, alreadySyncs));
}

function remove(deps: KeyHandlerDeps) {
	const id = currentRunId(deps);
	if (id === null) return;
	// The selection moves to the row below (the one above at the end), as a list does after a delete.
	const ids = visibleIds(deps);
	const index = ids.indexOf(id);
	deps.ui.getState().select(ids[index + 1] ?? ids[index - 1] ?? null);
	deps.store.getState().removeRun(id);
	say(deps, `removed run ${id} (a to add it back)`);
}

/** The runs on the list that belong to the sync. */
function syncRunIds(deps: KeyHandlerDeps, syncId: number): number[] {
	const {runOrder, runs} = deps.store.getState();
	return runOrder.filter(id => runs[id]?.run?.syncId === syncId);
}

function askUnfollow(deps: KeyHandlerDeps) {
	const sync = selectedSync(deps);
	if (sync === null) return;
	const {watch} = deps.store.getState();
	if (watch.syncIds.includes(sync.syncId)) {
		const count = syncRunIds(deps, sync.syncId).length;
		const runs = count === 1 ? 'its 1 run' : `its ${count} runs`;
		deps.ui.getState().askConfirm(
			{kind: 'unfollow', syncId: sync.syncId},
			`Stop following sync ${sync.syncId}${sync.label}: y drops ${runs} too, n keeps ${count === 1 ? 'it' : 'them'} watched by id, Esc cancels`,
		);
	} else if (watch.all) {
		say(deps, `sync ${sync.syncId} is followed as part of the whole workspace; x removes this run`);
	} else {
		say(deps, `sync ${sync.syncId} is not followed; x removes this run`);
	}
}

/** X answered: stop following the sync, and drop its runs or keep them as runs watched by id. */
export function unfollow(deps: KeyHandlerDeps, syncId: number, runs: 'drop' | 'keep') {
	const ids = syncRunIds(deps, syncId);
	const state = deps.store.getState();
	state.unfollowSync(syncId);
	const again = `(a s:${syncId} follows it again)`;
	if (runs === 'keep') {
		state.addRunIds(ids);
		say(deps, `stopped following sync ${syncId}; its ${ids.length} runs stay, watched by id ${again}`);
		return;
	}

	const current = currentRunId(deps);
	if (current !== null && ids.includes(current)) {
		const visible = visibleIds(deps).filter(id => !ids.includes(id));
		deps.ui.getState().select(visible[0] ?? null);
	}

	for (const id of ids) state.removeRun(id);
	say(deps, `stopped following sync ${syncId} and dropped its ${ids.length} runs ${again}`);
}

export const watchListKeys: Partial<Record<KeyAction, KeyHandler>> = {
	add: deps => deps.ui.getState().openAddPrompt(),
	remove,
	unfollow: askUnfollow,
};
