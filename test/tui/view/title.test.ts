import {afterEach, describe, expect, it, vi} from 'vitest';
import {parseSyncRun} from '../../../source/census/parse.js';
import {attachTitle, createTitleUpdater, TITLE_SETTLE_MS, titleSummary} from '../../../source/tui/view/title.js';
import {createRunStore} from '../../../source/store/run-store.js';
import {runJson} from '../../helpers/builders.js';

const ESC = '\u001B';
const BEL = '\u0007';

function storeWith(...runs: Array<Record<string, unknown>>) {
	const store = createRunStore({watch: {runIds: [], syncIds: [], all: false}});
	store.getState().applyRuns(
		runs.map(fields => parseSyncRun(runJson(fields))),
		1,
	);
	return store;
}

describe('titleSummary', () => {
	it('counts failed, working and queued runs with their glyphs, leaving out zeros and ended runs', () => {
		const store = storeWith(
			{id: 1, status: 'failed'},
			{id: 2, status: 'failed'},
			{id: 3, status: 'working'},
			{id: 4, status: 'working'},
			{id: 5, status: 'retrying'},
			{id: 6, status: 'completed'},
			{id: 7, status: 'skipped'},
		);
		expect(titleSummary(store.getState(), {ascii: false})).toBe('census-watch ✗2 ⟳3');
	});

	it('says the counts in words with --ascii', () => {
		const store = storeWith({id: 1, status: 'failed'}, {id: 2, status: 'queued'}, {id: 3, status: 'working'});
		const title = titleSummary(store.getState(), {ascii: true});
		expect(title).toBe('census-watch 1 failed 1 working 1 queued');
		expect(title).toMatch(/^[\u0020-\u007e]+$/);
	});

	it('is the bare program name when nothing needs attention', () => {
		expect(titleSummary(storeWith({id: 1, status: 'completed'}).getState(), {ascii: false})).toBe('census-watch');
	});

	it('counts a canceled run as canceled, not as the failure its status says', () => {
		expect(titleSummary(storeWith({id: 1, status: 'failed', canceled: true}).getState(), {ascii: false})).toBe('census-watch');
	});

	it('adds a word when the API is out of reach', () => {
		const store = storeWith({id: 1, status: 'working'});
		store.getState().setHealth({kind: 'offline', since: 0, message: 'ECONNREFUSED'});
		expect(titleSummary(store.getState(), {ascii: false})).toBe('census-watch ⟳1 offline');
		store.getState().setHealth({kind: 'token_rejected', message: 'no'});
		expect(titleSummary(store.getState(), {ascii: true})).toBe('census-watch 1 working token rejected');
		store.getState().setHealth({kind: 'retrying', since: 0, message: 'x'});
		expect(titleSummary(store.getState(), {ascii: false})).toBe('census-watch ⟳1');
	});
});

describe('createTitleUpdater', () => {
	it('writes an OSC 2 title only when its text changes', () => {
		const written: string[] = [];
		const store = storeWith({id: 1, status: 'working'});
		const updater = createTitleUpdater({ascii: false, write: sequence => written.push(sequence)});
		updater.update(store.getState());
		store.getState().countRequest(2, 'ok');
		updater.update(store.getState());
		store.getState().applyRuns([parseSyncRun(runJson({id: 1, status: 'working', records_processed: 10}))], 3);
		updater.update(store.getState());
		expect(written).toEqual([`${ESC}]2;census-watch ⟳1${BEL}`]);
		store.getState().applyRuns([parseSyncRun(runJson({id: 1, status: 'failed'}))], 4);
		updater.update(store.getState());
		expect(written).toEqual([`${ESC}]2;census-watch ⟳1${BEL}`, `${ESC}]2;census-watch ✗1${BEL}`]);
	});
});

describe('attachTitle', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('writes at once, then one title per burst of changes, and nothing once stopped', async () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		const written: string[] = [];
		const store = storeWith({id: 1, status: 'working'});
		const stop = attachTitle(store, {ascii: true, write: sequence => written.push(sequence)});
		expect(written).toEqual([`${ESC}]2;census-watch 1 working${BEL}`]);
		store.getState().applyRuns([parseSyncRun(runJson({id: 2, status: 'working'}))], 2);
		await vi.advanceTimersByTimeAsync(TITLE_SETTLE_MS - 1);
		store.getState().applyRuns([parseSyncRun(runJson({id: 3, status: 'working'}))], 2);
		await vi.advanceTimersByTimeAsync(TITLE_SETTLE_MS - 1);
		expect(written).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(written).toEqual([`${ESC}]2;census-watch 1 working${BEL}`, `${ESC}]2;census-watch 3 working${BEL}`]);
		store.getState().applyRuns([parseSyncRun(runJson({id: 3, status: 'failed'}))], 3);
		stop();
		await vi.advanceTimersByTimeAsync(TITLE_SETTLE_MS);
		expect(written).toHaveLength(2);
		expect(vi.getTimerCount()).toBe(0);
	});
});
