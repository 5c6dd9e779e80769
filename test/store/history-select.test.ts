import {describe, expect, it} from 'vitest';
import {historyPoints, selectHistoryRuns} from '../../source/store/history-select.js';
import {makeRun, NOW, storeWith} from '../helpers/builders.js';

describe('selectHistoryRuns and historyPoints', () => {
	it('merges the fetched page with the sync\'s watched runs, and gives the same array while nothing changed', () => {
		const store = storeWith([makeRun(9, {status: 'working', completedAt: null})]);
		store.getState().setSyncHistory(101, [], NOW, [makeRun(1), makeRun(2)]);
		const runs = selectHistoryRuns(store.getState(), 101);
		expect(runs.map(run => run.id)).toEqual([9, 2, 1]);
		expect(selectHistoryRuns(store.getState(), 101)).toBe(runs);
		expect(selectHistoryRuns(store.getState(), 555)).toEqual([]);
	});

	it('reuses the ended runs\' points and moves only the working run\'s duration with the clock', () => {
		const store = storeWith([makeRun(9, {status: 'working', completedAt: null, createdAt: '2026-11-29T10:00:00.000Z'})]);
		store.getState().setSyncHistory(101, [], NOW, [makeRun(1)]);
		const runs = selectHistoryRuns(store.getState(), 101);
		const early = historyPoints(runs, Date.parse('2026-11-29T10:05:00.000Z'));
		const late = historyPoints(runs, Date.parse('2026-11-29T10:09:00.000Z'));
		expect(early[0]?.durationMs).toBe(5 * 60_000);
		expect(late[0]?.durationMs).toBe(9 * 60_000);
		expect(late[1]).toBe(early[1]);
	});
});
