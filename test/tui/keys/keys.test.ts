import {describe, expect, it} from 'vitest';
import type {Key} from 'ink';
import {footerHints, helpSections, isInterrupt, KEY_BINDINGS, matchKey, splitKeyPresses} from '../../../source/tui/keys/keymap.js';

const key = (fields: Partial<Key> = {}): Key => ({
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
	...fields,
});

describe('matchKey', () => {
	it('maps list keys to actions', () => {
		expect(matchKey('list', 'j', key())).toBe('move-down');
		expect(matchKey('list', '', key({downArrow: true}))).toBe('move-down');
		expect(matchKey('list', 'k', key())).toBe('move-up');
		expect(matchKey('list', 'g', key())).toBe('first');
		expect(matchKey('list', 'G', key({shift: true}))).toBe('last');
		expect(matchKey('list', '', key({end: true}))).toBe('last');
		expect(matchKey('list', '', key({pageDown: true}))).toBe('page-down');
		expect(matchKey('list', '/', key())).toBe('filter');
		expect(matchKey('list', '3', key())).toBe('quick-failed');
		expect(matchKey('list', '', key({return: true}))).toBe('open-detail');
		expect(matchKey('list', '?', key())).toBe('help');
		expect(matchKey('list', 'q', key())).toBe('quit');
		expect(matchKey('list', '', key({escape: true}))).toBe('back');
	});

	it('leaves the inspector its own keys and keeps q, ?, Esc, r and p global there', () => {
		for (const input of ['j', 'k', 'g', 'G', 'y', 'n', 'N', 'e', ']', '[', '1']) expect(matchKey('inspector', input, key())).toBeNull();
		expect(matchKey('inspector', '/', key())).toBe('inspector-search');
		expect(matchKey('inspector', '', key({pageDown: true}))).toBeNull();
		expect(matchKey('inspector', 'q', key())).toBe('quit');
		expect(matchKey('inspector', '?', key())).toBe('help');
		expect(matchKey('inspector', '', key({escape: true}))).toBe('back');
		expect(matchKey('inspector', 'r', key())).toBe('refresh');
		expect(matchKey('inspector', 'p', key())).toBe('pause');
	});

	it('does not open the detail or filter from the help overlay', () => {
		expect(matchKey('help', '', key({return: true}))).toBeNull();
		expect(matchKey('help', '/', key())).toBeNull();
		expect(matchKey('help', 'j', key())).toBe('move-down');
	});

	it('reads Ctrl+C as quit, and not as c', () => {
		expect(isInterrupt('c', key({ctrl: true}))).toBe(true);
		expect(isInterrupt('c', key())).toBe(false);
		expect(matchKey('list', 'c', key({ctrl: true}))).toBe('quit');
	});

	it('reads both Backspace forms in the filter prompt', () => {
		expect(matchKey('filter', '', key({delete: true}))).toBe('filter-erase');
		expect(matchKey('filter', '', key({backspace: true}))).toBe('filter-erase');
	});
});

describe('footerHints', () => {
	it('offers only keys that work in the context', () => {
		const words = (context: Parameters<typeof footerHints>[0]) => footerHints(context, false).map(hint => hint.word);
		expect(words('list')).toEqual(['move', 'detail', 'error', 'filter', 'status', 'sort', 'by code', 'add', 'remove', 'trigger', 'cancel', 'help', 'quit']);
		expect(words('inspector')).toEqual(['scroll', 'by code', 'copy', 'failed', 'search', 'web', 'zoom', 'back', 'help', 'quit']);
		expect(words('search')).toEqual(['keep', 'clear']);
		expect(words('errors')).toEqual(['move', 'open', 'back', 'zoom', 'help', 'quit']);
		expect(words('filter')).toEqual(['keep', 'clear']);
	});

	it('writes keys in ASCII when asked', () => {
		const hints = footerHints('list', true);
		expect(hints.every(hint => /^[\u0020-\u007E]+$/.test(hint.keys))).toBe(true);
	});
});

describe('helpSections', () => {
	it('lists every binding once, the keys that work everywhere first, including quit', () => {
		const sections = helpSections(false);
		expect(sections[0]?.title).toBe('Everywhere');
		expect(sections.flatMap(section => section.rows)).toHaveLength(KEY_BINDINGS.length);
		expect(sections[0]?.rows).toContainEqual(['q', 'quit (also Ctrl+C)']);
	});
});

describe('splitKeyPresses', () => {
	it('splits a run of characters that arrived in one chunk into single key presses', () => {
		const presses = splitKeyPresses('/1j\r', key());
		expect(presses.map(press => press.input)).toEqual(['/', '1', 'j', '']);
		expect(presses[3]?.key.return).toBe(true);
		expect(presses.slice(0, 3).every(press => !press.key.return && !press.key.ctrl)).toBe(true);
	});

	it('reads DEL as Ink does (delete), BS as backspace and control letters as Ctrl', () => {
		const [del, bs, ctrlC] = splitKeyPresses('\u007F\b\u0003', key());
		expect(del?.key.delete).toBe(true);
		expect(bs?.key.backspace).toBe(true);
		expect(ctrlC).toMatchObject({input: 'c', key: {ctrl: true}});
	});

	it('passes a single key, and input with escape sequences, through untouched', () => {
		const down = key({downArrow: true});
		expect(splitKeyPresses('', down)).toEqual([{input: '', key: down}]);
		expect(splitKeyPresses('q', key())).toEqual([{input: 'q', key: key()}]);
		expect(splitKeyPresses('\u001B[A', key())).toHaveLength(1);
	});

	it('keeps wide characters whole', () => {
		expect(splitKeyPresses('数据🚀', key()).map(press => press.input)).toEqual(['数', '据', '🚀']);
	});
});

describe('action keys', () => {
	it('maps t, T, c, a, x and X on the list and the detail, not in the inspector or help', () => {
		const expected = {t: 'trigger', T: 'trigger-full', c: 'cancel-run', a: 'add', x: 'remove', X: 'unfollow'};
		for (const [input, action] of Object.entries(expected)) {
			expect(matchKey('list', input, key())).toBe(action);
			expect(matchKey('detail', input, key())).toBe(action);
			expect(matchKey('inspector', input, key())).toBeNull();
			expect(matchKey('help', input, key())).toBeNull();
		}
	});

	it('takes y and Y as yes in a question, n and N as keep (X\'s question only), and nothing else', () => {
		expect(matchKey('confirm', 'y', key())).toBe('confirm-yes');
		expect(matchKey('confirm', 'Y', key({shift: true}))).toBe('confirm-yes');
		for (const input of ['n', 'N']) expect(matchKey('confirm', input, key())).toBe('confirm-keep');
		for (const input of ['q', 't', '']) expect(matchKey('confirm', input, key())).toBeNull();
		expect(matchKey('confirm', '', key({escape: true}))).toBeNull();
	});

	it('gives the add prompt Enter, Esc and Backspace, and nothing for letters', () => {
		expect(matchKey('add', '', key({return: true}))).toBe('add-submit');
		expect(matchKey('add', '', key({escape: true}))).toBe('add-cancel');
		expect(matchKey('add', '', key({backspace: true}))).toBe('add-erase');
		expect(matchKey('add', 'q', key())).toBeNull();
	});

	it('marks trigger and cancel off in read-only mode in the footer and the help, and nothing else', () => {
		const hints = footerHints('list', false, true);
		expect(hints.filter(hint => hint.disabled).map(hint => `${hint.keys} ${hint.word}`)).toEqual(['t trigger (off)', 'c cancel (off)']);
		const rows = helpSections(false, true).flatMap(section => section.rows);
		const marked = rows.filter(([, help]) => help.startsWith('(off: read-only)')).map(([keys]) => keys);
		expect(marked).toEqual(['t', 'T', 'c']);
		expect(footerHints('list', false, false).some(hint => hint.disabled)).toBe(false);
	});
});
