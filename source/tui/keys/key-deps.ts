import type {RunStoreApi} from '../../store/run-store.js';
import type {UiStoreApi} from '../../store/ui-store.js';
import {filterRunIds} from '../../runs/run-filter.js';
import {sanitizeText} from '../../text/sanitize.js';
import {truncateToWidth} from '../../text/text.js';
import {syncName} from '../../runs/sync-label.js';
import type {InspectorPage} from '../view/inspector-scroll.js';
import type {Step} from './keymap.js';
import {selectedRunId} from './key-state.js';

// What every key module works with: the stores, the actions that reach outside (poller, Census, browser,
// clipboard) and the sizes of what is on screen. Everything is read from the stores when a key is handled,
// never from what the last render saw: several keys can arrive in one read and each must act on what the
// one before it left, on the screen it left.

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
	/** Rows a page key moves by on the errors-by-code screen (its groups, or an open group's runs). */
	errorsPage?(open: boolean): number;
	/** The inspector's lines for a run at the current size, and how many it shows at once. */
	inspectorPage?(runId: number): InspectorPage;
	/** Puts text on the clipboard; says how that went. */
	copy?(text: string): string;
	/** --read-only (flag or profile): trigger and cancel say so and send nothing. */
	readOnly?: boolean;
	/** The local zone (IANA name) times are shown in without `Z`; undefined: the machine's. */
	localZone?: string;
	/** The screen's clock, which every time on screen is read from; the machine's when not given. */
	now?(): number;
	/** The run in the Census web app, or null when no link can be made. */
	webUrl?(runId: number, syncId: number): string | null;
};

/** A keymap entry's handler: what its key does; `step` says which way, for entries with several keys. */
export type KeyHandler = (deps: KeyHandlerDeps, step: Step | null) => void;

export const say = (deps: Pick<KeyHandlerDeps, 'ui'>, text: string, level: 'info' | 'error' = 'info') => {
	deps.ui.getState().showMessage(text, level);
};

/** The ids the list shows now, in its order. */
export const visibleIds = ({store, ui}: Pick<KeyHandlerDeps, 'store' | 'ui'>): number[] => {
	const {filterText, quickFilter, sort} = ui.getState();
	return filterRunIds(store.getState(), {text: filterText, quick: quickFilter, sort});
};

/** The run the list shows as selected now (the first row when the selected one is hidden), or null. */
export const currentRunId = ({store, ui}: Pick<KeyHandlerDeps, 'store' | 'ui'>): number | null => selectedRunId(store.getState(), ui.getState());

/** The selected run's entry, or null after saying why there is none. */
export function selectedEntry(deps: Pick<KeyHandlerDeps, 'store' | 'ui'>) {
	const id = currentRunId(deps);
	if (id === null) {
		say(deps, 'no run selected');
		return null;
	}

	return deps.store.getState().runs[id] ?? null;
}

/** Cells a sync label may take inside a question. */
const LABEL_IN_QUESTION = 40;

/** The selected run's sync, or null after saying why it is not known. */
export function selectedSync(deps: Pick<KeyHandlerDeps, 'store' | 'ui'>): {runId: number; syncId: number; label: string} | null {
	const entry = selectedEntry(deps);
	if (entry === null) return null;
	if (entry.run === null) {
		say(deps, `run ${entry.id} has not been loaded yet; its sync is not known`);
		return null;
	}

	const {syncId} = entry.run;
	const label = syncName(deps.store.getState().syncs[syncId]);
	return {runId: entry.id, syncId, label: label === null ? '' : ` (${truncateToWidth(sanitizeText(label), LABEL_IN_QUESTION)})`};
}

/** Selects a run from another screen: the detail and the inspector show the selected run of the filtered list, so the filter goes. */
export function selectShown(deps: Pick<KeyHandlerDeps, 'store' | 'ui'>, runId: number) {
	const ui = deps.ui.getState();
	ui.clearFilter();
	ui.setQuickFilter('all');
	ui.select(runId);
	deps.store.getState().markSeen(runId);
}

/** The item after a move, clamped to the list; the first one when `current` is not in it. */
export function moved<T>(items: readonly T[], current: T | null, step: Step, page: number): T | null {
	if (items.length === 0) return null;
	const index = current === null ? 0 : Math.max(0, items.indexOf(current));
	const last = items.length - 1;
	const target = {back: index - 1, forward: index + 1, 'page-back': index - page, 'page-forward': index + page, start: 0, end: last}[step];
	return items[Math.min(Math.max(0, target), last)] ?? null;
}
