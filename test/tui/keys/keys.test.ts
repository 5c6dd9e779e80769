import {describe, expect, it} from 'vitest';
import type {Key} from 'ink';
import {isInterrupt, KEY_BINDINGS, matchKey} from '../../../source/tui/keys/keymap.js';
import {footerHints, helpSections, offReasons} from '../../../source/tui/keys/key-hints.js';
import {splitKeyPresses} from '../../../source/tui/keys/key-presses.js';
import type {KeyState} from '../../../source/tui/keys/key-state.js';

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

	it('gives the inspector its own keys and keeps q, ?, Esc, r and p global there', () => {
		const expected = {j: 'inspector-scroll', k: 'inspector-scroll', g: 'inspector-ends', G: 'inspector-ends', y: 'inspector-copy', n: 'inspector-next-failed', N: 'inspector-next-failed', ']': 'inspector-match', '[': 'inspector-match'};
		for (const [input, action] of Object.entries(expected)) expect(matchKey('inspector', input, key())).toBe(action);
		for (const input of ['e', '1']) expect(matchKey('inspector', input, key())).toBeNull();
		expect(matchKey('inspector', '/', key())).toBe('inspector-search');
		expect(matchKey('inspector', '', key({pageDown: true}))).toBe('inspector-page');
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

	const state = (fields: Partial<KeyState> = {}): KeyState => ({
		readOnly: false,
		selected: {id: 7, ended: false, canceling: false},
		inspectorSearch: '',
		errorGroups: () => 1,
		historyRuns: () => 1,
		...fields,
	});

	it('marks trigger and cancel off in read-only mode in the footer and the help, and nothing else', () => {
		const hints = footerHints('list', false, offReasons(state({readOnly: true}), 'list'));
		expect(hints.filter(hint => hint.disabled).map(hint => `${hint.keys} ${hint.word}`)).toEqual(['t trigger (off: read-only)', 'c cancel (off: read-only)']);
		const rows = helpSections(false, offReasons(state({readOnly: true}))).flatMap(section => section.rows);
		const marked = rows.filter(([, help]) => help.startsWith('(off: read-only)')).map(([keys]) => keys);
		expect(marked).toEqual(['t', 'T', 'c']);
		expect(footerHints('list', false, offReasons(state(), 'list')).some(hint => hint.disabled)).toBe(false);
	});

	it('says why a key is off before it is pressed: nothing selected, run ended, no failed runs, no search', () => {
		const words = (hints: ReturnType<typeof footerHints>) => hints.filter(hint => hint.disabled).map(hint => `${hint.keys} ${hint.word}`);
		expect(words(footerHints('list', false, offReasons(state({selected: null}), 'list')))).toEqual([
			'Enter detail (off: nothing selected)',
			'e error (off: nothing selected)',
			'x remove (off: nothing selected)',
			't trigger (off: nothing selected)',
			'c cancel (off: nothing selected)',
		]);
		expect(words(footerHints('detail', false, offReasons(state({selected: {id: 7, ended: true, canceling: false}}), 'detail')))).toEqual(['c cancel (off: run ended)']);
		expect(words(footerHints('detail', false, offReasons(state({selected: {id: 7, ended: false, canceling: true}}), 'detail')))).toEqual(['c cancel (off: canceling)']);
		expect(words(footerHints('errors', false, offReasons(state({errorGroups: () => 0}), 'errors')))).toEqual([
			'↑↓/jk move (off: no failed runs)',
			'Enter open (off: no failed runs)',
		]);
		expect(offReasons(state(), 'inspector')).toEqual({'inspector-match': 'no search'});
		expect(offReasons(state({inspectorSearch: 'x'}), 'inspector')).toEqual({});
	});
});
