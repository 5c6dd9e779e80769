import {describe, expect, it} from 'vitest';
import {CensusError} from '../../source/census/errors.js';
import {parseSyncRun} from '../../source/census/parse.js';
import {EXIT_API_UNREACHABLE, EXIT_INCOMPLETE, EXIT_TOKEN_REJECTED} from '../../source/cli/exit-codes.js';
import {changedRuns, lineKey} from '../../source/cli/modes/changes.js';
import {createHealthReporter, fatalApiError, tokenRejectedLine, tokenRejectedLineFromHealth} from '../../source/cli/modes/messages.js';
import type {RunEntry} from '../../source/runs/model.js';
import {makeEntry, runJson as apiRun} from '../helpers/builders.js';

const entry = (fields: Record<string, unknown>, extra: Partial<RunEntry> = {}): RunEntry => makeEntry(parseSyncRun(apiRun(fields)), {origin: 'id', ...extra});

describe('lineKey', () => {
	it('changes with the step of a moving run, not with its counts', () => {
		const a = lineKey(entry({status: 'working', current_step: 'Loading data into destination service', records_processed: 1}));
		const b = lineKey(entry({status: 'working', current_step: 'loading data into destination service', records_processed: 900}));
		const c = lineKey(entry({status: 'working', current_step: 'Committing data to destination service', records_processed: 900}));
		expect(a).toBe(b);
		expect(c).not.toBe(b);
	});

	it('ignores the step once a run has ended', () => {
		expect(lineKey(entry({status: 'completed', current_step: 'Committing sync to warehouse'}))).toBe(
			lineKey(entry({status: 'completed', current_step: 'Running Sync'})),
		);
	});

	it('tells unknown statuses apart, and legacy words from their modern twins not at all', () => {
		expect(lineKey(entry({status: 'rebalancing'}))).not.toBe(lineKey(entry({status: 'rehydrating'})));
		expect(lineKey(entry({status: 'retrying'}))).toBe(lineKey(entry({status: 'working'})));
	});

	it('has nothing to say before the first answer', () => {
		expect(lineKey({id: 5, run: null, notFound: false, lastError: null, origin: 'id', unseenFailure: false})).toBeNull();
		expect(lineKey({id: 5, run: null, notFound: true, lastError: null, origin: 'id', unseenFailure: false})).toBe('not_found');
	});
});

describe('changedRuns', () => {
	it('reports new runs and changed lines, oldest run first, and forgets runs no longer present', () => {
		const first = changedRuns(new Map(), [entry({id: 9, status: 'working'}), entry({id: 3, status: 'queued', current_step: null})]);
		expect(first.changed.map(run => run.id)).toEqual([3, 9]);

		const second = changedRuns(first.keys, [
			entry({id: 9, status: 'working', records_processed: 5}),
			entry({id: 3, status: 'working', current_step: null}),
		]);
		expect(second.changed.map(run => run.id)).toEqual([3]);

		const third = changedRuns(second.keys, [entry({id: 3, status: 'failed'})]);
		expect(third.changed.map(run => run.id)).toEqual([3]);
		expect([...third.keys.keys()]).toEqual([3]);
	});
});

describe('messages', () => {
	it('says plainly that the API rejected the token', () => {
		expect(tokenRejectedLine(401, 'whatever')).toBe('census-watch: the Census API rejected the token (401 Unauthorized)');
		expect(tokenRejectedLine(403, 'whatever')).toContain('(403 Forbidden)');
		expect(tokenRejectedLineFromHealth('GET sync_runs/1: the API rejected the token (401 Unauthorized): Unauthorized')).toBe(
			'census-watch: the Census API rejected the token (401 Unauthorized)',
		);
		expect(tokenRejectedLineFromHealth('refused \u001b[2Jto send')).toBe('census-watch: the Census API rejected the token: refused to send');
	});

	it('maps a failed first look to its exit code', () => {
		expect(fatalApiError(new CensusError('auth', 'x', {status: 401}))).toEqual({
			code: EXIT_TOKEN_REJECTED,
			line: 'census-watch: the Census API rejected the token (401 Unauthorized)',
		});
		const unreachable = fatalApiError(new CensusError('network', 'GET sync_runs/1: connection refused'));
		expect(unreachable).toEqual({
			code: EXIT_API_UNREACHABLE,
			line: 'census-watch: could not get an answer from the Census API: GET sync_runs/1: connection refused',
		});
		expect(fatalApiError(new CensusError('server', 'GET /syncs: 500 Internal Server Error'))).toEqual({
			code: EXIT_INCOMPLETE,
			line: 'census-watch: the Census API gave no usable answer: GET /syncs: 500 Internal Server Error',
		});
	});
});

describe('createHealthReporter', () => {
	it('announces offline, rate limits and recovery once each, and not brief retries', () => {
		const report = createHealthReporter();
		const lines = [
			report({kind: 'connecting'}),
			report({kind: 'live'}),
			report({kind: 'retrying', since: 1, message: 'ECONNRESET'}),
			report({kind: 'live'}),
			report({kind: 'offline', since: 1, message: 'connect ECONNREFUSED 127.0.0.1:9'}),
			report({kind: 'retrying', since: 1, message: 'again'}),
			report({kind: 'offline', since: 1, message: 'still'}),
			report({kind: 'live'}),
			report({kind: 'rate_limited', until: Date.parse('2026-01-01T00:00:05Z')}),
			report({kind: 'rate_limited', until: Date.parse('2026-01-01T00:00:09Z')}),
			report({kind: 'live'}),
		].filter(line => line !== null);
		expect(lines).toEqual([
			'census-watch: offline: connect ECONNREFUSED 127.0.0.1:9; still trying',
			'census-watch: back online',
			'census-watch: rate-limited by the Census API; no requests until 2026-01-01T00:00:05Z',
			'census-watch: back online',
		]);
	});
});
