import {describe, expect, it} from 'vitest';
import {parseSyncRun} from '../../source/census/parse.js';
import {createAwayStore} from '../../source/store/away-store.js';
import {createRunStore} from '../../source/store/run-store.js';
import {runJson} from '../helpers/builders.js';

function setup() {
	const runs = createRunStore({watch: {runIds: [], syncIds: [52], all: false}});
	let now = 1_000_000;
	const away = createAwayStore({runs, now: () => now, minAwayMs: 30_000});
	const apply = (...fields: Array<Record<string, unknown>>) =>
		runs.getState().applyRuns(
			fields.map(run => parseSyncRun(runJson(run))),
			now,
		);
	const wait = (ms: number) => {
		now += ms;
	};

	return {away, apply, wait};
}

describe('away store', () => {
	it('shows a digest when focus comes back after a while and something ended', () => {
		const {away, apply, wait} = setup();
		apply({id: 1, status: 'working'});
		away.getState().blur();
		wait(60_000);
		apply({id: 1, status: 'failed'});
		away.getState().focus();
		expect(away.getState().digest).toMatchObject({awayMs: 60_000, failed: [{runId: 1}]});
	});

	it('shows nothing after a short absence and starts afresh on the next one', () => {
		const {away, apply, wait} = setup();
		apply({id: 1, status: 'working'}, {id: 2, status: 'working'});
		away.getState().blur();
		wait(5000);
		apply({id: 1, status: 'completed'});
		away.getState().focus();
		expect(away.getState().digest).toBeNull();
		expect(away.getState().since).toBeNull();
		away.getState().blur();
		wait(60_000);
		apply({id: 2, status: 'completed'});
		away.getState().focus();
		// Run 1 ended during the short absence, before this one began: only run 2 is news.
		expect(away.getState().digest).toMatchObject({completed: 1, awayMs: 60_000});
	});

	it('ignores a focus report without a blur before it, and a repeated blur', () => {
		const {away, apply, wait} = setup();
		apply({id: 1, status: 'working'});
		away.getState().focus();
		expect(away.getState().digest).toBeNull();
		away.getState().blur();
		wait(40_000);
		away.getState().blur();
		wait(40_000);
		apply({id: 1, status: 'completed'});
		away.getState().focus();
		expect(away.getState().digest?.awayMs).toBe(80_000);
	});

	it('keeps the absence going while its digest is up, and forgets it once dismissed', () => {
		const {away, apply, wait} = setup();
		apply({id: 1, status: 'working'}, {id: 2, status: 'working'});
		away.getState().blur();
		wait(60_000);
		apply({id: 1, status: 'failed'});
		away.getState().focus();
		away.getState().blur();
		wait(60_000);
		apply({id: 2, status: 'failed'});
		away.getState().focus();
		expect(away.getState().digest?.failed.map(failure => failure.runId)).toEqual([2, 1]);
		away.getState().dismiss();
		expect(away.getState()).toMatchObject({digest: null, since: null});
	});
});
