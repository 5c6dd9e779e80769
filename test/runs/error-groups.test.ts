import {describe, expect, it} from 'vitest';
import type {SyncRun} from '../../source/census/types.js';
import {groupErrors, groupsOfRuns, MAX_CODE_LENGTH, NO_CODE, sameCodeSummary} from '../../source/runs/error-groups.js';
import type {RunEntry} from '../../source/runs/model.js';
import {inFlightRun, makeEntry} from '../helpers/builders.js';
import {HOSTILE, RAW_CONTROL} from '../tui/screens/detail-pane.fixtures.js';

const at = (minute: number): string => new Date(Date.UTC(2026, 10, 29, 10, minute)).toISOString();

const failed = (id: number, syncId: number, code: string | null, minute: number, fields: Partial<SyncRun> = {}): RunEntry =>
	makeEntry(inFlightRun({id, syncId, status: 'failed', errorCode: code, errorMessage: `message of ${id}`, completedAt: at(minute), ...fields}));

describe('groupErrors', () => {
	it('counts failed runs per code, with the syncs they affect and their runs newest first', () => {
		const groups = groupErrors([
			failed(1, 10, 'JSON_ARRAY_ERROR', 1),
			failed(2, 11, 'JSON_ARRAY_ERROR', 5),
			failed(3, 10, 'JSON_ARRAY_ERROR', 3),
			failed(4, 12, 'TIMEOUT', 2),
		]);
		expect(groups.map(group => [group.code, group.count])).toEqual([
			['JSON_ARRAY_ERROR', 3],
			['TIMEOUT', 1],
		]);
		expect(groups[0]).toMatchObject({
			syncIds: [11, 10],
			runIds: [2, 3, 1],
			newestRunId: 2,
			newestAt: Date.parse(at(5)),
			sampleMessage: 'message of 2',
			rejected: false,
			hasCode: true,
		});
	});

	it('orders groups by their newest run, and runs without a time after those with one', () => {
		const groups = groupErrors([
			failed(1, 10, 'OLD', 1),
			failed(2, 10, 'NEW', 9),
			failed(3, 10, 'MIDDLE', 4),
			failed(9, 10, 'TIMELESS', 0, {completedAt: null, updatedAt: null, createdAt: null}),
		]);
		expect(groups.map(group => group.code)).toEqual(['NEW', 'MIDDLE', 'OLD', 'TIMELESS']);
		expect(groups.at(-1)?.newestAt).toBeNull();
	});

	it('takes updated_at, then created_at, when a failed run has no completed_at', () => {
		const groups = groupErrors([failed(1, 10, 'A', 1), failed(2, 10, 'B', 0, {completedAt: null, updatedAt: at(7)})]);
		expect(groups.map(group => group.code)).toEqual(['B', 'A']);
		expect(groups[0]?.newestAt).toBe(Date.parse(at(7)));
	});

	it('puts failed runs without a code in one "(no code)" group, blank and control-only codes included', () => {
		const groups = groupErrors([failed(1, 10, null, 1), failed(2, 10, '   ', 2), failed(3, 10, '\u001b[2J', 3)]);
		expect(groups).toHaveLength(1);
		expect(groups[0]).toMatchObject({code: NO_CODE, hasCode: false, count: 3});
	});

	it('groups completed runs with rejected records apart from failures, flagged rejected', () => {
		const groups = groupErrors([
			failed(1, 10, 'INVALID_EMAIL', 1),
			makeEntry(inFlightRun({id: 2, syncId: 10, status: 'completed', recordsFailed: 12, errorCode: 'INVALID_EMAIL', completedAt: at(2)})),
			makeEntry(inFlightRun({id: 3, syncId: 10, status: 'completed', recordsFailed: 3, errorCode: null, completedAt: at(3)})),
		]);
		expect(groups.map(group => [group.code, group.rejected, group.runIds])).toEqual([
			[NO_CODE, true, [3]],
			['INVALID_EMAIL', true, [2]],
			['INVALID_EMAIL', false, [1]],
		]);
		expect(new Set(groups.map(group => group.key)).size).toBe(3);
	});

	it('leaves out working, clean completed, canceled, skipped, not-found and unanswered runs', () => {
		const groups = groupErrors([
			makeEntry(inFlightRun({id: 1, status: 'working', errorCode: 'X'})),
			makeEntry(inFlightRun({id: 2, status: 'completed', recordsFailed: 0, errorCode: 'X'})),
			makeEntry(inFlightRun({id: 3, status: 'failed', canceled: true, errorCode: 'X'})),
			makeEntry(inFlightRun({id: 4, status: 'skipped', errorCode: 'X'})),
			makeEntry(inFlightRun({id: 5, status: 'failed', errorCode: 'X'}), {notFound: true}),
			{id: 6, run: null, notFound: false, lastError: 'boom', origin: 'id', unseenFailure: false},
		]);
		expect(groups).toEqual([]);
	});

	it('sanitises codes and messages, and cuts a huge code', () => {
		const groups = groupErrors([
			failed(1, 10, HOSTILE, 1, {errorMessage: `${HOSTILE}\nsecond line`}),
			failed(2, 10, 'C'.repeat(10_000), 2, {errorMessage: null, errorDetail: 'from the detail'}),
		]);
		const hostile = groups.find(group => group.runIds.includes(1));
		expect(hostile?.code).toBe('ABCDEF');
		expect(hostile?.sampleMessage).toBe('ABCDEF second line');
		for (const group of groups) expect(group.code + group.sampleMessage).not.toMatch(RAW_CONTROL);
		const huge = groups.find(group => group.runIds.includes(2));
		expect(huge?.code).toHaveLength(MAX_CODE_LENGTH);
		expect(huge?.sampleMessage).toBe('from the detail');
	});
});

describe('sameCodeSummary', () => {
	const record = (...entries: RunEntry[]): Record<number, RunEntry> => Object.fromEntries(entries.map(item => [item.id, item]));

	it('counts the runs of the same code and kind, this one included, and the syncs they are in', () => {
		const runs = record(failed(1, 10, 'E1', 1), failed(2, 11, 'E1', 2), failed(3, 10, 'E1', 3), failed(4, 12, 'E2', 4));
		expect(sameCodeSummary(runs, 1)).toBe('3 failed runs have this code, in 2 syncs');
		expect(sameCodeSummary(record(failed(1, 10, 'E1', 1), failed(2, 10, 'E1', 2)), 2)).toBe('2 failed runs have this code, in 1 sync');
	});

	it('speaks of rejected records for completed runs with rejections', () => {
		const rejected = (id: number) => makeEntry(inFlightRun({id, status: 'completed', recordsFailed: 2, errorCode: 'BAD_EMAIL'}));
		expect(sameCodeSummary(record(rejected(1), rejected(2), failed(3, 42, 'BAD_EMAIL', 1)), 1)).toBe(
			'2 runs with rejected records have this code, in 1 sync',
		);
	});

	it('is null for a run alone with its code, and for a run in no group', () => {
		const runs = record(failed(1, 10, 'E1', 1), failed(2, 10, 'E2', 2), makeEntry(inFlightRun({id: 3, status: 'working'})));
		expect(sameCodeSummary(runs, 1)).toBeNull();
		expect(sameCodeSummary(runs, 3)).toBeNull();
		expect(sameCodeSummary(runs, 99)).toBeNull();
	});

	it('groups a runs object once, and again only when it is replaced', () => {
		const runs = record(failed(1, 10, 'E1', 1));
		const first = groupsOfRuns(runs);
		expect(groupsOfRuns(runs)).toBe(first);
		const next = {...runs, 2: failed(2, 10, 'E1', 2)};
		expect(groupsOfRuns(next)).not.toBe(first);
		expect(groupsOfRuns(next)[0]?.count).toBe(2);
	});
});
