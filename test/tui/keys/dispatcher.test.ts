import {describe, expect, it, vi} from 'vitest';
import {createKeyHandler} from '../../../source/tui/keys/key-handler.js';
import type {KeyHandlerDeps} from '../../../source/tui/keys/key-deps.js';
import {keyStateOf} from '../../../source/tui/keys/key-state.js';
import type {KeyPress} from '../../../source/tui/keys/keymap.js';
import {inspectorPageOf} from '../../../source/tui/view/inspector-scroll.js';
import {createUiStore, type UiStoreApi} from '../../../source/store/ui-store.js';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {makeRun, storeWith} from '../../helpers/builders.js';
import {keyPress} from '../../../source/tui/keys/key-presses.js';

// The dispatcher and the key modules without React: each key acts on the screen the UI store shows at that
// moment, and a key that is off says why.

const press = keyPress;

const DETAIL = Array.from({length: 60}, (_, index) => `detail line ${index + 1}`).join('\n');

function keys(store: RunStoreApi, ui: UiStoreApi = createUiStore(), extra: Partial<KeyHandlerDeps> = {}) {
	const actions = {refreshNow: vi.fn(), setPaused: vi.fn(), quit: vi.fn(), trigger: vi.fn(async () => 1), cancel: vi.fn(async () => undefined)};
	const handle = createKeyHandler({
		store,
		ui,
		actions,
		pageRows: () => 4,
		helpPage: () => ({rows: 5, maxScroll: 7}),
		errorsPage: () => 5,
		inspectorPage: runId => inspectorPageOf(store.getState().runs, runId, {width: 60, height: 12, hyperlinks: false, webUrl: () => null}),
		...extra,
	});
	const type = (...inputs: Array<string | Partial<KeyPress>>) => {
		for (const input of inputs) {
			if (typeof input === 'string') handle(input, press());
			else handle('', press(input));
		}
	};

	return {ui, actions, type};
}

describe('one dispatcher, routed by the store\'s screen', () => {
	it('sends PgDn after e to the inspector e opened, before anything is drawn', () => {
		const store = storeWith([makeRun(11, {status: 'failed', errorCode: 'E1', errorDetail: DETAIL})]);
		const {ui, type} = keys(store);
		type('e', {pageDown: true});
		expect(ui.getState()).toMatchObject({screen: 'inspector', inspectorScroll: {runId: 11, offset: 9}});
		type('G');
		expect(ui.getState().inspectorScroll.offset).toBeGreaterThan(9);
		type('g');
		expect(ui.getState().inspectorScroll.offset).toBe(0);
	});

	it('lands a new inspector search on its first match, and ]/[ move between matches', () => {
		const store = storeWith([makeRun(11, {status: 'failed', errorCode: 'E1', errorDetail: DETAIL})]);
		const {ui, type} = keys(store);
		type('e', '/', 'l', 'i', 'n', 'e', ' ', '4', '0', {return: true});
		expect(ui.getState()).toMatchObject({inspectorSearch: 'line 40', inspectorSearchEditing: false});
		const {match, offset} = ui.getState().inspectorScroll;
		expect(match).not.toBeNull();
		expect(offset).toBe((match ?? 0) - 1);
		type(']');
		expect(ui.getState().inspectorScroll.match).toBe(match);
	});

	it('moves through the errors by code: Enter opens a code, then inspects a run; Esc closes the code, then goes back', () => {
		const store = storeWith([
			makeRun(13, {status: 'failed', errorCode: 'B'}),
			makeRun(12, {status: 'failed', errorCode: 'A'}),
			makeRun(11, {status: 'failed', errorCode: 'A'}),
		]);
		const {ui, type} = keys(store);
		type('E', {return: true});
		expect(ui.getState().errorsView).toMatchObject({openKey: 'failed:B', runId: 13});
		type({escape: true}, 'j', {return: true}, 'j');
		expect(ui.getState().errorsView).toMatchObject({openKey: 'failed:A', runId: 11});
		type({return: true});
		expect(ui.getState()).toMatchObject({screen: 'inspector', selectedId: 11, inspectorBack: 'errors'});
		type({escape: true});
		expect(ui.getState()).toMatchObject({screen: 'errors', errorsView: {openKey: null}});
		type({escape: true});
		expect(ui.getState().screen).toBe('list');
	});

	it('moves the history cursor with h and the arrows, g and G, and opens its run with Enter', () => {
		const store = storeWith([makeRun(13), makeRun(12), makeRun(11)]);
		const {ui, type} = keys(store);
		type('j', 'h', {leftArrow: true});
		expect(ui.getState().history).toMatchObject({runId: 12, cursor: 11});
		type('G');
		expect(ui.getState().history?.cursor).toBe(13);
		type('l', 'g');
		expect(ui.getState().history?.cursor).toBe(11);
		type({return: true});
		expect(ui.getState()).toMatchObject({screen: 'detail', selectedId: 11});
	});
});

describe('off keys', () => {
	it('say why on the message line instead of doing nothing', () => {
		const {ui, type} = keys(storeWith([]));
		type({return: true});
		expect(ui.getState()).toMatchObject({screen: 'list', message: {text: 'no run selected'}});
		type('E', 'j');
		expect(ui.getState().message?.text).toBe('no failed runs or rejected records among the watched runs');
	});

	it('say read-only before anything else, and that an ended run has nothing to cancel', () => {
		const store = storeWith([makeRun(11)]);
		const readOnly = keys(store, createUiStore(), {readOnly: true});
		readOnly.type('T');
		expect(readOnly.ui.getState()).toMatchObject({prompt: null, message: {text: 'read-only: full sync is disabled (--read-only)'}});
		const {ui, type} = keys(store);
		type('c');
		expect(ui.getState()).toMatchObject({prompt: null, message: {text: 'run 11 has ended; nothing to cancel'}});
	});

	it('say until when a rate limit holds by the screen\'s clock, in the zone the screen shows', () => {
		const at = Date.parse('2026-11-29T10:00:00Z');
		const store = storeWith([makeRun(11)]);
		store.getState().setHealth({kind: 'rate_limited', until: at + 10 * 60_000});
		const {ui, type} = keys(store, createUiStore(), {localZone: 'Asia/Tokyo', now: () => at});
		type('r');
		expect(ui.getState().message?.text).toBe('rate-limited by the Census API: nothing is sent until 19:10:00');
		ui.getState().toggleUtc();
		type('r');
		expect(ui.getState().message?.text).toBe('rate-limited by the Census API: nothing is sent until 10:10:00');
	});

	it('say that a run already being canceled needs no second cancel, instead of asking again', () => {
		const {ui, type, actions} = keys(storeWith([makeRun(11, {status: 'working', canceled: true, completedAt: null})]));
		type('c');
		expect(ui.getState()).toMatchObject({prompt: null, message: {text: 'run 11 is already being canceled'}});
		type('y');
		expect(actions.cancel).not.toHaveBeenCalled();
		const working = keys(storeWith([makeRun(12, {status: 'working', completedAt: null})]));
		working.type('c');
		expect(working.ui.getState().prompt).toMatchObject({kind: 'confirm', action: {kind: 'cancel', runId: 12}});
	});

	it('are worked out from the stores as the footer draws them', () => {
		const store = storeWith([makeRun(11), makeRun(12, {status: 'working', completedAt: null})]);
		const ui = createUiStore();
		expect(keyStateOf(store.getState(), ui.getState(), false).selected).toEqual({id: 12, ended: false, canceling: false});
		ui.getState().select(11);
		expect(keyStateOf(store.getState(), ui.getState(), false).selected).toEqual({id: 11, ended: true, canceling: false});
		ui.getState().appendFilter('nothing like it');
		expect(keyStateOf(store.getState(), ui.getState(), false).selected).toBeNull();
	});
});
