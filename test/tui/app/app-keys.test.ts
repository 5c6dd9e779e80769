import {describe, expect, it, vi} from 'vitest';
import {createKeyHandler} from '../../../source/tui/keys/key-handler.js';
import {currentRunId} from '../../../source/tui/keys/key-deps.js';
import {selectFailedRun} from '../../../source/tui/keys/inspector-keys.js';
import {formatClock} from '../../../source/text/format.js';
import {createRunStore} from '../../../source/store/run-store.js';
import {createUiStore} from '../../../source/store/ui-store.js';
import {makeRun, makeSync, NOW, storeWith} from '../../helpers/builders.js';
import {keyPress} from '../../../source/tui/keys/key-presses.js';

const press = keyPress;

const setup = () => {
	const store = storeWith(Array.from({length: 10}, (_, index) => makeRun(100 + index, {status: index % 3 === 0 ? 'failed' : 'completed'})));
	const ui = createUiStore();
	const actions = {refreshNow: vi.fn(), setPaused: vi.fn(), quit: vi.fn(), trigger: vi.fn(async () => 1), cancel: vi.fn(async () => undefined)};
	const handle = createKeyHandler({store, ui, actions, pageRows: () => 4, helpPage: () => ({rows: 5, maxScroll: 7})});
	return {store, ui, actions, handle};
};

describe('createKeyHandler', () => {
	it('acts on the state the previous key left, not on a rendered snapshot', () => {
		const {ui, handle} = setup();
		handle('j', press());
		handle('j', press());
		handle('', press({return: true}));
		expect(ui.getState()).toMatchObject({screen: 'detail', selectedId: 107});
	});

	it('pages by the rows the list shows', () => {
		const {ui, handle} = setup();
		handle('', press({pageDown: true}));
		expect(ui.getState().selectedId).toBe(105);
		handle('', press({pageDown: true}));
		handle('', press({pageDown: true}));
		expect(ui.getState().selectedId).toBe(100);
	});

	it('scrolls the help instead of the list while it is open, within its length', () => {
		const {ui, handle} = setup();
		handle('?', press());
		handle('', press({pageDown: true}));
		expect(ui.getState().helpScroll).toBe(4);
		handle('G', press());
		expect(ui.getState().helpScroll).toBe(7);
		handle('j', press());
		expect(ui.getState().helpScroll).toBe(7);
		expect(ui.getState().selectedId).toBeNull();
	});

	it('sends quit, refresh and pause to the actions', () => {
		const {store, actions, handle} = setup();
		handle('r', press());
		handle('p', press());
		store.getState().setPaused(true);
		handle('p', press());
		handle('q', press());
		expect(actions.refreshNow).toHaveBeenCalledTimes(1);
		expect(actions.setPaused.mock.calls).toEqual([[true], [false]]);
		expect(actions.quit).toHaveBeenCalledTimes(1);
	});

	it('r while paused refreshes and says that it refreshes once and stays paused', () => {
		const {store, ui, actions, handle} = setup();
		store.getState().setPaused(true);
		handle('r', press());
		expect(actions.refreshNow).toHaveBeenCalledTimes(1);
		expect(ui.getState().message?.text).toBe('refreshing once; still paused (p resumes)');
	});
});

describe('r while the API holds requests back', () => {
	it('says why nothing is sent during a rate-limit pause, and what it checks when the token or the root is the trouble', () => {
		vi.useFakeTimers({now: Date.UTC(2026, 11, 6, 12)});
		try {
			const {store, ui, actions, handle} = setup();
			store.getState().setHealth({kind: 'rate_limited', until: Date.now() + 600_000});
			handle('r', press());
			expect(actions.refreshNow).toHaveBeenCalledTimes(1);
			expect(ui.getState().message?.text).toBe(`rate-limited by the Census API: nothing is sent until ${formatClock(Date.now() + 600_000, Date.now())}`);
			store.getState().setHealth({kind: 'token_rejected', message: 'x'});
			handle('r', press());
			expect(ui.getState().message?.text).toBe('checking the token again now');
			store.getState().setHealth({kind: 'root_gone', reason: 'no_api', root: 'http://127.0.0.1:9/api/v1', since: 0});
			handle('r', press());
			expect(ui.getState().message?.text).toBe('checking http://127.0.0.1:9/api/v1 again now');
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('selectFailedRun', () => {
	it('walks the failed runs in list order', () => {
		const {store, ui} = setup();
		expect(currentRunId({store, ui})).toBe(109);
		expect(selectFailedRun({store, ui}, 1)).toEqual({runId: 106, note: null});
		selectFailedRun({store, ui}, 1);
		selectFailedRun({store, ui}, 1);
		expect(ui.getState().selectedId).toBe(100);
		selectFailedRun({store, ui}, -1);
		expect(ui.getState().selectedId).toBe(103);
	});

	it('wraps around past the last and the first failed run, and says so', () => {
		const {store, ui} = setup();
		ui.getState().select(100);
		expect(selectFailedRun({store, ui}, 1)).toEqual({runId: 109, note: 'wrapped to the first failed run'});
		expect(ui.getState().selectedId).toBe(109);
		expect(selectFailedRun({store, ui}, -1)).toEqual({runId: 100, note: 'wrapped to the last failed run'});
		expect(ui.getState().selectedId).toBe(100);
	});

	it('says when there is no other failed run to go to', () => {
		const store = storeWith([makeRun(1, {status: 'completed'}), makeRun(2, {status: 'failed'})]);
		const ui = createUiStore({selectedId: 2});
		expect(selectFailedRun({store, ui}, 1)).toEqual({runId: null, note: 'no other failed run'});
		expect(ui.getState().selectedId).toBe(2);
		ui.getState().select(1);
		store.getState().removeRun(2);
		expect(selectFailedRun({store, ui}, -1)).toEqual({runId: null, note: 'no failed run in the list'});
	});
});

describe('actions: trigger, cancel, add, remove, unfollow', () => {
	const actionSetup = (options: {readOnly?: boolean; watchSyncs?: number[]; all?: boolean} = {}) => {
		const store = storeWith(
			[
				makeRun(8123, {status: 'working', completedAt: null, syncId: 101}),
				makeRun(8122, {status: 'completed', syncId: 101}),
				makeRun(8121, {status: 'teleporting', syncId: 102}),
			],
			[makeSync(101, 'Users → Salesforce Contacts')],
		);
		for (const syncId of options.watchSyncs ?? []) store.getState().followSync(syncId);
		if (options.all) store.getState().setFollowAll(true);
		const ui = createUiStore();
		let resolveTrigger: (id: number) => void = () => undefined;
		let rejectCancel: (error: Error) => void = () => undefined;
		const actions = {
			refreshNow: vi.fn(),
			setPaused: vi.fn(),
			quit: vi.fn(),
			trigger: vi.fn(
				async () =>
					new Promise<number>(resolve => {
						resolveTrigger = resolve;
					}),
			),
			cancel: vi.fn(
				async () =>
					new Promise<void>((_resolve, reject) => {
						rejectCancel = reject;
					}),
			),
		};
		const handle = createKeyHandler({store, ui, actions, pageRows: () => 4, helpPage: () => ({rows: 5, maxScroll: 7}), readOnly: options.readOnly});
		const type = (text: string) => {
			for (const character of text) handle(character, press());
		};

		return {store, ui, actions, handle, type, resolveTrigger: (id: number) => resolveTrigger(id), rejectCancel: (error: Error) => rejectCancel(error)};
	};

	it('t asks about the selected run\'s sync by id and label, and y sends exactly one trigger', async () => {
		const {ui, actions, handle, resolveTrigger} = actionSetup();
		handle('t', press());
		expect(ui.getState().prompt).toEqual({
			kind: 'confirm',
			action: {kind: 'trigger', syncId: 101, fullSync: false},
			question: 'Trigger a run of sync 101 (Users → Salesforce Contacts)? y/N',
		});
		expect(actions.trigger).not.toHaveBeenCalled();
		handle('y', press());
		expect(ui.getState().prompt).toBeNull();
		expect(actions.trigger.mock.calls).toEqual([[101, false]]);
		expect(ui.getState().message?.text).toBe('triggering a run of sync 101');
		resolveTrigger(8130);
		await vi.waitFor(() => expect(ui.getState().message).toEqual({text: 'triggered run 8130 of sync 101', level: 'info'}));
		expect(ui.getState().selectedId).toBe(8130);
	});

	it('T words the question as a full sync and sends fullSync: true on Y', () => {
		const {ui, actions, handle} = actionSetup();
		handle('T', press());
		expect(ui.getState().prompt).toMatchObject({question: 'Trigger a full sync of sync 101 (Users → Salesforce Contacts)? y/N'});
		handle('Y', press());
		expect(actions.trigger.mock.calls).toEqual([[101, true]]);
	});

	it('sends nothing when the answer is N, Esc, Enter or any other key, and that key does nothing else', () => {
		for (const [input, key] of [
			['N', press()],
			['', press({escape: true})],
			['', press({return: true})],
			['q', press()],
			['j', press()],
		] as const) {
			const {ui, actions, handle} = actionSetup();
			handle('t', press());
			handle(input, key);
			expect(actions.trigger).not.toHaveBeenCalled();
			expect(actions.quit).not.toHaveBeenCalled();
			expect(ui.getState()).toMatchObject({prompt: null, selectedId: null, screen: 'list', message: {text: 'nothing sent: trigger not confirmed'}});
		}
	});

	it('c asks to cancel a working run with its status, and shows the API error when the cancel fails', async () => {
		const {ui, actions, handle, rejectCancel} = actionSetup();
		handle('c', press());
		expect(ui.getState().prompt).toMatchObject({action: {kind: 'cancel', runId: 8123}, question: 'Cancel run 8123 (working)? y/N'});
		handle('y', press());
		expect(actions.cancel.mock.calls).toEqual([[8123]]);
		rejectCancel(new Error('POST sync_runs/8123/cancel: 409 Conflict: run already finished'));
		await vi.waitFor(() =>
			expect(ui.getState().message).toEqual({text: 'cancel of run 8123 failed: POST sync_runs/8123/cancel: 409 Conflict: run already finished', level: 'error'}),
		);
	});

	it('c on an ended run or one of an unknown status says so and asks nothing', () => {
		const {ui, actions, handle} = actionSetup();
		handle('j', press());
		handle('c', press());
		expect(ui.getState()).toMatchObject({prompt: null, message: {text: 'run 8122 has ended; nothing to cancel'}});
		handle('j', press());
		handle('c', press());
		expect(ui.getState()).toMatchObject({prompt: null, message: {text: 'run 8121 is teleporting, not queued or working; nothing to cancel'}});
		expect(actions.cancel).not.toHaveBeenCalled();
	});

	it('read-only: t, T and c say they are disabled, ask nothing and send nothing', () => {
		const {ui, actions, handle} = actionSetup({readOnly: true});
		handle('t', press());
		expect(ui.getState()).toMatchObject({prompt: null, message: {text: 'read-only: trigger is disabled (--read-only)'}});
		handle('T', press());
		expect(ui.getState().message?.text).toBe('read-only: full sync is disabled (--read-only)');
		handle('c', press());
		expect(ui.getState().message?.text).toBe('read-only: cancel is disabled (--read-only)');
		handle('y', press());
		expect(actions.trigger).not.toHaveBeenCalled();
		expect(actions.cancel).not.toHaveBeenCalled();
	});

	it('the next key clears a message', () => {
		const {ui, handle} = actionSetup({readOnly: true});
		handle('t', press());
		expect(ui.getState().message).not.toBeNull();
		handle('j', press());
		expect(ui.getState().message).toBeNull();
	});

	it('a opens the add prompt; Enter with a bad token keeps it open with the error and adds nothing', () => {
		const {store, ui, handle, type} = actionSetup();
		handle('a', press());
		type('77 s:x');
		expect(ui.getState().prompt).toEqual({kind: 'add', text: '77 s:x', error: null});
		handle('', press({return: true}));
		expect(ui.getState().prompt).toEqual({kind: 'add', text: '77 s:x', error: '"s:x" is not a run id or s:ID'});
		expect(store.getState().watch.runIds).not.toContain(77);
		handle('', press({backspace: true}));
		expect(ui.getState().prompt).toEqual({kind: 'add', text: '77 s:', error: null});
	});

	it('Enter adds run ids and follows syncs, selects the first run and says what changed', () => {
		const {store, ui, handle, type} = actionSetup();
		handle('a', press());
		type('77, 8123 s:5');
		handle('', press({return: true}));
		expect(ui.getState().prompt).toBeNull();
		expect(store.getState().watch).toMatchObject({runIds: [8123, 8122, 8121, 77], syncIds: [5]});
		expect(ui.getState().selectedId).toBe(77);
		expect(ui.getState().message?.text).toBe('watching run 77; following sync 5 (already watched: 8123)');
	});

	it('Esc closes the add prompt without adding, and keys typed there do not act', () => {
		const {store, ui, actions, handle, type} = actionSetup();
		handle('a', press());
		type('q9');
		handle('', press({escape: true}));
		expect(ui.getState().prompt).toBeNull();
		expect(actions.quit).not.toHaveBeenCalled();
		expect(store.getState().watch.runIds).toEqual([8123, 8122, 8121]);
	});

	it('x removes the selected run, selects the next row and says how to bring it back', () => {
		const {store, ui, handle} = actionSetup();
		handle('x', press());
		expect(store.getState().runs[8123]).toBeUndefined();
		expect(store.getState().watch.runIds).toEqual([8122, 8121]);
		expect(ui.getState().selectedId).toBe(8122);
		expect(ui.getState().message?.text).toBe('removed run 8123 (a to add it back)');
	});

	it('X asks before it stops following the run\'s sync, and only when that sync is followed', () => {
		const declined = actionSetup({watchSyncs: [101]});
		declined.handle('X', press());
		expect(declined.ui.getState().prompt).toMatchObject({
			question: 'Stop following sync 101 (Users → Salesforce Contacts): y drops its 2 runs too, n keeps them watched by id, Esc cancels',
		});
		declined.handle('', {...press(), escape: true});
		expect(declined.store.getState().watch.syncIds).toEqual([101]);
		expect(declined.ui.getState().message?.text).toBe('still following sync 101');

		const notFollowed = actionSetup();
		notFollowed.handle('X', press());
		expect(notFollowed.ui.getState()).toMatchObject({prompt: null, message: {text: 'sync 101 is not followed; x removes this run'}});
	});

	it('X then y stops following and drops the sync\'s runs from the screen and the watch list', () => {
		const {store, ui, handle} = actionSetup({watchSyncs: [101]});
		handle('X', press());
		handle('y', press());
		const state = store.getState();
		expect(state.watch.syncIds).toEqual([]);
		expect(state.runOrder).toEqual([8121]);
		expect(state.watch.runIds).toEqual([8121]);
		expect(ui.getState().selectedId).toBe(8121);
		expect(ui.getState().message?.text).toBe('stopped following sync 101 and dropped its 2 runs (a s:101 follows it again)');
	});

	it('X then n stops following and keeps the sync\'s runs, watched by id', () => {
		const store = createRunStore({watch: {runIds: [], syncIds: [101], all: false}});
		store.getState().applyRuns([makeRun(8123, {syncId: 101}), makeRun(8122, {syncId: 101})], NOW, {origin: 'follow'});
		const ui = createUiStore();
		const handle = createKeyHandler({store, ui, actions: {refreshNow: vi.fn(), setPaused: vi.fn(), quit: vi.fn(), trigger: vi.fn(), cancel: vi.fn()}, pageRows: () => 4, helpPage: () => ({rows: 5, maxScroll: 7})});
		handle('X', press());
		handle('n', press());
		const state = store.getState();
		expect(state.watch.syncIds).toEqual([]);
		expect(state.runOrder).toEqual([8123, 8122]);
		expect([...state.watch.runIds].sort()).toEqual([8122, 8123]);
		expect(state.runs[8123]?.origin).toBe('id');
		expect(ui.getState().message?.text).toBe('stopped following sync 101; its 2 runs stay, watched by id (a s:101 follows it again)');
	});

	it('keeps the ids asked about when the selection moves before the answer', () => {
		const {ui, actions, handle} = actionSetup();
		handle('t', press());
		ui.getState().select(8121);
		handle('y', press());
		expect(actions.trigger.mock.calls).toEqual([[101, false]]);
	});

	it('quits on Ctrl+C even while a question is open, sending nothing', () => {
		const {actions, handle} = actionSetup();
		handle('c', press());
		handle('c', press({ctrl: true}));
		expect(actions.quit).toHaveBeenCalledTimes(1);
		expect(actions.cancel).not.toHaveBeenCalled();
	});
});
