import {describe, expect, it} from 'vitest';
import {parseSync, parseSyncRun} from '../../source/census/parse.js';
import {AWAY_MIN_MS, awayDigest, awayFor, digestLines, digestTitle} from '../../source/runs/away-digest.js';
import {createRunStore} from '../../source/store/run-store.js';
import {runJson, syncJson} from '../helpers/builders.js';

const BLUR_AT = Date.parse('2026-11-29T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function workspace() {
	const store = createRunStore({watch: {runIds: [], syncIds: [101], all: false}});
	store.getState().upsertSyncs([parseSync(syncJson({id: 101, label: 'Users → Salesforce'}))], 0);
	const apply = (...runs: Array<Record<string, unknown>>) =>
		store.getState().applyRuns(
			runs.map(fields => parseSyncRun(runJson({sync_id: 101, ...fields}))),
			1,
		);
	const snapshot = () => ({at: BLUR_AT, runs: store.getState().runs});
	return {store, apply, snapshot};
}

describe('awayDigest', () => {
	it('names runs that failed and counts runs that ended while away', () => {
		const {store, apply, snapshot} = workspace();
		apply({id: 8123, status: 'working'}, {id: 8124, status: 'working'}, {id: 8125, status: 'queued'}, {id: 8126, status: 'working'});
		const before = snapshot();
		apply(
			{id: 8123, status: 'failed', error_code: 'JSON_ARRAY_ERROR'},
			{id: 8124, status: 'completed', records_failed: 3},
			{id: 8125, status: 'completed', records_failed: 0},
			{id: 8126, status: 'working', records_processed: 5},
		);
		const digest = awayDigest(before, store.getState(), BLUR_AT + 12 * 60_000);
		expect(digest).toEqual({
			awayMs: 12 * 60_000,
			failed: [{runId: 8123, syncId: 101, syncLabel: 'Users → Salesforce', errorCode: 'JSON_ARRAY_ERROR'}],
			completed: 2,
			rejected: 1,
			skipped: 0,
			canceled: 0,
		});
	});

	it('is null after a short absence however much happened', () => {
		const {store, apply, snapshot} = workspace();
		apply({id: 1, status: 'working'});
		const before = snapshot();
		apply({id: 1, status: 'failed'});
		expect(awayDigest(before, store.getState(), BLUR_AT + AWAY_MIN_MS - 1)).toBeNull();
		expect(awayDigest(before, store.getState(), BLUR_AT + AWAY_MIN_MS)).not.toBeNull();
	});

	it('is null when nothing ended, and runs that had ended before leaving are not news', () => {
		const {store, apply, snapshot} = workspace();
		apply({id: 1, status: 'failed'}, {id: 2, status: 'working'});
		const before = snapshot();
		apply({id: 1, status: 'failed', updated_at: iso(BLUR_AT + 60_000)}, {id: 2, status: 'working', records_processed: 9});
		expect(awayDigest(before, store.getState(), BLUR_AT + 3_600_000)).toBeNull();
	});

	it('counts a run that appeared while away only if the API says it ended after focus left', () => {
		const {store, apply, snapshot} = workspace();
		const before = snapshot();
		apply(
			{id: 10, status: 'failed', completed_at: iso(BLUR_AT - 3_600_000)},
			{id: 11, status: 'failed', completed_at: iso(BLUR_AT + 60_000)},
			{id: 12, status: 'skipped', completed_at: null, updated_at: iso(BLUR_AT + 90_000)},
			{id: 13, status: 'completed', completed_at: null, updated_at: null},
		);
		const digest = awayDigest(before, store.getState(), BLUR_AT + 5 * 60_000);
		expect(digest?.failed.map(failure => failure.runId)).toEqual([11]);
		expect(digest?.skipped).toBe(1);
		expect(digest?.completed).toBe(0);
	});

	it('counts a canceled run as canceled whatever its status says', () => {
		const {store, apply, snapshot} = workspace();
		apply({id: 1, status: 'working'});
		const before = snapshot();
		apply({id: 1, status: 'failed', canceled: true});
		expect(awayDigest(before, store.getState(), BLUR_AT + 60_000)).toMatchObject({failed: [], canceled: 1});
	});

	it('lists failures newest first and sanitises the error code', () => {
		const {store, apply, snapshot} = workspace();
		apply({id: 1, status: 'working'}, {id: 2, status: 'working'});
		const before = snapshot();
		apply({id: 1, status: 'failed', error_code: '\u001B]2;pwned\u0007BAD'}, {id: 2, status: 'failed', error_code: '  '});
		const digest = awayDigest(before, store.getState(), BLUR_AT + 60_000);
		expect(digest?.failed.map(failure => [failure.runId, failure.errorCode])).toEqual([
			[2, null],
			[1, 'BAD'],
		]);
	});
});

describe('digest text', () => {
	const digest = {
		awayMs: 12 * 60_000 + 5000,
		failed: [{runId: 8123, syncId: 101, syncLabel: 'Users → Salesforce', errorCode: 'JSON_ARRAY_ERROR'}],
		completed: 4,
		rejected: 1,
		skipped: 2,
		canceled: 0,
	};

	it('says how long the absence was, in minutes once it counts minutes', () => {
		expect(digestTitle(digest)).toBe('While you were away (12m)');
		expect(awayFor(45_000)).toBe('45s');
		expect(awayFor(2 * 3_600_000 + 5 * 60_000)).toBe('2h 05m');
	});

	it('has a line per failure and one line of counts', () => {
		expect(digestLines(digest, {ascii: false})).toEqual([
			'✗ run 8123 Users → Salesforce failed (JSON_ARRAY_ERROR)',
			'✓ 4 completed (1 with rejected records) · ↷ 2 skipped',
		]);
	});

	it('uses ASCII glyphs and separators with --ascii', () => {
		const lines = digestLines({...digest, failed: [{...digest.failed[0]!, syncLabel: 'Sync 101', errorCode: null}]}, {ascii: true});
		expect(lines).toEqual(['x run 8123 Sync 101 failed', '+ 4 completed (1 with rejected records) | - 2 skipped']);
	});
});
