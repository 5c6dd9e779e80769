import {describe, expect, it} from 'vitest';
import {EXIT_API_UNREACHABLE, EXIT_OK, EXIT_TOKEN_REJECTED} from '../../source/cli/exit-codes.js';
import {checkFields, doctorExitCode, formatDoctorTable, reportStep, versionReport, type Answer, type StepInput} from '../../source/cli/modes/doctor-report.js';

const ROOT = 'https://app.getcensus.com/api/v1';

const answer = (status: number | null, json: unknown, extra: Partial<Answer> = {}): Answer => ({
	request: '/syncs?per_page=1',
	status,
	durationMs: 12.4,
	headers: {},
	json,
	problem: status === null ? 'network error (ECONNREFUSED)' : null,
	...extra,
});

const list = (step: StepInput['step'], value: Answer, kind: StepInput['kind'] = 'sync') => reportStep({step, answer: value, list: true, kind});
const one = (step: StepInput['step'], value: Answer, kind: StepInput['kind']) => reportStep({step, answer: value, list: false, kind});

const RUN = {id: 94, sync_id: 52, status: 'working', canceled: false, full_sync: false, created_at: '2021-10-20T02:51:07.546Z'};
const SYNC = {id: 52, label: 'Users', status: 'Ready', paused: false, operation: 'upsert', source_attributes: {}, destination_attributes: {}};
const page = (item: unknown) => ({status: 'success', data: [item], pagination: {page: 1, last_page: 3, per_page: 1, total_records: 3}});

describe('checkFields', () => {
	it('sorts fields into present, missing, of another type and new', () => {
		const check = checkFields({...RUN, id: '94', status: 'working', records_processed: 1.5, group_id: 'g', sync_trigger_reason: 'API'}, {
			id: {type: 'integer'},
			status: {type: 'string'},
			records_processed: {type: 'integer', nullable: true},
			completed_at: {type: 'string', nullable: true},
			sync_trigger_reason: {type: 'object', nullable: true},
		}, new Set(['sync_id', 'canceled', 'full_sync', 'created_at']));
		expect(check).toEqual({
			present: ['status', 'sync_trigger_reason'],
			missing: ['completed_at'],
			otherType: ['id: expected integer, got string', 'records_processed: expected integer or null, got number'],
			unexpected: ['group_id'],
		});
	});
});

describe('reportStep', () => {
	it('reads the envelope, the pagination and the first item of a list', () => {
		const report = list('list syncs', answer(200, page(SYNC), {headers: {sunset: 'Fri, 15 Jan 2027 00:00:00 GMT'}}));
		expect(report).toMatchObject({
			status: 200,
			durationMs: 12,
			envelope: 'success',
			pagination: 'page 1 of 3 (per_page 1, 3 in all)',
			fields: {missing: [], otherType: [], unexpected: []},
			headers: {sunset: 'Fri, 15 Jan 2027 00:00:00 GMT'},
			problem: null,
		});
	});

	it('keeps what an error answer said, in one short line', () => {
		expect(list('list syncs', answer(401, {status: 401, message: 'bad\ntoken'})).problem).toBe('bad token');
		expect(list('list syncs', answer(200, {status: 'success', data: []})).problem).toBe('the list is empty');
	});
});

describe('versionReport', () => {
	const failedWith = (status: number | null, json: unknown = {}, extra: Partial<Answer> = {}) =>
		versionReport('v1', ROOT, [list('list syncs', answer(status, json, extra))], null);

	it('names what a failed sync list says about the whole version', () => {
		expect(failedWith(410).summary).toBe('v1 retired');
		expect(failedWith(401, {status: 401, message: 'API v1 has been retired; use v2'}).verdict).toBe('retired');
		expect(failedWith(308, {}, {headers: {location: 'https://app.getcensus.com/api/v2/syncs'}}).verdict).toBe('retired');
		expect(failedWith(401, {status: 401}).summary).toBe('v1 rejects this token');
		expect(failedWith(404, {status: 404}).summary).toBe(`no Census API v1 at ${ROOT}: check --base-url`);
		expect(failedWith(null).verdict).toBe('unreachable');
		expect(failedWith(503).verdict).toBe('unreachable');
	});

	it('says a version works only when all four reads did, with the fields a watcher needs', () => {
		const steps = [
			list('list syncs', answer(200, page(SYNC))),
			one('fetch sync', answer(200, {status: 'success', data: SYNC}), 'sync'),
			list('list runs', answer(200, page(RUN)), 'run'),
			one('fetch run', answer(200, {status: 'success', data: RUN}), 'run'),
		];
		expect(versionReport('v1', ROOT, steps, null).summary).toBe('v1 works for watching');
		expect(versionReport('v1', ROOT, steps.slice(0, 3), null).verdict).toBe('works_partly');
		const noStatus = one('fetch run', answer(200, {status: 'success', data: {...RUN, status: undefined, state: 'working'}}), 'run');
		expect(versionReport('v1', ROOT, [...steps.slice(0, 3), noStatus], null).verdict).toBe('broken');
	});
});

describe('doctorExitCode and the table', () => {
	const verdictOf = (status: number | null) => versionReport('v2', ROOT, [list('list syncs', answer(status, {}))], null);

	it('exits 0 when a checked version works, 3 when rejected or gone, 4 when nothing answered', () => {
		const works = versionReport('v2', ROOT, [list('list syncs', answer(200, page(SYNC)))], null);
		expect(doctorExitCode([works, verdictOf(401)])).toBe(EXIT_OK);
		expect(doctorExitCode([verdictOf(401), verdictOf(410)])).toBe(EXIT_TOKEN_REJECTED);
		expect(doctorExitCode([verdictOf(null), verdictOf(null)])).toBe(EXIT_API_UNREACHABLE);
	});

	it('prints a line per request and the verdict last', () => {
		const report = {versions: [verdictOf(410)], exitCode: doctorExitCode([verdictOf(410)])};
		const lines = formatDoctorTable(report);
		expect(lines[0]).toBe(`API v2 at ${ROOT}`);
		expect(lines[1]).toMatch(/^ {2}list syncs +GET \/syncs\?per_page=1 +410 +12 ms {2}envelope none$/);
		expect(lines.at(-2)).toBe('  verdict: v2 retired');
	});
});
