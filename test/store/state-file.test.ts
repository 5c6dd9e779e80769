import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import type {SyncRun} from '../../source/census/types.js';
import {createRunStore} from '../../source/store/run-store.js';
import {
	attachPersistence,
	createStateWriter,
	loadState,
	MAX_PERSISTED_TIMELINES,
	parsePersistedState,
	stateFilePath,
	TIMELINE_WRITE_DELAY_MS,
	type PersistedState,
	type StateWriter,
} from '../../source/store/state-file.js';
import {BARE, makeRun} from '../helpers/builders.js';
import {tempDirs} from '../helpers/temp-dirs.js';

const tempDir = tempDirs('state');

const state = (runIds: number[], syncIds: number[] = [], all = false): PersistedState => ({
	version: 1,
	watch: {runIds, syncIds, all},
	unseenFailures: [],
	timelines: {},
});

const run = (id: number, status: string): SyncRun => makeRun(id, {...BARE, syncId: 3, status});

describe('stateFilePath', () => {
	it('uses $XDG_STATE_HOME when it is absolute', () => {
		expect(stateFilePath({XDG_STATE_HOME: '/var/state', HOME: '/home/a'})).toBe('/var/state/census-watch/state.json');
	});

	it('falls back to ~/.local/state when it is unset, empty or relative', () => {
		for (const XDG_STATE_HOME of [undefined, '', 'relative/dir']) {
			expect(stateFilePath({XDG_STATE_HOME, HOME: '/home/a'})).toBe('/home/a/.local/state/census-watch/state.json');
		}
	});
});

describe('loadState', () => {
	it('gives nothing and says nothing when there is no file', () => {
		expect(loadState(join(tempDir(), 'state.json'))).toEqual({state: null, notice: null});
	});

	it('reads back what the writer wrote', () => {
		const path = join(tempDir(), 'census-watch', 'state.json');
		const saved: PersistedState = {
			version: 1,
			watch: {runIds: [5, 7], syncIds: [9], all: true},
			unseenFailures: [7],
			timelines: {
				7: {
					firstSeenAt: 5,
					lastPolledAt: 20,
					endedAt: null,
					steps: [{step: 'Unloading data from warehouse', firstSeenAt: 10, lastSeenAt: 20, prevPollAt: 5}],
				},
			},
		};
		expect(createStateWriter(path, {onError: vi.fn()}).write(saved)).toBe(true);
		expect(loadState(path)).toEqual({state: saved, notice: null});
	});

	it('moves a corrupt file aside with a notice, and the app starts without it', () => {
		const dir = tempDir();
		const path = join(dir, 'state.json');
		writeFileSync(path, '{"version": 1, "watch": {"runIds": [1, 2');
		const result = loadState(path, {now: () => Date.parse('2026-11-29T05:06:07.089Z')});
		const aside = join(dir, 'state.json.corrupt-2026-11-29T05-06-07.089Z');
		expect(result).toEqual({state: null, notice: `The saved watch list was unreadable; it was moved to ${aside}.`});
		expect(readdirSync(dir)).toEqual(['state.json.corrupt-2026-11-29T05-06-07.089Z']);
		expect(readFileSync(aside, 'utf8')).toBe('{"version": 1, "watch": {"runIds": [1, 2');
	});

	it('treats valid JSON of the wrong shape as corrupt', () => {
		for (const body of ['[]', '{"version": 2, "watch": {"runIds": [], "syncIds": [], "all": false}}', '{"version": 1, "watch": {"runIds": ["1"], "syncIds": [], "all": false}}']) {
			const dir = tempDir();
			writeFileSync(join(dir, 'state.json'), body);
			expect(loadState(join(dir, 'state.json')).notice).toMatch(/moved to/);
			expect(readdirSync(dir)).toHaveLength(1);
			expect(readdirSync(dir)[0]).toMatch(/^state\.json\.corrupt-/);
		}
	});

	it('says so when the file cannot be read, and leaves it where it is', () => {
		const path = join(tempDir(), 'state.json');
		mkdirSync(path);
		expect(loadState(path)).toEqual({state: null, notice: 'Could not read the saved watch list (EISDIR); starting without it.'});
		expect(statSync(path).isDirectory()).toBe(true);
	});
});

describe('parsePersistedState', () => {
	it('drops bad timeline entries and bounds the rest, keeping the newest runs', () => {
		const step = {step: 'Running sync', firstSeenAt: 1, lastSeenAt: 2, prevPollAt: null};
		const timeline = (steps: unknown[]) => ({firstSeenAt: 1, lastPolledAt: 2, endedAt: null, steps});
		const bad: Record<string, unknown> = {
			x: timeline([]),
			3: timeline([{step: 5}]),
			4: [step],
			5: {...timeline([step]), endedAt: 'soon'},
			6: {...timeline([step]), lastPolledAt: undefined},
		};
		const fromBad = parsePersistedState({version: 1, watch: {runIds: [], syncIds: [], all: false}, timelines: {...bad, 7: timeline([step])}});
		expect(fromBad?.timelines).toEqual({7: timeline([step])});

		const timelines: Record<string, unknown> = {};
		for (let id = 1000; id < 1000 + MAX_PERSISTED_TIMELINES + 50; id++) timelines[String(id)] = timeline(Array.from({length: 20}, () => step));
		const parsed = parsePersistedState({version: 1, watch: {runIds: [1, 1, 2], syncIds: [], all: false}, timelines});
		const kept = Object.keys(parsed?.timelines ?? {}).map(Number);
		expect(kept).toHaveLength(MAX_PERSISTED_TIMELINES);
		expect(Math.min(...kept)).toBe(1050);
		expect(parsed?.timelines?.[1100]?.steps).toHaveLength(16);
		expect(parsed?.watch.runIds).toEqual([1, 2]);
	});
});

describe('createStateWriter', () => {
	it('writes atomically with mode 0600 in a 0700 directory, leaving no temp file', () => {
		const dir = join(tempDir(), 'deep', 'census-watch');
		const path = join(dir, 'state.json');
		const writer = createStateWriter(path, {onError: vi.fn()});
		writer.write(state([1]));
		const first = statSync(path);
		writer.write(state([1, 2]));
		const second = statSync(path);
		expect(second.mode & 0o777).toBe(0o600);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		// A rename puts a new file in place: the old one is never written over in place.
		expect(second.ino).not.toBe(first.ino);
		expect(readdirSync(dir)).toEqual(['state.json']);
	});

	it('does not rewrite an identical state, nor the state it was read from', () => {
		const path = join(tempDir(), 'state.json');
		const writer = createStateWriter(path, {onError: vi.fn()});
		expect(writer.write(state([1]))).toBe(true);
		const inode = statSync(path).ino;
		expect(writer.write(state([1]))).toBe(false);
		expect(statSync(path).ino).toBe(inode);

		const loaded = loadState(path).state;
		const next = createStateWriter(path, {onError: vi.fn(), previous: loaded});
		expect(next.write(state([1]))).toBe(false);
		expect(next.write(state([1], [4]))).toBe(true);
	});

	it('turns persistence off with one notice when the directory cannot be written', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'not-a-dir'), '');
		const onError = vi.fn();
		const writer = createStateWriter(join(dir, 'not-a-dir', 'census-watch', 'state.json'), {onError});
		expect(writer.write(state([1]))).toBe(false);
		expect(writer.write(state([2]))).toBe(false);
		expect(onError).toHaveBeenCalledTimes(1);
		expect(onError).toHaveBeenCalledWith('The watch list cannot be saved (ENOTDIR); changes will not outlast this session.');
	});

	it('cleans up its temp file when the rename fails', () => {
		const dir = tempDir();
		const path = join(dir, 'state.json');
		mkdirSync(join(path, 'occupied'), {recursive: true});
		const onError = vi.fn();
		expect(createStateWriter(path, {onError}).write(state([1]))).toBe(false);
		expect(onError).toHaveBeenCalledTimes(1);
		expect(readdirSync(dir)).toEqual(['state.json']);
	});
});

describe('attachPersistence', () => {
	const counting = (writer: StateWriter): StateWriter & {writes: PersistedState[]} => {
		const writes: PersistedState[] = [];
		return {
			writes,
			write(next) {
				const wrote = writer.write(next);
				if (wrote) writes.push(next);
				return wrote;
			},
		};
	};

	it('writes when the watch list or the unseen failures change, and not on other updates', () => {
		const path = join(tempDir(), 'state.json');
		const store = createRunStore({watch: {runIds: [1], syncIds: [], all: false}});
		const writer = counting(createStateWriter(path, {onError: vi.fn()}));
		const detach = attachPersistence(store, writer);
		expect(writer.writes).toHaveLength(1);

		store.getState().applyRuns([run(1, 'working')], 10);
		store.getState().countRequest(10, 'ok');
		store.getState().setHealth({kind: 'live'});
		expect(writer.writes).toHaveLength(1);

		store.getState().followSync(8);
		store.getState().applyRuns([run(1, 'failed')], 20);
		store.getState().markSeen(1);
		expect(writer.writes.map(written => [written.watch.syncIds, written.unseenFailures])).toEqual([
			[[], []],
			[[8], []],
			[[8], [1]],
			[[8], []],
		]);

		detach();
		store.getState().addRunIds([2]);
		expect(writer.writes).toHaveLength(4);
		expect(loadState(path).state?.watch).toEqual({runIds: [1], syncIds: [8], all: false});
	});

	it('writes a timeline that gained a step or ended within a delay, once for many, and not for polls that only move counts', () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		try {
			const path = join(tempDir(), 'state.json');
			const store = createRunStore({watch: {runIds: [1, 2], syncIds: [], all: false}});
			const writer = counting(createStateWriter(path, {onError: vi.fn()}));
			const detach = attachPersistence(store, writer);
			const working = (id: number, step: string, processed: number): SyncRun => makeRun(id, {...BARE, syncId: 3, status: 'working', currentStep: step, recordsProcessed: processed});
			store.getState().applyRuns([working(1, 'Unloading data from warehouse', 0), working(2, 'Unloading data from warehouse', 0)], 1000);
			expect(writer.writes).toHaveLength(1);
			vi.advanceTimersByTime(TIMELINE_WRITE_DELAY_MS);
			expect(writer.writes).toHaveLength(2);

			for (let poll = 1; poll <= 20; poll++) {
				store.getState().applyRuns([working(1, 'Unloading data from warehouse', poll), working(2, 'Unloading data from warehouse', poll)], 1000 + poll * 5000);
			}

			vi.advanceTimersByTime(TIMELINE_WRITE_DELAY_MS * 3);
			expect(writer.writes).toHaveLength(2);

			store.getState().applyRuns([working(1, 'Loading data into destination service', 30)], 200_000);
			store.getState().applyRuns([working(2, 'Loading data into destination service', 30)], 205_000);
			store.getState().applyRuns([run(1, 'completed')], 206_000);
			vi.advanceTimersByTime(TIMELINE_WRITE_DELAY_MS - 1);
			expect(writer.writes).toHaveLength(2);
			vi.advanceTimersByTime(1);
			expect(writer.writes).toHaveLength(3);
			expect(writer.writes[2]?.timelines?.[2]?.steps.map(step => step.step)).toEqual(['Unloading data from warehouse', 'Loading data into destination service']);
			expect(writer.writes[2]?.timelines?.[1]?.endedAt).toBe(206_000);

			// Detaching (quitting) saves the latest sightings once.
			store.getState().applyRuns([working(2, 'Loading data into destination service', 40)], 210_000);
			detach();
			expect(writer.writes).toHaveLength(4);
			expect(loadState(path).state?.timelines?.[2]?.steps[1]?.lastSeenAt).toBe(210_000);
			vi.advanceTimersByTime(TIMELINE_WRITE_DELAY_MS);
			expect(writer.writes).toHaveLength(4);
		} finally {
			vi.useRealTimers();
		}
	});

	it('never puts the token in the file, even when errors and notices quote it', () => {
		const token = 'secret-token:do-not-persist-4f1c2b';
		const path = join(tempDir(), 'state.json');
		const store = createRunStore({watch: {runIds: [1], syncIds: [2], all: true}});
		attachPersistence(store, createStateWriter(path, {onError: vi.fn()}));
		store.getState().setRunError(1, `GET /sync_runs/1 with ${token}`);
		store.getState().pushNotice('error', `token ${token}`, 1);
		store.getState().setHealth({kind: 'token_rejected', message: token});
		store.getState().addRunIds([3]);
		const text = readFileSync(path, 'utf8');
		expect(text).toContain('"runIds"');
		expect(text).not.toContain(token);
		expect(text).not.toContain('do-not-persist');
	});
});
