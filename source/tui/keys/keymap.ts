import type {Key} from 'ink';
import type {KeyState} from './key-state.js';

// Every key the app answers to, in one table: the dispatcher matches keys against it, the footer shows the
// ones that work on the current screen and the help overlay lists them all, so the three cannot disagree.
// An entry says when its key is off and why (read-only, nothing selected, run ended), so that footer and
// help show it off before it is pressed, and pressing it says why instead of doing nothing.

/** Where a key works: the screens, plus the filter prompt, the add prompt and a y/N question while open. */
export type KeyContext = 'list' | 'detail' | 'inspector' | 'errors' | 'help' | 'filter' | 'add' | 'confirm' | 'search' | 'history';

export type KeyAction =
	| 'move-up'
	| 'move-down'
	| 'first'
	| 'last'
	| 'page-up'
	| 'page-down'
	| 'filter'
	| 'quick-all'
	| 'quick-active'
	| 'quick-failed'
	| 'quick-ended'
	| 'quick-cycle'
	| 'open-detail'
	| 'open-inspector'
	| 'refresh'
	| 'pause'
	| 'add'
	| 'remove'
	| 'unfollow'
	| 'trigger'
	| 'trigger-full'
	| 'cancel-run'
	| 'help'
	| 'back'
	| 'quit'
	| 'open-errors'
	| 'zoom'
	| 'open-web'
	| 'sort'
	| 'inspector-search'
	| 'time-zone'
	| 'inspector-match'
	| 'search-type'
	| 'search-erase'
	| 'search-keep'
	| 'search-clear'
	// The errors-by-code screen.
	| 'errors-move'
	| 'errors-open'
	| 'errors-close'
	// The error inspector.
	| 'inspector-scroll'
	| 'inspector-page'
	| 'inspector-ends'
	| 'inspector-copy'
	| 'inspector-next-failed'
	// The filter prompt's own keys.
	| 'filter-type'
	| 'filter-erase'
	| 'filter-keep'
	| 'filter-clear'
	| 'filter-move'
	// The add prompt's keys.
	| 'add-type'
	| 'add-erase'
	| 'add-submit'
	| 'add-cancel'
	// A y/N question: y sends, anything else does not.
	| 'confirm-yes'
	| 'confirm-no'
	// X's question: n stops following but keeps the sync's runs.
	| 'confirm-keep'
	| 'open-history'
	// The sync history screen.
	| 'history-move'
	| 'history-open'
	| 'history-close';

export type KeyPress = Pick<
	Key,
	'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'meta' | 'backspace' | 'delete'
> &
	Partial<Pick<Key, 'leftArrow' | 'rightArrow'>>;

/** Why a key does nothing now: a word or two for footer and help, and the line said when it is pressed anyway. */
export type Off = {reason: string; message: string};

export type KeyBinding = {
	/** What the key does: the dispatcher (key-handler.ts) runs this action's handler from one of the key modules. */
	action: KeyAction;
	/** How the keys are written in help and footer. */
	keys: string;
	/** The same with ASCII only, when it differs. */
	asciiKeys?: string;
	/** What it does, for the help overlay. */
	help: string;
	/** One or two words for the footer; absent: help only. */
	footer?: string;
	contexts: readonly KeyContext[];
	/** Where the footer shows it, when not everywhere it works. */
	footerIn?: readonly KeyContext[];
	/** Help section title. */
	section: string;
	/** Absent for what a prompt takes as text, and for "any other key" in a question. */
	matches?: (input: string, key: KeyPress) => boolean;
	/** When the key is off, and why; absent or null: on. */
	off?: (state: KeyState) => Off | null;
};

const NAVIGABLE: readonly KeyContext[] = ['list', 'detail'];
const SCROLLABLE: readonly KeyContext[] = ['list', 'detail', 'help'];
const EVERYWHERE: readonly KeyContext[] = ['list', 'detail', 'inspector', 'errors', 'help', 'history'];

const plain = (key: KeyPress): boolean => !key.ctrl;
/** Neither Ctrl nor Alt: the inspector's and the screens' letters, as they always were. */
const bare = (key: KeyPress): boolean => !key.ctrl && !key.meta;

const NOTHING_SELECTED: Off = {reason: 'nothing selected', message: 'no run selected'};
const needsRun = (state: KeyState): Off | null => (state.selected === null ? NOTHING_SELECTED : null);
/** Keys that change something in Census: off in read-only mode (said first), and with no run to act on. */
const changesCensus =
	(word: string) =>
	(state: KeyState): Off | null =>
		state.readOnly ? {reason: 'read-only', message: `read-only: ${word} is disabled (--read-only)`} : needsRun(state);
const NO_FAILED_RUNS: Off = {reason: 'no failed runs', message: 'no failed runs or rejected records among the watched runs'};
const needsErrorGroups = (state: KeyState): Off | null => (state.errorGroups() === 0 ? NO_FAILED_RUNS : null);
const needsHistoryRuns = (state: KeyState): Off | null =>
	state.historyRuns() === 0 ? {reason: 'no runs yet', message: 'no runs of this sync yet'} : null;

export const KEY_BINDINGS: readonly KeyBinding[] = [
	{
		action: 'move-up',
		keys: '↑/k',
		asciiKeys: 'k/up',
		help: 'previous run (scroll up in help)',
		contexts: SCROLLABLE,
		section: 'Run list',
		matches: (input, key) => key.upArrow || (input === 'k' && plain(key)),
	},
	{
		action: 'move-down',
		keys: '↓/j',
		asciiKeys: 'j/down',
		help: 'next run (scroll down in help)',
		footer: 'move',
		contexts: SCROLLABLE,
		footerIn: NAVIGABLE,
		section: 'Run list',
		matches: (input, key) => key.downArrow || (input === 'j' && plain(key)),
	},
	{
		action: 'first',
		keys: 'g/Home',
		help: 'first run',
		contexts: SCROLLABLE,
		section: 'Run list',
		matches: (input, key) => key.home || (input === 'g' && plain(key)),
	},
	{
		action: 'last',
		keys: 'G/End',
		help: 'last run',
		contexts: SCROLLABLE,
		section: 'Run list',
		matches: (input, key) => key.end || (input === 'G' && plain(key)),
	},
	{
		action: 'page-up',
		keys: 'PgUp',
		help: 'one page up',
		contexts: SCROLLABLE,
		section: 'Run list',
		matches: (_input, key) => key.pageUp,
	},
	{
		action: 'page-down',
		keys: 'PgDn',
		help: 'one page down',
		contexts: SCROLLABLE,
		section: 'Run list',
		matches: (_input, key) => key.pageDown,
	},
	{
		action: 'open-detail',
		keys: 'Enter',
		help: "open the selected run's detail",
		footer: 'detail',
		contexts: ['list'],
		section: 'Run list',
		matches: (_input, key) => key.return,
		off: needsRun,
	},
	{
		action: 'open-inspector',
		keys: 'e',
		help: "inspect the selected run's error",
		footer: 'error',
		contexts: NAVIGABLE,
		section: 'Run list',
		matches: (input, key) => input === 'e' && plain(key),
		off: needsRun,
	},
	{
		action: 'filter',
		keys: '/',
		help: 'filter: run id, sync (label or #id), status, error code or message',
		footer: 'filter',
		contexts: ['list'],
		section: 'Run list',
		matches: (input, key) => input === '/' && plain(key),
	},
	{
		action: 'quick-all',
		keys: '1',
		help: 'show all runs',
		contexts: NAVIGABLE,
		section: 'Run list',
		matches: (input, key) => input === '1' && plain(key),
	},
	{
		action: 'quick-active',
		keys: '2',
		help: 'show active runs only (queued, working)',
		contexts: NAVIGABLE,
		section: 'Run list',
		matches: (input, key) => input === '2' && plain(key),
	},
	{
		action: 'quick-failed',
		keys: '3',
		help: 'show failed runs only',
		contexts: NAVIGABLE,
		section: 'Run list',
		matches: (input, key) => input === '3' && plain(key),
	},
	{
		action: 'quick-ended',
		keys: '4',
		help: 'show ended runs only',
		contexts: NAVIGABLE,
		section: 'Run list',
		matches: (input, key) => input === '4' && plain(key),
	},
	{
		action: 'quick-cycle',
		keys: 'f',
		help: 'cycle status filter: all/active/failed/ended',
		footer: 'status',
		contexts: NAVIGABLE,
		section: 'Run list',
		matches: (input, key) => input === 'f' && plain(key),
	},
	{
		action: 'add',
		keys: 'a',
		help: 'add runs by id, or s:ID to follow a sync',
		footer: 'add',
		contexts: NAVIGABLE,
		section: 'Watch list',
		matches: (input, key) => input === 'a' && plain(key),
	},
	{
		action: 'remove',
		keys: 'x',
		help: 'remove the selected run (a adds it back)',
		footer: 'remove',
		contexts: NAVIGABLE,
		section: 'Watch list',
		matches: (input, key) => input === 'x' && plain(key),
		off: needsRun,
	},
	{
		action: 'unfollow',
		keys: 'X',
		help: "stop following the selected run's sync; asks: y also drops its runs from screen and watch list, n keeps them watched by id, Esc keeps following",
		contexts: NAVIGABLE,
		section: 'Watch list',
		matches: (input, key) => input === 'X' && plain(key),
		off: needsRun,
	},
	{
		action: 'trigger',
		keys: 't',
		help: "trigger a run of the selected run's sync",
		footer: 'trigger',
		contexts: NAVIGABLE,
		section: 'Actions',
		matches: (input, key) => input === 't' && plain(key),
		off: changesCensus('trigger'),
	},
	{
		action: 'trigger-full',
		keys: 'T',
		help: "trigger a full sync of the selected run's sync",
		contexts: NAVIGABLE,
		section: 'Actions',
		matches: (input, key) => input === 'T' && plain(key),
		off: changesCensus('full sync'),
	},
	{
		action: 'cancel-run',
		keys: 'c',
		help: 'cancel the selected queued or working run',
		footer: 'cancel',
		contexts: NAVIGABLE,
		section: 'Actions',
		matches: (input, key) => input === 'c' && plain(key),
		off: state => {
			const off = changesCensus('cancel')(state);
			if (off !== null || state.selected === null) return off;
			if (state.selected.canceling) return {reason: 'canceling', message: `run ${state.selected.id} is already being canceled`};
			if (state.selected.ended) return {reason: 'run ended', message: `run ${state.selected.id} has ended; nothing to cancel`};
			return null;
		},
	},
	{
		action: 'confirm-yes',
		keys: 'y',
		help: 'yes: send it (t, T and c ask first; after X: also drop its runs)',
		footer: 'yes',
		contexts: ['confirm'],
		section: 'Actions',
		matches: (input, key) => (input === 'y' || input === 'Y') && plain(key),
	},
	{
		action: 'confirm-no',
		keys: 'N/Esc',
		help: 'no (so does any other key): nothing is sent',
		footer: 'no',
		contexts: ['confirm'],
		section: 'Actions',
	},
	{
		action: 'confirm-keep',
		keys: 'n',
		help: "after X: stop following, but keep the sync's runs, watched by id",
		contexts: ['confirm'],
		section: 'Actions',
		matches: (input, key) => (input === 'n' || input === 'N') && plain(key),
	},
	{
		action: 'add-type',
		keys: 'text',
		help: 'run ids and s:ID (spaces or commas between)',
		contexts: ['add'],
		section: 'Add prompt',
	},
	{
		action: 'add-erase',
		keys: 'Backspace',
		help: 'delete the last character',
		contexts: ['add'],
		section: 'Add prompt',
		matches: (_input, key) => key.backspace || key.delete,
	},
	{
		action: 'add-submit',
		keys: 'Enter',
		help: 'add them to the watch list',
		footer: 'add',
		contexts: ['add'],
		section: 'Add prompt',
		matches: (_input, key) => key.return,
	},
	{
		action: 'add-cancel',
		keys: 'Esc',
		help: 'close without adding',
		footer: 'cancel',
		contexts: ['add'],
		section: 'Add prompt',
		matches: (_input, key) => key.escape,
	},
	{
		action: 'filter-type',
		keys: 'text',
		help: 'type to filter',
		contexts: ['filter'],
		section: 'Filter prompt',
	},
	{
		action: 'filter-erase',
		keys: 'Backspace',
		help: 'delete the last character',
		contexts: ['filter'],
		section: 'Filter prompt',
		matches: (_input, key) => key.backspace || key.delete,
	},
	{
		action: 'filter-keep',
		keys: 'Enter',
		help: 'keep the filter',
		footer: 'keep',
		contexts: ['filter'],
		section: 'Filter prompt',
		matches: (_input, key) => key.return,
	},
	{
		action: 'filter-clear',
		keys: 'Esc',
		help: 'clear the filter',
		footer: 'clear',
		contexts: ['filter'],
		section: 'Filter prompt',
		matches: (_input, key) => key.escape,
	},
	{
		action: 'filter-move',
		keys: '↑/↓',
		asciiKeys: 'up/down',
		help: 'move the selection while typing',
		contexts: ['filter'],
		section: 'Filter prompt',
		matches: (_input, key) => key.upArrow || key.downArrow,
	},
	{
		action: 'inspector-scroll',
		keys: '↑↓/jk',
		asciiKeys: 'j/k',
		help: 'scroll',
		footer: 'scroll',
		// Also the help overlay's footer: there the list keys scroll it.
		contexts: ['inspector'],
		footerIn: ['inspector', 'help'],
		section: 'Error inspector',
		matches: (input, key) => bare(key) && (key.upArrow || key.downArrow || input === 'j' || input === 'k'),
	},
	{
		action: 'inspector-page',
		keys: 'PgUp/PgDn',
		help: 'scroll a page',
		contexts: ['inspector'],
		section: 'Error inspector',
		matches: (_input, key) => bare(key) && (key.pageUp || key.pageDown),
	},
	{
		action: 'inspector-ends',
		keys: 'g/G',
		help: 'top / bottom',
		contexts: ['inspector'],
		section: 'Error inspector',
		matches: (input, key) => bare(key) && (key.home || key.end || input === 'g' || input === 'G'),
	},
	{
		action: 'open-errors',
		keys: 'E',
		help: 'failed runs grouped by error code',
		footer: 'by code',
		contexts: ['list', 'detail', 'inspector'],
		footerIn: ['list', 'inspector'],
		section: 'Error inspector',
		matches: (input, key) => input === 'E' && plain(key),
	},
	{
		action: 'errors-move',
		keys: '↑↓/jk',
		asciiKeys: 'j/k',
		help: 'move between codes or runs',
		footer: 'move',
		contexts: ['errors'],
		section: 'Errors by code',
		off: needsErrorGroups,
		matches: (input, key) =>
			bare(key) && (key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.home || key.end || ['j', 'k', 'g', 'G'].includes(input)),
	},
	{
		action: 'errors-open',
		keys: 'Enter',
		help: 'open a code; on a run: inspect it',
		footer: 'open',
		contexts: ['errors'],
		section: 'Errors by code',
		off: needsErrorGroups,
		matches: (_input, key) => bare(key) && key.return,
	},
	{
		action: 'errors-close',
		keys: 'Esc',
		help: 'close the code; again: back',
		footer: 'back',
		contexts: ['errors'],
		section: 'Errors by code',
		matches: (_input, key) => key.escape,
	},
	{
		action: 'inspector-copy',
		keys: 'y',
		help: 'copy run and error for an incident report',
		footer: 'copy',
		contexts: ['inspector'],
		section: 'Error inspector',
		matches: (input, key) => bare(key) && input === 'y',
	},
	{
		action: 'inspector-next-failed',
		keys: 'n/N',
		help: 'next / previous failed run (wraps around, and says so)',
		footer: 'failed',
		contexts: ['inspector'],
		section: 'Error inspector',
		matches: (input, key) => bare(key) && (input === 'n' || input === 'N'),
	},
	{
		action: 'open-history',
		keys: 'h',
		help: 'the history of the selected run\'s sync',
		footer: 'history',
		contexts: NAVIGABLE,
		footerIn: ['detail'],
		section: 'Sync history',
		matches: (input, key) => input === 'h' && plain(key),
		off: needsRun,
	},
	{
		action: 'history-move',
		keys: '←→/hl',
		asciiKeys: 'h/l',
		help: 'previous / next run (g/G: oldest / newest)',
		footer: 'run',
		contexts: ['history'],
		section: 'Sync history',
		off: needsHistoryRuns,
		matches: (input, key) =>
			bare(key) && (key.leftArrow === true || key.rightArrow === true || key.home || key.end || ['h', 'l', 'g', 'G'].includes(input)),
	},
	{
		action: 'history-open',
		keys: 'Enter',
		help: 'open the run in the detail pane',
		footer: 'open',
		contexts: ['history'],
		section: 'Sync history',
		off: needsHistoryRuns,
		matches: (_input, key) => bare(key) && key.return,
	},
	{
		action: 'history-close',
		keys: 'Esc',
		help: 'back to where h was pressed',
		footer: 'back',
		contexts: ['history'],
		section: 'Sync history',
		matches: (_input, key) => key.escape,
	},
	{
		action: 'refresh',
		keys: 'r',
		help: 'refresh now (while paused: once, and stays paused)',
		contexts: EVERYWHERE,
		section: 'Everywhere',
		matches: (input, key) => input === 'r' && plain(key),
	},
	{
		action: 'pause',
		keys: 'p',
		help: 'pause / resume polling',
		contexts: EVERYWHERE,
		section: 'Everywhere',
		matches: (input, key) => input === 'p' && plain(key),
	},
	{
		action: 'help',
		keys: '?',
		help: 'this help, and the latest notices in full (again: close it)',
		footer: 'help',
		contexts: EVERYWHERE,
		section: 'Everywhere',
		matches: (input, key) => input === '?' && plain(key),
	},
	{
		action: 'back',
		keys: 'Esc',
		help: 'back one level (on the list: clear the filter)',
		footer: 'back',
		contexts: ['list', 'detail', 'inspector', 'help'],
		// On the list the filter line says "Esc clears" when there is something to clear.
		footerIn: ['detail', 'inspector', 'help'],
		section: 'Everywhere',
		matches: (_input, key) => key.escape,
	},
	{
		action: 'inspector-search',
		keys: '/',
		help: 'search the error (Esc: clear the search)',
		footer: 'search',
		contexts: ['inspector'],
		section: 'Error inspector',
		matches: (input, key) => input === '/' && plain(key),
	},
	{
		action: 'inspector-match',
		keys: ']/[',
		help: 'next / previous search match',
		contexts: ['inspector'],
		section: 'Error inspector',
		off: state => (state.inspectorSearch === '' ? {reason: 'no search', message: 'no search: / searches the error'} : null),
		matches: (input, key) => bare(key) && (input === ']' || input === '['),
	},
	{
		action: 'search-type',
		keys: 'text',
		help: 'type what to find in the error',
		contexts: ['search'],
		section: 'Inspector search',
	},
	{
		action: 'search-erase',
		keys: 'Backspace',
		help: 'delete the last character',
		contexts: ['search'],
		section: 'Inspector search',
		matches: (_input, key) => key.backspace || key.delete,
	},
	{
		action: 'search-keep',
		keys: 'Enter',
		help: 'keep the search; ]/[ move between matches',
		footer: 'keep',
		contexts: ['search'],
		section: 'Inspector search',
		matches: (_input, key) => key.return,
	},
	{
		action: 'search-clear',
		keys: 'Esc',
		help: 'clear the search',
		footer: 'clear',
		contexts: ['search'],
		section: 'Inspector search',
		matches: (_input, key) => key.escape,
	},
	{
		action: 'sort',
		keys: 's',
		help: 'sort: newest/status/sync/duration/failed records',
		footer: 'sort',
		contexts: NAVIGABLE,
		footerIn: ['list'],
		section: 'Run list',
		matches: (input, key) => input === 's' && plain(key),
	},
	{
		action: 'open-web',
		keys: 'o',
		help: 'open the run in the web app (or show its link)',
		footer: 'web',
		contexts: ['list', 'detail', 'inspector'],
		footerIn: ['detail', 'inspector'],
		section: 'Run list',
		matches: (input, key) => input === 'o' && plain(key),
		off: needsRun,
	},
	{
		action: 'time-zone',
		keys: 'Z',
		help: 'times in local zone / UTC',
		// The history's start times and streak are wall-clock times too.
		contexts: ['list', 'detail', 'inspector', 'errors', 'history'],
		section: 'Everywhere',
		matches: (input, key) => input === 'Z' && plain(key),
	},
	{
		action: 'zoom',
		keys: 'z',
		help: 'zoom the open pane to full width, and back',
		footer: 'zoom',
		contexts: ['detail', 'inspector', 'errors'],
		section: 'Everywhere',
		matches: (input, key) => input === 'z' && plain(key),
	},
	{
		action: 'quit',
		keys: 'q',
		help: 'quit (also Ctrl+C)',
		footer: 'quit',
		contexts: EVERYWHERE,
		section: 'Everywhere',
		matches: (input, key) => (input === 'q' && plain(key)) || (input === 'c' && key.ctrl),
	},
];

/** The binding a key press means in this context, or undefined. */
export const bindingFor = (context: KeyContext, input: string, key: KeyPress): KeyBinding | undefined =>
	KEY_BINDINGS.find(binding => binding.matches && binding.contexts.includes(context) && binding.matches(input, key));

/** The action a key press means in this context, or null. */
export const matchKey = (context: KeyContext, input: string, key: KeyPress): KeyAction | null => bindingFor(context, input, key)?.action ?? null;

/**
 * Which way a key moves, for the entries that answer several keys: ↑/k, ←/h, [ and N go back; ↓/j, →/l, ]
 * and n forward; PgUp/PgDn a page; g/Home and G/End to the start and the end. Null for any other key.
 */
export type Step = 'back' | 'forward' | 'page-back' | 'page-forward' | 'start' | 'end';

const STEP_OF_INPUT: Readonly<Record<string, Step>> = {k: 'back', h: 'back', '[': 'back', N: 'back', j: 'forward', l: 'forward', ']': 'forward', n: 'forward', g: 'start', G: 'end'};

export function stepOf(input: string, key: KeyPress): Step | null {
	if (key.upArrow || key.leftArrow === true) return 'back';
	if (key.downArrow || key.rightArrow === true) return 'forward';
	if (key.pageUp) return 'page-back';
	if (key.pageDown) return 'page-forward';
	if (key.home) return 'start';
	if (key.end) return 'end';
	return key.ctrl || key.meta ? null : (STEP_OF_INPUT[input] ?? null);
}

/** What a key press types into a prompt: its text, or '' for a Ctrl or Alt key. */
export const typedText = (input: string, key: KeyPress): string => (key.ctrl || key.meta ? '' : input);

/** Ctrl+C quits from anywhere, the filter prompt included. */
export const isInterrupt = (input: string, key: KeyPress): boolean => input === 'c' && key.ctrl;
