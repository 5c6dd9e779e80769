import {KEY_BINDINGS, type KeyAction, type KeyBinding, type KeyContext} from './keymap.js';
import type {KeyState} from './key-state.js';

// The footer's hints and the help's sections, made from the keymap: the same keys, words and off-rules the
// dispatcher acts on, so that what the screen offers is what the keys do.

const bindingKeys = (binding: KeyBinding, ascii: boolean): string =>
	ascii ? (binding.asciiKeys ?? binding.keys) : binding.keys;

export type FooterHint = {
	keys: string;
	word: string;
	/** Lower is kept longer when the footer is narrow. */
	rank: number;
	/** The key is off; its word says so and why, so that it reads without styling. */
	disabled?: boolean;
};

/** Why each key that is off now is off, in a word or two: what footer and help show. */
export type OffReasons = Partial<Record<KeyAction, string>>;

/** The reasons of the keys of one context (undefined: of every key, for the help) that are off in this state. */
export function offReasons(state: KeyState, context?: KeyContext): OffReasons {
	const reasons: OffReasons = {};
	for (const binding of KEY_BINDINGS) {
		if (context !== undefined && !binding.contexts.includes(context)) continue;
		const off = binding.off?.(state);
		if (off) reasons[binding.action] = off.reason;
	}

	return reasons;
}

/** Said after a key's footer word, or before its help, when it is off: "(off: read-only)". */
const offMark = (reason: string): string => `(off: ${reason})`;

/** The footer's hints for a context, in the order they are shown, off keys marked with why. */
export function footerHints(context: KeyContext, ascii: boolean, off: OffReasons = {}): FooterHint[] {
	return FOOTER_ORDER.flatMap(action => {
		const binding = KEY_BINDINGS.find(candidate => candidate.action === action);
		if (!binding?.footer || !(binding.footerIn ?? binding.contexts).includes(context)) return [];
		const hint: FooterHint = {keys: bindingKeys(binding, ascii), word: binding.footer, rank: FOOTER_RANK.indexOf(action)};
		const reason = off[action];
		return [reason === undefined ? hint : {...hint, word: `${hint.word} ${offMark(reason)}`, disabled: true}];
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

/** Every binding grouped by section, the keys that work everywhere first; off keys say so, and why, first. */
export function helpSections(ascii: boolean, off: OffReasons = {}): HelpSection[] {
	const titles = [...new Set([...SECTION_ORDER, ...KEY_BINDINGS.map(binding => binding.section)])];
	return titles.flatMap(title => {
		const rows = KEY_BINDINGS.filter(binding => binding.section === title).map(binding => {
			const reason = off[binding.action];
			return [bindingKeys(binding, ascii), reason === undefined ? binding.help : `${offMark(reason)} ${binding.help}`] as [string, string];
		});
		return rows.length === 0 ? [] : [{title, rows}];
	});
}
