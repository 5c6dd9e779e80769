import {createStore, type StoreApi} from 'zustand/vanilla';
import {nextQuickFilter, type QuickFilter} from '../runs/run-filter.js';
import {nextSort, type RunSort} from '../runs/run-sort.js';

// What the user is looking at, apart from the runs themselves. Key handlers read and change it through
// getState()/actions, never through values captured at render time, so that several keys arriving in one
// chunk (a paste, key repeat over SSH) each act on the state the previous one left.

export type Screen = 'list' | 'detail' | 'inspector' | 'errors' | 'help' | 'history';
export type BaseScreen = Exclude<Screen, 'help'>;

/** What a `y` sends; the ids are fixed when the question is asked, whatever is selected by the answer. */
export type ConfirmAction =
	| {kind: 'trigger'; syncId: number; fullSync: boolean}
	| {kind: 'cancel'; runId: number}
	| {kind: 'unfollow'; syncId: number};

/** The errors-by-code screen's place: groups and runs by key and id, so that it stays put as groups change. */
export type ErrorsView = {
	/** The selected group. */
	groupKey: string | null;
	/** The open group, or null for the list of groups. */
	openKey: string | null;
	/** The selected run of the open group. */
	runId: number | null;
};

/** Where the inspector's view is on the run it shows, and the search match last jumped to (for ]/[). */
export type InspectorScroll = {runId: number | null; offset: number; match: number | null};

/** The line that takes the keys while it is open: a y/N question, or the add prompt's text. */
export type Prompt = {kind: 'confirm'; action: ConfirmAction; question: string} | {kind: 'add'; text: string; error: string | null};

export type MessageLevel = 'info' | 'error';
/** One line of feedback on the last key or action; the next key press clears it. */
export type Message = {
	text: string;
	level: MessageLevel;
	/** A URL shown whole on a line of its own under the text, to be selected or clicked (`o` without a browser). */
	url?: string;
};

export type UiState = {
	screen: Screen;
	/** The screen the help overlay covers, where Esc returns to. */
	underHelp: BaseScreen;
	/** Where Esc leaves the inspector for: the errors-by-code screen when opened from it, else the detail. */
	inspectorBack: 'detail' | 'errors';
	/** Selection by run id, so that it survives reordering and filtering. */
	selectedId: number | null;
	filterText: string;
	filterEditing: boolean;
	quickFilter: QuickFilter;
	/** First line of the help overlay shown (it scrolls on short terminals). */
	helpScroll: number;
	prompt: Prompt | null;
	message: Message | null;
	/** `/` in the error inspector: the text searched for ('' none), and whether it is being typed. */
	inspectorSearch: string;
	inspectorSearchEditing: boolean;
	/** `Z`: wall-clock times in UTC instead of the local zone. */
	utc: boolean;
	/** The list's order (`s` cycles it). */
	sort: RunSort;
	/** `z`: the detail, inspector or errors pane takes the whole body instead of sitting beside the list. */
	zoomed: boolean;
	/** The history screen's sync, the run it opened on and the run under its cursor; null while it was never opened. */
	history: {syncId: number; runId: number; from: 'list' | 'detail'; cursor: number} | null;
	errorsView: ErrorsView;
	inspectorScroll: InspectorScroll;
	/** What the inspector's last y or n/N said, on the run it was said on. */
	inspectorNotice: {runId: number; text: string} | null;
};

export type UiActions = {
	select(id: number | null): void;
	openDetail(): void;
	openInspector(): void;
	/** Failed runs grouped by error code, across every watched run. */
	openErrors(): void;
	toggleHelp(): void;
	/** Esc: help → what it covers, inspector → where it was opened from, detail → list, list → clear the filter. */
	back(): void;
	startFilter(): void;
	appendFilter(text: string): void;
	eraseFilter(): void;
	keepFilter(): void;
	clearFilter(): void;
	setQuickFilter(quick: QuickFilter): void;
	cycleQuickFilter(): void;
	/** The App clamps the line to the help's length, which depends on the terminal size. */
	setHelpScroll(line: number): void;
	askConfirm(action: ConfirmAction, question: string): void;
	openAddPrompt(): void;
	appendAddText(text: string): void;
	eraseAddText(): void;
	/** Keeps the prompt open with its text, saying what is wrong with it. */
	setAddError(error: string): void;
	closePrompt(): void;
	showMessage(text: string, level?: MessageLevel, url?: string): void;
	clearMessage(): void;
	toggleZoom(): void;
	cycleSort(): void;
	toggleUtc(): void;
	startInspectorSearch(): void;
	appendInspectorSearch(text: string): void;
	eraseInspectorSearch(): void;
	keepInspectorSearch(): void;
	clearInspectorSearch(): void;
	/** A sync's history screen, opened on one of its runs; Esc goes back to `from`. */
	openHistory(syncId: number, runId: number, from: 'list' | 'detail'): void;
	setHistoryCursor(runId: number): void;
	setErrorsView(view: ErrorsView): void;
	setInspectorScroll(scroll: InspectorScroll): void;
	setInspectorNotice(notice: {runId: number; text: string} | null): void;
};

export type UiStore = UiState & UiActions;
export type UiStoreApi = StoreApi<UiStore>;

/** Long enough for any run id, label or error code; a paste cannot grow it without bound. */
const MAX_FILTER_LENGTH = 100;
/** Long enough for dozens of ids; a paste cannot grow the add prompt without bound. */
const MAX_ADD_INPUT_LENGTH = 400;

const NO_ERRORS_VIEW: ErrorsView = {groupKey: null, openKey: null, runId: null};
/** The inspector at the top of whatever run it shows. */
export const INSPECTOR_TOP: InspectorScroll = {runId: null, offset: 0, match: null};

const initialUiState = (): UiState => ({
	screen: 'list',
	underHelp: 'list',
	inspectorBack: 'detail',
	selectedId: null,
	filterText: '',
	filterEditing: false,
	quickFilter: 'all',
	helpScroll: 0,
	prompt: null,
	message: null,
	zoomed: false,
	sort: 'newest',
	utc: false,
	inspectorSearch: '',
	inspectorSearchEditing: false,
	history: null,
	errorsView: NO_ERRORS_VIEW,
	inspectorScroll: INSPECTOR_TOP,
	inspectorNotice: null,
});

/** By characters, so that no half of a surrogate pair is left behind. */
const withoutLastCharacter = (text: string): string => Array.from(text).slice(0, -1).join('');

/** The filter and the inspector's search are edited alike; an edit that changes nothing renders nothing. */
function editLine(get: UiStoreApi['getState'], set: UiStoreApi['setState'], key: 'filterText' | 'inspectorSearch', edit: (line: string) => string): void {
	const line = get()[key];
	const next = edit(line);
	if (next !== line) set({[key]: next});
}

export const createUiStore = (initial: Partial<UiState> = {}): UiStoreApi =>
	createStore<UiStore>()((set, get) => {
		// The errors screen and the inspector start afresh each time they are shown, as they did when each
		// kept its place in its own component; help over them and back counts as showing them again.
		const arrive = (screen: Screen): Partial<UiState> => {
			if (get().screen === screen) return {};
			if (screen === 'errors') return {errorsView: NO_ERRORS_VIEW};
			if (screen === 'inspector') return {inspectorScroll: INSPECTOR_TOP, inspectorNotice: null};
			return {};
		};

		return {
			...initialUiState(),
			...initial,

			select(id) {
				if (get().selectedId !== id) set({selectedId: id});
			},

			openDetail() {
				set({screen: 'detail', filterEditing: false});
			},

			openInspector() {
				const {screen, inspectorBack} = get();
				// From the inspector itself (n/N, or help over it) it keeps where it came from.
				const back = screen === 'errors' ? 'errors' : screen === 'inspector' ? inspectorBack : 'detail';
				set({screen: 'inspector', inspectorBack: back, filterEditing: false, ...arrive('inspector')});
			},

			openErrors() {
				set({screen: 'errors', filterEditing: false, ...arrive('errors')});
			},

			toggleHelp() {
				const {screen, underHelp} = get();
				if (screen === 'help') set({screen: underHelp, ...arrive(underHelp)});
				else set({screen: 'help', underHelp: screen, helpScroll: 0});
			},

			back() {
				const state = get();
				if (state.screen === 'help') set({screen: state.underHelp, ...arrive(state.underHelp)});
				else if (state.screen === 'inspector') set({screen: state.inspectorBack, ...arrive(state.inspectorBack)});
				else if (state.screen === 'errors') set({screen: 'list'});
				else if (state.screen === 'detail') set({screen: 'list'});
				else if (state.screen === 'history') set({screen: state.history?.from ?? 'list'});
				else if (state.filterText !== '' || state.filterEditing) set({filterText: '', filterEditing: false});
			},

			startFilter() {
				set({screen: 'list', filterEditing: true});
			},

			appendFilter(text) {
				editLine(get, set, 'filterText', line => (line + text).slice(0, MAX_FILTER_LENGTH));
			},

			eraseFilter() {
				editLine(get, set, 'filterText', withoutLastCharacter);
			},

			keepFilter() {
				set({filterEditing: false});
			},

			clearFilter() {
				set({filterText: '', filterEditing: false});
			},

			setQuickFilter(quick) {
				if (get().quickFilter !== quick) set({quickFilter: quick});
			},

			cycleQuickFilter() {
				set({quickFilter: nextQuickFilter(get().quickFilter)});
			},

			setHelpScroll(line) {
				const next = Math.max(0, line);
				if (get().helpScroll !== next) set({helpScroll: next});
			},

			askConfirm(action, question) {
				set({prompt: {kind: 'confirm', action, question}, message: null});
			},

			openAddPrompt() {
				set({prompt: {kind: 'add', text: '', error: null}, message: null});
			},

			appendAddText(text) {
				const {prompt} = get();
				if (prompt?.kind !== 'add') return;
				const joined = prompt.text + text;
				// Cut by characters, so that a paste cut at the limit leaves no half of a surrogate pair.
				const next = joined.length <= MAX_ADD_INPUT_LENGTH ? joined : Array.from(joined).slice(0, MAX_ADD_INPUT_LENGTH).join('');
				if (next !== prompt.text) set({prompt: {kind: 'add', text: next, error: null}});
			},

			eraseAddText() {
				const {prompt} = get();
				if (prompt?.kind !== 'add' || prompt.text === '') return;
				set({prompt: {kind: 'add', text: withoutLastCharacter(prompt.text), error: null}});
			},

			setAddError(error) {
				const {prompt} = get();
				if (prompt?.kind === 'add') set({prompt: {...prompt, error}});
			},

			closePrompt() {
				if (get().prompt !== null) set({prompt: null});
			},

			showMessage(text, level = 'info', url) {
				set({message: url === undefined ? {text, level} : {text, level, url}});
			},

			clearMessage() {
				if (get().message !== null) set({message: null});
			},

			toggleZoom() {
				set({zoomed: !get().zoomed});
			},

			cycleSort() {
				set({sort: nextSort(get().sort)});
			},

			toggleUtc() {
				set({utc: !get().utc});
			},

			startInspectorSearch() {
				set({inspectorSearch: '', inspectorSearchEditing: true});
			},

			appendInspectorSearch(text) {
				editLine(get, set, 'inspectorSearch', line => (line + text).slice(0, MAX_FILTER_LENGTH));
			},

			eraseInspectorSearch() {
				editLine(get, set, 'inspectorSearch', withoutLastCharacter);
			},

			keepInspectorSearch() {
				set({inspectorSearchEditing: false});
			},

			clearInspectorSearch() {
				set({inspectorSearch: '', inspectorSearchEditing: false});
			},

			openHistory(syncId, runId, from) {
				set({screen: 'history', filterEditing: false, history: {syncId, runId, from, cursor: runId}});
			},

			setHistoryCursor(runId) {
				const {history} = get();
				if (history !== null && history.cursor !== runId) set({history: {...history, cursor: runId}});
			},

			setErrorsView(view) {
				set({errorsView: view});
			},

			setInspectorScroll(scroll) {
				set({inspectorScroll: scroll});
			},

			setInspectorNotice(notice) {
				if (notice !== get().inspectorNotice) set({inspectorNotice: notice});
			},
		};
	});
