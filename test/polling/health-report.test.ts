import {describe, expect, it} from 'vitest';
import {CensusError} from '../../source/census/errors.js';
import {createHealthReporter, type SettledRequest} from '../../source/polling/health-report.js';
import {initialSchedulerState, type SchedulerState} from '../../source/polling/scheduler.js';
import {createRunStore} from '../../source/store/run-store.js';

// The reporter on its own: answers as the engine hands them over, the scheduler's state as it stands
// after them, and the store that the header and the notices read.

const ROOT = 'https://census.test/api/v1';
const NOW = Date.parse('2026-11-29T10:00:00Z');
const run1 = {kind: 'run', runId: 1} as const;

function rig() {
	const store = createRunStore({watch: {runIds: [1], syncIds: [], all: false}});
	const reporter = createHealthReporter({store, baseUrl: ROOT, authRecheckMs: 5 * 60_000});
	return {store, reporter};
}

const ok = (at: number): SettledRequest => ({target: run1, outcome: {kind: 'ok'}, error: null, at});
const failed = (error: CensusError, at: number): SettledRequest => ({
	target: run1,
	outcome: {kind: 'failed', error: error.kind, status: error.status},
	error,
	at,
});

describe('health reporting', () => {
	it('leaves one 500 to the row, speaks of the API after two in a row, and goes live on a success', () => {
		const {store, reporter} = rig();
		const state = initialSchedulerState();
		const error = new CensusError('server', 'GET /sync_runs/1: 500 Internal Server Error', {status: 500});
		reporter.report(ok(NOW), state);
		reporter.report(failed(error, NOW + 1000), state);
		expect(store.getState().health.kind).toBe('live');
		expect(store.getState().runs[1]?.lastError).toBe(error.message);
		reporter.report(failed(error, NOW + 2000), state);
		expect(store.getState().health).toMatchObject({kind: 'api_error', status: 500, since: NOW + 1000});
		reporter.report(ok(NOW + 3000), state);
		expect(store.getState().health.kind).toBe('live');
		expect(store.getState().requests).toMatchObject({total: 4, failed: 2});
	});

	it('tells a rejected token once, and its end once', () => {
		const {store, reporter} = rig();
		const paused: SchedulerState = {...initialSchedulerState(), authPaused: {since: NOW, checkAt: NOW + 300_000, by: 'run:1'}};
		const error = new CensusError('auth', 'the API rejected the token', {status: 401});
		reporter.report(failed(error, NOW), paused);
		reporter.report(failed(error, NOW + 300_000), paused);
		expect(store.getState().health).toMatchObject({kind: 'token_rejected', checkAt: NOW + 300_000});
		reporter.report(ok(NOW + 600_000), initialSchedulerState());
		reporter.report(ok(NOW + 610_000), initialSchedulerState());
		expect(store.getState().notices.map(notice => notice.text)).toEqual([
			'Polling paused: the API rejected the token. The token is checked again every 5 min; r checks now.',
			'The token is accepted again; polling resumed.',
		]);
	});

	it('does not count an aborted request, and leaves a refused action to its caller', () => {
		const {store, reporter} = rig();
		reporter.report(failed(new CensusError('aborted', 'stopped'), NOW), initialSchedulerState());
		const refused = new CensusError('client', 'POST /syncs/2/trigger: 400 Bad Request', {status: 400});
		reporter.report({...failed(refused, NOW), target: {kind: 'action', actionId: 1}}, initialSchedulerState());
		expect(store.getState().requests).toMatchObject({total: 1, failed: 1});
		expect(store.getState().health.kind).toBe('connecting');
	});
});
