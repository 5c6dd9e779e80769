import type {Key} from 'ink';

// Every key the app answers to, in one table: the App matches keys against it, the footer shows the ones
// that work on the current screen and the help overlay lists them all, so the three cannot disagree.
// Keys that change something in Census are marked, so that read-only mode shows them as off in both.

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
	// Handled inside the errors-by-code view; listed for help and footer only.
	| 'errors-move'
	| 'errors-open'
	| 'errors-close'
	// Handled inside the error inspector; listed for help and footer only.
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
	// Handled inside the sync history screen; listed for help and footer only.
	| 'history-move'
	| 'history-open'
	| 'history-close';

export type KeyPress = Pick<
	Key,
	'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'meta' | 'backspace' | 'delete'
>;

export type KeyBinding = {
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
	/** Absent for keys handled by another component (the inspector's, the filter prompt's typing). */
	matches?: (input: string, key: KeyPress) => boolean;
	/** The key changes something in Census (trigger, cancel): off in read-only mode. */
	changesCensus?: true;
};

const NAVIGABLE: readonly KeyContext[] = ['list', 'detail'];
const SCROLLABLE: readonly KeyContext[] = ['list', 'detail', 'help'];
const EVERYWHERE: readonly KeyContext[] = ['list', 'detail', 'inspector', 'errors', 'help', 'history'];

const plain = (key: KeyPress): boolean => !key.ctrl;

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
	},
	{
		action: 'open-inspector',
		keys: 'e',
		help: "inspect the selected run's error",
		footer: 'error',
		contexts: NAVIGABLE,
		section: 'Run list',
		matches: (input, key) => input === 'e' && plain(key),
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
	},
	{
		action: 'unfollow',
		keys: 'X',
		help: "stop following the selected run's sync; asks: y also drops its runs from screen and watch list, n keeps them watched by id, Esc keeps following",
		contexts: NAVIGABLE,
		section: 'Watch list',
		matches: (input, key) => input === 'X' && plain(key),
	},
	{
		action: 'trigger',
		keys: 't',
		help: "trigger a run of the selected run's sync",
		footer: 'trigger',
		contexts: NAVIGABLE,
		section: 'Actions',
		matches: (input, key) => input === 't' && plain(key),
		changesCensus: true,
	},
	{
		action: 'trigger-full',
		keys: 'T',
		help: "trigger a full sync of the selected run's sync",
		contexts: NAVIGABLE,
		section: 'Actions',
		matches: (input, key) => input === 'T' && plain(key),
		changesCensus: true,
	},
	{
		action: 'cancel-run',
		keys: 'c',
		help: 'cancel the selected queued or working run',
		footer: 'cancel',
		contexts: NAVIGABLE,
		section: 'Actions',
		matches: (input, key) => input === 'c' && plain(key),
		changesCensus: true,
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
		action: 'inspector-scroll',
		keys: '↑↓/jk',
		asciiKeys: 'j/k',
		help: 'scroll',
		footer: 'scroll',
		// Also the help overlay's footer: there the list keys scroll it.
		contexts: ['inspector'],
		footerIn: ['inspector', 'help'],
		section: 'Error inspector',
	},
	{
		action: 'inspector-page',
		keys: 'PgUp/PgDn',
		help: 'scroll a page',
		contexts: ['inspector'],
		section: 'Error inspector',
	},
	{
		action: 'inspector-ends',
		keys: 'g/G',
		help: 'top / bottom',
		contexts: ['inspector'],
		section: 'Error inspector',
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
	},
	{
		action: 'errors-open',
		keys: 'Enter',
		help: 'open a code; on a run: inspect it',
		footer: 'open',
		contexts: ['errors'],
		section: 'Errors by code',
	},
	{
		action: 'errors-close',
		keys: 'Esc',
		help: 'close the code; again: back',
		footer: 'back',
		contexts: ['errors'],
		section: 'Errors by code',
	},
	{
		action: 'inspector-copy',
		keys: 'y',
		help: 'copy run and error for an incident report',
		footer: 'copy',
		contexts: ['inspector'],
		section: 'Error inspector',
	},
	{
		action: 'inspector-next-failed',
		keys: 'n/N',
		help: 'next / previous failed run (wraps around, and says so)',
		footer: 'failed',
		contexts: ['inspector'],
		section: 'Error inspector',
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
	},
	{
		action: 'history-move',
		keys: '←→/hl',
		asciiKeys: 'h/l',
		help: 'previous / next run (g/G: oldest / newest)',
		footer: 'run',
		contexts: ['history'],
		section: 'Sync history',
	},
	{
		action: 'history-open',
		keys: 'Enter',
		help: 'open the run in the detail pane',
		footer: 'open',
		contexts: ['history'],
		section: 'Sync history',
	},
	{
		action: 'history-close',
		keys: 'Esc',
		help: 'back to where h was pressed',
		footer: 'back',
		contexts: ['history'],
		section: 'Sync history',
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
	},
	{
		action: 'time-zone',
		keys: 'Z',
		help: 'times in local zone / UTC',
		contexts: ['list', 'detail', 'inspector', 'errors'],
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

/** The action a key press means in this context, or null. */
export function matchKey(context: KeyContext, input: string, key: KeyPress): KeyAction | null {
	for (const binding of KEY_BINDINGS) {
		if (binding.matches && binding.contexts.includes(context) && binding.matches(input, key)) return binding.action;
	}

	return null;
}

const NO_KEY: KeyPress = {
	upArrow: false,
	downArrow: false,
	pageUp: false,
	pageDown: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	meta: false,
	backspace: false,
	delete: false,
};

/** One character as Ink would report it had it arrived alone. */
function keyOfCharacter(character: string): {input: string; key: KeyPress} {
	const code = character.codePointAt(0) ?? 0;
	if (character === '\r' || character === '\n') return {input: '', key: {...NO_KEY, return: true}};
	if (code === 0x7f) return {input: '', key: {...NO_KEY, delete: true}};
	if (code === 0x08) return {input: '', key: {...NO_KEY, backspace: true}};
	if (code >= 0x01 && code <= 0x1a && character !== '\t') return {input: String.fromCodePoint(code + 0x60), key: {...NO_KEY, ctrl: true}};
	return {input: character, key: NO_KEY};
}

/**
 * Ink hands a run of plain characters that arrived in one chunk (a paste, key repeat over a slow link,
 * tmux send-keys) to the handler as ONE input, Enter included: "/1049\r". Such a run is split back into
 * the key presses it was made of, so each acts as if typed alone. Anything with an escape sequence Ink
 * has already split, and a single key passes through as it is.
 */
export function splitKeyPresses(input: string, key: KeyPress): Array<{input: string; key: KeyPress}> {
	const characters = Array.from(input);
	if (characters.length <= 1 || input.includes('\u001B')) return [{input, key}];
	return characters.map(character => keyOfCharacter(character));
}

/** Ctrl+C quits from anywhere, the filter prompt included. */
export const isInterrupt = (input: string, key: KeyPress): boolean => input === 'c' && key.ctrl;

export const bindingKeys = (binding: KeyBinding, ascii: boolean): string =>
	ascii ? (binding.asciiKeys ?? binding.keys) : binding.keys;

export type FooterHint = {
	keys: string;
	word: string;
	/** Lower is kept longer when the footer is narrow. */
	rank: number;
	/** The key is off (read-only mode); its word says so too, so that it reads without styling. */
	disabled?: boolean;
};

/** Said before what a key does when read-only mode turns it off (first, so that a narrow column keeps it). */
export const READ_ONLY_MARK = '(off: read-only)';
const READ_ONLY_FOOTER_MARK = '(off)';

/** The footer's hints for a context, in the order they are shown. */
export function footerHints(context: KeyContext, ascii: boolean, readOnly = false): FooterHint[] {
	return FOOTER_ORDER.flatMap(action => {
		const binding = KEY_BINDINGS.find(candidate => candidate.action === action);
		if (!binding?.footer || !(binding.footerIn ?? binding.contexts).includes(context)) return [];
		const hint: FooterHint = {keys: bindingKeys(binding, ascii), word: binding.footer, rank: FOOTER_RANK.indexOf(action)};
		return [readOnly && binding.changesCensus ? {...hint, word: `${hint.word} ${READ_ONLY_FOOTER_MARK}`, disabled: true} : hint];
	});
}

const FOOTER_ORDER: readonly KeyAction[] = [
	'move-down',
	'inspector-scroll',
	'open-detail',
	'open-inspector',
	'filter',
	'quick-cycle',
	'sort',
	'open-errors',
	'errors-move',
	'errors-open',
	'errors-close',
	'add',
	'remove',
	'trigger',
	'cancel-run',
	'inspector-copy',
	'inspector-next-failed',
	'inspector-search',
	'filter-keep',
	'filter-clear',
	'search-keep',
	'search-clear',
	'add-submit',
	'add-cancel',
	'confirm-yes',
	'confirm-no',
	'open-web',
	'zoom',
	'back',
	'help',
	'quit',
	'open-history',
	'history-move',
	'history-open',
	'history-close',
];

// Quit and help survive longest, so that even a 40-column footer says how to get out and where the rest is.
const FOOTER_RANK: readonly KeyAction[] = [
	'quit',
	'help',
	'confirm-yes',
	'confirm-no',
	'add-submit',
	'add-cancel',
	'filter-keep',
	'filter-clear',
	'back',
	'open-detail',
	'open-inspector',
	'filter',
	'inspector-copy',
	'inspector-next-failed',
	'open-errors',
	'trigger',
	'add',
	'move-down',
	'inspector-scroll',
	'quick-cycle',
	'cancel-run',
	'remove',
	'zoom',
	'open-web',
	'sort',
	'errors-open',
	'errors-close',
	'errors-move',
	'search-keep',
	'search-clear',
	'inspector-search',
	'history-close',
	'history-open',
	'history-move',
	'open-history',
];

export type HelpSection = {title: string; rows: Array<[string, string]>};

const SECTION_ORDER: readonly string[] = ['Everywhere', 'Run list', 'Filter prompt', 'Watch list', 'Actions', 'Add prompt', 'Error inspector'];

/** Every binding grouped by section, the keys that work everywhere first. */
export function helpSections(ascii: boolean, readOnly = false): HelpSection[] {
	const titles = [...new Set([...SECTION_ORDER, ...KEY_BINDINGS.map(binding => binding.section)])];
	return titles.flatMap(title => {
		const rows = KEY_BINDINGS.filter(binding => binding.section === title).map(
			binding => [bindingKeys(binding, ascii), readOnly && binding.changesCensus ? `${READ_ONLY_MARK} ${binding.help}` : binding.help] as [string, string],
		);
		return rows.length === 0 ? [] : [{title, rows}];
	});
}
