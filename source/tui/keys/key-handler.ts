import type {RunStoreApi} from '../../store/run-store.js';
import type {ConfirmAction, UiStoreApi} from '../../store/ui-store.js';
import {parseAddInput, type AddRequest} from '../view/add-prompt.js';
import {formatClock} from '../../text/format.js';
import {isInterrupt, matchKey, type KeyAction, type KeyPress} from './keymap.js';
import {moveSelection, selectedIndex, type Move} from '../view/list-window.js';
import {filterRunIds, type QuickFilter} from '../../runs/run-filter.js';
import {sanitizeText} from '../../text/sanitize.js';
import {isMovingPhase, isTerminalPhase, runPhase, statusWord} from '../../runs/status.js';
import {truncateToWidth} from '../../text/text.js';
import {syncName} from '../../runs/sync-label.js';

// What each key does to the stores. Everything is read from the stores at the moment the key is handled,
// never from what the last render saw: several keys can arrive in one chunk and each must act on what the
// one before it left. No React here, so the App only wires this to useInput.

export type KeyActions = {
	refreshNow(): void;
	setPaused(paused: boolean): void;
	quit(): void;
	/** Starts a run of the sync; resolves to the new run's id, already on the watch list. */
	trigger(syncId: number, fullSync: boolean): Promise<number>;
	/** Cancels the run; it is fetched again at once. */
	cancel(runId: number): Promise<void>;
	/** Opens the URL in a local browser; false when there is none (no display, over SSH). */
	openUrl?(url: string): Promise<boolean>;
};

export type KeyHandlerDeps = {
	store: RunStoreApi;
	ui: UiStoreApi;
	actions: KeyActions;
	/** Runs a page key moves by: the rows the list shows now. */
	pageRows(): number;
	/** Lines the help shows at once, and how far it can scroll, at the current size. */
	helpPage(): {rows: number; maxScroll: number};
	/** --read-only (flag or profile): trigger and cancel say so and send nothing. */
	readOnly?: boolean;
	/** The local zone (IANA name) times are shown in without `Z`; undefined: the machine's. */
	localZone?: string;
	/** The run in the Census web app, or null when no link can be made. */
	webUrl?(runId: number, syncId: number): string | null;
};

const QUICK: Partial<Record<KeyAction, QuickFilter>> = {
	'quick-all': 'all',
	'quick-active': 'active',
	'quick-failed': 'failed',
	'quick-ended': 'ended',
};

/** The ids the list shows now, in its order. */
const visibleIds = ({store, ui}: Pick<KeyHandlerDeps, 'store' | 'ui'>): number[] => {
	const {filterText, quickFilter, sort} = ui.getState();
	return filterRunIds(store.getState(), {text: filterText, quick: quickFilter, sort});
};

/** The run the list shows as selected now (the first row when the selected one is hidden), or null. */
export function currentRunId(deps: Pick<KeyHandlerDeps, 'store' | 'ui'>): number | null {
	const ids = visibleIds(deps);
	return ids[selectedIndex(ids, deps.ui.getState().selectedId)] ?? null;
}

/** Where n / N went: the run now selected (null: none other), and a line to say when it is not the obvious. */
export type FailedRunMove = {runId: number | null; note: string | null};

/**
 * Selects the next (1) or previous (-1) failed run in list order, marking it seen. Past the last (first)
 * one it wraps around to the first (last) and says so, as a search in an editor does.
 */
export function selectFailedRun(deps: Pick<KeyHandlerDeps, 'store' | 'ui'>, delta: 1 | -1): FailedRunMove {
	const ids = visibleIds(deps);
	const state = deps.store.getState();
	const isFailed = (id: number | undefined): id is number => {
		const entry = id === undefined ? undefined : state.runs[id];
		return entry !== undefined && runPhase(entry.run, entry.notFound) === 'failed';
	};

	const current = selectedIndex(ids, deps.ui.getState().selectedId);
	for (let step = 1; step < ids.length; step++) {
		const index = (((current + delta * step) % ids.length) + ids.length) % ids.length;
		const id = ids[index];
		if (isFailed(id)) {
			deps.ui.getState().select(id);
			state.markSeen(id);
			const wrapped = delta === 1 ? index < current : index > current;
			return {runId: id, note: wrapped ? `wrapped to the ${delta === 1 ? 'first' : 'last'} failed run` : null};
		}
	}

	return {runId: null, note: isFailed(ids[current]) ? 'no other failed run' : 'no failed run in the list'};
}

/** Cells a sync label may take inside a question. */
const LABEL_IN_QUESTION = 40;

const READ_ONLY_WORDS: Partial<Record<KeyAction, string>> = {trigger: 'trigger', 'trigger-full': 'full sync', 'cancel-run': 'cancel'};

/** An error as one line: API text is untrusted and often wrapped and indented. */
const reasonOf = (error: unknown): string =>
	sanitizeText(error instanceof Error ? error.message : String(error))
		.replaceAll(/ {2,}/g, ' ')
		.trim();

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

export function createKeyHandler(deps: KeyHandlerDeps): (input: string, key: KeyPress) => void {
	const {store, ui, actions} = deps;
	const say = (text: string, level: 'info' | 'error' = 'info') => {
		ui.getState().showMessage(text, level);
	};

	/** The selected run's entry, or null after saying why there is none. */
	const selectedEntry = () => {
		const id = currentRunId(deps);
		if (id === null) {
			say('no run selected');
			return null;
		}

		return store.getState().runs[id] ?? null;
	};

	/** The selected run's sync, or null after saying why it is not known. */
	const selectedSync = (): {runId: number; syncId: number; label: string} | null => {
		const entry = selectedEntry();
		if (entry === null) return null;
		if (entry.run === null) {
			say(`run ${entry.id} has not been loaded yet; its sync is not known`);
			return null;
		}

		const {syncId} = entry.run;
		const label = syncName(store.getState().syncs[syncId]);
		return {runId: entry.id, syncId, label: label === null ? '' : ` (${truncateToWidth(sanitizeText(label), LABEL_IN_QUESTION)})`};
	};

	const askTrigger = (fullSync: boolean) => {
		const sync = selectedSync();
		if (sync === null) return;
		const what = fullSync ? 'a full sync' : 'a run';
		ui.getState().askConfirm({kind: 'trigger', syncId: sync.syncId, fullSync}, `Trigger ${what} of sync ${sync.syncId}${sync.label}? y/N`);
	};

	const askCancel = () => {
		const entry = selectedEntry();
		if (entry === null) return;
		const phase = runPhase(entry.run, entry.notFound);
		if (entry.run === null && !entry.notFound) {
			say(`run ${entry.id} has not been loaded yet; nothing to cancel`);
		} else if (isTerminalPhase(phase)) {
			say(`run ${entry.id} has ended; nothing to cancel`);
		} else if (isMovingPhase(phase)) {
			ui.getState().askConfirm({kind: 'cancel', runId: entry.id}, `Cancel run ${entry.id} (${statusWord(entry.run)})? y/N`);
		} else {
			say(`run ${entry.id} is ${statusWord(entry.run, entry.notFound)}, not queued or working; nothing to cancel`);
		}
	};

	/** The runs on the list that belong to the sync. */
	const syncRunIds = (syncId: number): number[] => {
		const {runOrder, runs} = store.getState();
		return runOrder.filter(id => runs[id]?.run?.syncId === syncId);
	};

	const askUnfollow = () => {
		const sync = selectedSync();
		if (sync === null) return;
		const {watch} = store.getState();
		if (watch.syncIds.includes(sync.syncId)) {
			const count = syncRunIds(sync.syncId).length;
			const runs = count === 1 ? 'its 1 run' : `its ${count} runs`;
			ui.getState().askConfirm(
				{kind: 'unfollow', syncId: sync.syncId},
				`Stop following sync ${sync.syncId}${sync.label}: y drops ${runs} too, n keeps ${count === 1 ? 'it' : 'them'} watched by id, Esc cancels`,
			);
		} else if (watch.all) {
			say(`sync ${sync.syncId} is followed as part of the whole workspace; x removes this run`);
		} else {
			say(`sync ${sync.syncId} is not followed; x removes this run`);
		}
	};

	const openWeb = () => {
		const sync = selectedSync();
		if (sync === null) return;
		const {runId} = sync;
		const url = deps.webUrl?.(runId, sync.syncId) ?? null;
		if (url === null) {
			say(`no web-app link can be made for run ${runId}`);
			return;
		}

		const showLink = () => {
			ui.getState().showMessage(`run ${runId} in the Census web app (no local browser here):`, 'info', url);
		};

		if (actions.openUrl === undefined) {
			showLink();
			return;
		}

		actions.openUrl(url).then(
			opened => {
				if (opened) say(`opened run ${runId} in the browser`);
				else showLink();
			},
			showLink,
		);
	};

	/** `r` while the API holds requests back: say why, and what is checked now. */
	const sayWhyRefreshWaits = () => {
		const {health} = store.getState();
		if (health.kind === 'rate_limited' && health.until > Date.now()) {
			say(`rate-limited by the Census API: nothing is sent until ${formatClock(health.until)}`);
		} else if (health.kind === 'token_rejected') {
			say('checking the token again now');
		} else if (health.kind === 'root_gone') {
			say(`checking ${sanitizeText(health.root)} again now`);
		} else if (store.getState().paused) {
			// Paused, r still refreshes (once): say so, or a paused screen that moves looks resumed.
			say('refreshing once; still paused (p resumes)');
		}
	};

	const remove = () => {
		const id = currentRunId(deps);
		if (id === null) {
			say('no run selected');
			return;
		}

		// The selection moves to the row below (the one above at the end), as a list does after a delete.
		const ids = visibleIds(deps);
		const index = ids.indexOf(id);
		ui.getState().select(ids[index + 1] ?? ids[index - 1] ?? null);
		store.getState().removeRun(id);
		say(`removed run ${id} (a to add it back)`);
	};

	const perform = (action: ConfirmAction) => {
		switch (action.kind) {
			case 'trigger': {
				// Never asked in read-only mode; checked again here because this is where the request leaves.
				if (deps.readOnly) return;
				const {syncId, fullSync} = action;
				say(`triggering ${fullSync ? 'a full sync' : 'a run'} of sync ${syncId}`);
				actions.trigger(syncId, fullSync).then(
					runId => {
						ui.getState().select(runId);
						say(`triggered run ${runId} of sync ${syncId}${fullSync ? ' (full sync)' : ''}`);
					},
					(error: unknown) => {
						say(`trigger of sync ${syncId} failed: ${reasonOf(error)}`, 'error');
					},
				);
				return;
			}

			case 'cancel': {
				if (deps.readOnly) return;
				const {runId} = action;
				say(`canceling run ${runId}`);
				actions.cancel(runId).then(
					() => {
						say(`canceled run ${runId}`);
					},
					(error: unknown) => {
						say(`cancel of run ${runId} failed: ${reasonOf(error)}`, 'error');
					},
				);
				return;
			}

			case 'unfollow': {
				unfollow(action.syncId, 'drop');
			}
		}
	};

	/** X answered: stop following the sync, and drop its runs or keep them as runs watched by id. */
	const unfollow = (syncId: number, runs: 'drop' | 'keep') => {
		const ids = syncRunIds(syncId);
		const state = store.getState();
		state.unfollowSync(syncId);
		const again = `(a s:${syncId} follows it again)`;
		if (runs === 'keep') {
			state.addRunIds(ids);
			say(`stopped following sync ${syncId}; its ${ids.length} runs stay, watched by id ${again}`);
			return;
		}

		const current = currentRunId(deps);
		if (current !== null && ids.includes(current)) {
			const visible = visibleIds(deps).filter(id => !ids.includes(id));
			ui.getState().select(visible[0] ?? null);
		}

		for (const id of ids) state.removeRun(id);
		say(`stopped following sync ${syncId} and dropped its ${ids.length} runs ${again}`);
	};

	const declined = (action: ConfirmAction): string =>
		action.kind === 'unfollow' ? `still following sync ${action.syncId}` : `nothing sent: ${action.kind} not confirmed`;

	const onConfirmKey = (action: ConfirmAction, input: string, key: KeyPress) => {
		ui.getState().closePrompt();
		const answer = matchKey('confirm', input, key);
		if (answer === 'confirm-yes') perform(action);
		else if (action.kind === 'unfollow' && answer === 'confirm-keep') unfollow(action.syncId, 'keep');
		else say(declined(action));
	};

	const submitAdd = (text: string) => {
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
		say(addedMessage(request, alreadyRuns, alreadySyncs));
	};

	const onAddKey = (text: string, input: string, key: KeyPress) => {
		const state = ui.getState();
		const action = matchKey('add', input, key);
		if (action === 'add-cancel') state.closePrompt();
		else if (action === 'add-erase') state.eraseAddText();
		else if (action === 'add-submit') submitAdd(text);
		else if (!key.ctrl && !key.meta) {
			const typed = sanitizeText(input);
			if (typed !== '') state.appendAddText(typed);
		}
	};

	const move = (to: Move) => {
		const next = moveSelection(visibleIds(deps), ui.getState().selectedId, to);
		ui.getState().select(next);
		// Moving while a run's detail is open shows that run: it counts as seen.
		if (next !== null && ui.getState().screen !== 'list') store.getState().markSeen(next);
	};

	/** The selected run's sync's history; its page is asked for once (the poller sends it within the budget). */
	const openHistory = () => {
		const sync = selectedSync();
		if (sync === null) return;
		store.getState().wantSyncHistory(sync.syncId);
		const {screen} = ui.getState();
		ui.getState().openHistory(sync.syncId, sync.runId, screen === 'detail' ? 'detail' : 'list');
	};

	const open = (screen: 'detail' | 'inspector') => {
		const id = currentRunId(deps);
		if (id === null) return;
		ui.getState().select(id);
		store.getState().markSeen(id);
		if (screen === 'detail') ui.getState().openDetail();
		else ui.getState().openInspector();
	};

	const scrollHelp = (action: KeyAction) => {
		const {rows, maxScroll} = deps.helpPage();
		const current = ui.getState().helpScroll;
		const page = Math.max(1, rows - 1);
		const target: Partial<Record<KeyAction, number>> = {
			'move-up': current - 1,
			'move-down': current + 1,
			'page-up': current - page,
			'page-down': current + page,
			first: 0,
			last: maxScroll,
		};
		const line = target[action];
		if (line !== undefined) ui.getState().setHelpScroll(Math.min(line, maxScroll));
	};

	const onFilterKey = (input: string, key: KeyPress) => {
		const state = ui.getState();
		const action = matchKey('filter', input, key);
		if (action === 'filter-clear') state.clearFilter();
		else if (action === 'filter-keep') state.keepFilter();
		else if (action === 'filter-erase') state.eraseFilter();
		else if (key.upArrow) move({by: -1});
		else if (key.downArrow) move({by: 1});
		else if (!key.ctrl && !key.meta) {
			const typed = sanitizeText(input);
			if (typed !== '') state.appendFilter(typed);
		}
	};

	const onSearchKey = (input: string, key: KeyPress) => {
		const state = ui.getState();
		const action = matchKey('search', input, key);
		if (action === 'search-clear') state.clearInspectorSearch();
		else if (action === 'search-keep') state.keepInspectorSearch();
		else if (action === 'search-erase') state.eraseInspectorSearch();
		else if (!key.ctrl && !key.meta) {
			const typed = sanitizeText(input);
			if (typed !== '') state.appendInspectorSearch(typed);
		}
	};

	return (input, key) => {
		if (isInterrupt(input, key)) {
			actions.quit();
			return;
		}

		const state = ui.getState();
		if (state.prompt?.kind === 'confirm') {
			onConfirmKey(state.prompt.action, input, key);
			return;
		}

		if (state.prompt?.kind === 'add') {
			onAddKey(state.prompt.text, input, key);
			return;
		}

		// A message answers the last key; the next one makes it go.
		state.clearMessage();
		if (state.filterEditing) {
			onFilterKey(input, key);
			return;
		}

		if (state.inspectorSearchEditing && state.screen === 'inspector') {
			onSearchKey(input, key);
			return;
		}

		const action = matchKey(state.screen, input, key);
		const readOnlyWord = action === null ? undefined : READ_ONLY_WORDS[action];
		if (deps.readOnly && readOnlyWord !== undefined) {
			say(`read-only: ${readOnlyWord} is disabled (--read-only)`);
			return;
		}

		const quick = action === null ? undefined : QUICK[action];
		if (quick !== undefined) {
			state.setQuickFilter(quick);
			return;
		}

		switch (action) {
			case 'quit':
				actions.quit();
				break;
			case 'help':
				state.toggleHelp();
				break;
			case 'back':
				// In the inspector Esc first clears a search, as it clears the filter on the list.
				if (state.screen === 'inspector' && state.inspectorSearch !== '') state.clearInspectorSearch();
				else state.back();
				break;
			case 'refresh':
				actions.refreshNow();
				sayWhyRefreshWaits();
				break;
			case 'pause':
				actions.setPaused(!store.getState().paused);
				break;
			case 'move-up':
			case 'move-down':
			case 'page-up':
			case 'page-down':
			case 'first':
			case 'last':
				if (state.screen === 'help') scrollHelp(action);
				else if (action === 'move-up' || action === 'move-down') move({by: action === 'move-up' ? -1 : 1});
				else if (action === 'page-up' || action === 'page-down') move({by: (action === 'page-up' ? -1 : 1) * deps.pageRows()});
				else move({to: action});
				break;
			case 'filter':
				state.startFilter();
				break;
			case 'quick-cycle':
				state.cycleQuickFilter();
				break;
			case 'open-detail':
				open('detail');
				break;
			case 'open-inspector':
				open('inspector');
				break;
			case 'open-errors':
				state.openErrors();
				break;
			case 'zoom':
				state.toggleZoom();
				break;
			case 'open-web':
				openWeb();
				break;
			case 'sort':
				state.cycleSort();
				break;
			case 'inspector-search':
				state.startInspectorSearch();
				break;
			case 'time-zone': {
				state.toggleUtc();
				const local = deps.localZone === undefined ? 'local time' : `local time (${deps.localZone})`;
				say(`times in ${ui.getState().utc ? 'UTC' : local} (Z switches)`);
				break;
			}
			case 'open-history':
				openHistory();
				break;
			case 'trigger':
			case 'trigger-full':
				askTrigger(action === 'trigger-full');
				break;
			case 'cancel-run':
				askCancel();
				break;
			case 'add':
				state.openAddPrompt();
				break;
			case 'remove':
				remove();
				break;
			case 'unfollow':
				askUnfollow();
				break;
			default:
				break;
		}
	};
}
