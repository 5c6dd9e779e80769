import {describe, expect, it} from 'vitest';
import {
	errorBodyMessage,
	parseCancelAnswer,
	parseEnvelope,
	parseJsonBody,
	parsePage,
	parsePagination,
	parseSync,
	parseSyncRun,
	parseTriggerAnswer,
	shortText,
} from '../../source/census/parse.js';
import {RUN_94_COUNTS, runJson, syncJson} from '../helpers/builders.js';
import {thrown} from './helpers.js';

// The example answer of "Fetch sync run" in the API reference (/work/shared/seeds), verbatim.
const SEED_ANSWER = `{
"status": "success",
"data": {
"id": 94,
"sync_id": 52,
"source_record_count": 15,
"source_record_updates": 12,
"source_record_deletes": 2,
"source_record_invalids": 1,
"records_processed": 14,
"records_updated": 13,
"records_failed": 1,
"created_at": "2021-10-20T02:51:07.546Z",
"updated_at": "2021-10-20T02:52:29.236Z",
"completed_at": "2021-10-20T02:52:29.234Z",
"scheduled_execution_time": "2021-10-20T02:52:29.234Z",
"error_code": "JSON_ARRAY_ERROR",
"error_message": "The array field being used does not appear to be valid JSON...",
"error_detail": "Please make sure the field \\"custom_field:Users\\" with value \\"jim\\" is formatted as a JSON Array...",
"status": "completed",
"canceled": false,
"full_sync": true,
"current_step": "Running Sync"
}
}`;

describe('parseSyncRun', () => {
	it("parses the reference's example run field for field", () => {
		const body = parseJsonBody(SEED_ANSWER);
		const envelope = parseEnvelope(body);
		const run = parseSyncRun(envelope.data);
		expect(run).toEqual({
			id: 94,
			syncId: 52,
			status: 'completed',
			canceled: false,
			fullSync: true,
			currentStep: 'Running Sync',
			createdAt: '2021-10-20T02:51:07.546Z',
			updatedAt: '2021-10-20T02:52:29.236Z',
			completedAt: '2021-10-20T02:52:29.234Z',
			scheduledExecutionTime: '2021-10-20T02:52:29.234Z',
			...RUN_94_COUNTS,
			errorCode: 'JSON_ARRAY_ERROR',
			errorMessage: 'The array field being used does not appear to be valid JSON...',
			errorDetail: 'Please make sure the field "custom_field:Users" with value "jim" is formatted as a JSON Array...',
			triggerReason: null,
			raw: envelope.data,
		});
		expect(envelope.status).toBe('success');
	});

	it('keeps the data object exactly as received in raw, extra fields included', () => {
		const data = runJson({surprise: {nested: [1, 2]}, another_new_field: 'x'});
		const run = parseSyncRun(data);
		expect(run.raw).toEqual(data);
		expect(run.raw['surprise']).toEqual({nested: [1, 2]});
		expect(run.id).toBe(94);
	});

	it('keeps null counts as null (not 0)', () => {
		const run = parseSyncRun(runJson({source_record_count: null, records_processed: null}));
		expect(run.sourceRecordCount).toBeNull();
		expect(run.recordsProcessed).toBeNull();
	});

	it('reads absent counts and texts as null', () => {
		const run = parseSyncRun({id: 1, sync_id: 2, status: 'queued'});
		expect(run).toMatchObject({
			sourceRecordCount: null,
			recordsFailed: null,
			createdAt: null,
			errorMessage: null,
			currentStep: null,
			canceled: false,
			fullSync: false,
		});
	});

	it('turns counts and texts of the wrong type into null instead of failing', () => {
		const run = parseSyncRun(runJson({records_processed: '12', records_failed: -3, source_record_count: 1.5, error_message: 42}));
		expect(run.recordsProcessed).toBeNull();
		expect(run.recordsFailed).toBeNull();
		expect(run.sourceRecordCount).toBeNull();
		expect(run.errorMessage).toBeNull();
	});

	it('keeps counts of 10^12 and beyond exactly', () => {
		const run = parseSyncRun(parseJsonBody(JSON.stringify(runJson({source_record_count: 1_000_000_000_000, records_processed: 9_007_199_254_740_991}))));
		expect(run.sourceRecordCount).toBe(1_000_000_000_000);
		expect(run.recordsProcessed).toBe(9_007_199_254_740_991);
	});

	it('keeps an unknown status and an unknown step verbatim', () => {
		const run = parseSyncRun(runJson({status: 'Paused-By-Ops ✋', current_step: 'Warming the cache'}));
		expect(run.status).toBe('Paused-By-Ops ✋');
		expect(run.currentStep).toBe('Warming the cache');
	});

	it('reads a null current_step as null', () => {
		expect(parseSyncRun(runJson({current_step: null})).currentStep).toBeNull();
	});

	it('falls back to the legacy records_invalid', () => {
		expect(parseSyncRun(runJson({source_record_invalids: undefined, records_invalid: 7})).sourceRecordInvalids).toBe(7);
		expect(parseSyncRun(runJson({source_record_invalids: null, records_invalid: 7})).sourceRecordInvalids).toBe(7);
		expect(parseSyncRun(runJson({source_record_invalids: 3, records_invalid: 7})).sourceRecordInvalids).toBe(3);
	});

	it('reads canceled and the trigger reason', () => {
		const run = parseSyncRun(
			runJson({status: 'completed', canceled: true, sync_trigger_reason: {ui_tag: 'Manual', ui_detail: 'Manually triggered by a@b.com'}}),
		);
		expect(run.canceled).toBe(true);
		expect(run.triggerReason).toEqual({uiTag: 'Manual', uiDetail: 'Manually triggered by a@b.com'});
	});

	it.each([
		['a string id', {id: '94'}, '"id" is missing or not a positive integer'],
		['a fractional id', {id: 94.5}, '"id" is missing or not a positive integer'],
		['a missing sync_id', {sync_id: undefined}, '"sync_id" is missing or not a positive integer'],
		['a numeric status', {status: 3}, '"status" is missing or not a string'],
		['a null status', {status: null}, '"status" is missing or not a string'],
	])('rejects %s as bad_response naming the field', (_name, overrides, message) => {
		const error = thrown(() => parseSyncRun(runJson(overrides)));
		expect(error.kind).toBe('bad_response');
		expect(error.message).toBe(`sync run: ${message}`);
	});

	it('rejects an array or null as bad_response', () => {
		expect(thrown(() => parseSyncRun([])).message).toBe('sync run is not a JSON object');
		expect(thrown(() => parseSyncRun(null)).kind).toBe('bad_response');
	});
});

describe('parseSync', () => {
	it('reads the fields a watcher shows', () => {
		expect(parseSync(syncJson())).toEqual({
			id: 52,
			label: 'Users to Salesforce',
			resourceIdentifier: 'sync:52',
			status: 'Ready',
			paused: false,
			operation: 'upsert',
			sourceConnectionId: 7,
			sourceObject: 'users_model',
			destinationConnectionId: 9,
			destinationObject: 'contact',
			scheduleFrequency: 'hourly',
		});
	});

	it('falls back to the legacy schedule_frequency', () => {
		expect(parseSync(syncJson({mode: undefined, schedule_frequency: 'daily'})).scheduleFrequency).toBe('daily');
		expect(parseSync(syncJson({mode: {triggers: {}}, schedule_frequency: 'weekly'})).scheduleFrequency).toBe('weekly');
	});

	it('names a table source by schema and table', () => {
		const sync = parseSync(syncJson({source_attributes: {connection_id: 7, object: {type: 'table', table_schema: 'public', table_name: 'users'}}}));
		expect(sync.sourceObject).toBe('public.users');
		const withCatalog = parseSync(
			syncJson({source_attributes: {connection_id: 7, object: {type: 'table', table_catalog: 'ANALYTICS', table_schema: 'PUBLIC', table_name: 'USERS'}}}),
		);
		expect(withCatalog.sourceObject).toBe('ANALYTICS.PUBLIC.USERS');
	});

	it('keeps a null label as null and tolerates missing attributes', () => {
		const sync = parseSync({id: 3, label: null});
		expect(sync).toMatchObject({label: null, sourceObject: null, destinationConnectionId: null, paused: null, scheduleFrequency: null});
	});

	it('rejects a sync without an integer id', () => {
		const error = thrown(() => parseSync(syncJson({id: null}), 'syncs[2]'));
		expect(error.kind).toBe('bad_response');
		expect(error.message).toBe('syncs[2]: "id" is missing or not a positive integer');
	});
});

describe('parsePagination', () => {
	it('reads every field', () => {
		expect(parsePagination({total_records: 60, per_page: 25, prev_page: null, page: 1, next_page: 2, last_page: 3})).toEqual({
			totalRecords: 60,
			perPage: 25,
			prevPage: null,
			page: 1,
			nextPage: 2,
			lastPage: 3,
		});
	});

	it('is null when absent or not an object, and nulls fields of the wrong type', () => {
		expect(parsePagination(undefined)).toBeNull();
		expect(parsePagination('page 2')).toBeNull();
		expect(parsePagination({next_page: '2'})?.nextPage).toBeNull();
	});
});

describe('parsePage', () => {
	it('parses each item and the pagination', () => {
		const page = parsePage({status: 'success', data: [runJson({id: 1}), runJson({id: 2})], pagination: {page: 1}}, parseSyncRun, 'sync runs');
		expect(page.items.map(run => run.id)).toEqual([1, 2]);
		expect(page.pagination?.page).toBe(1);
	});

	it('fails the page on one malformed item, naming its index', () => {
		const error = thrown(() => parsePage({status: 'success', data: [runJson(), runJson({id: 'x'})]}, parseSyncRun, 'sync runs'));
		expect(error.message).toBe('sync runs[1]: "id" is missing or not a positive integer');
	});

	it('rejects data that is not a list', () => {
		expect(thrown(() => parsePage({status: 'success', data: {}}, parseSyncRun, 'sync runs')).message).toBe('sync runs: "data" is not a list');
	});
});

describe('parseEnvelope', () => {
	it('does not confuse the envelope status with a run status', () => {
		const envelope = parseEnvelope({status: 'success', data: runJson({status: 'failed'})});
		expect(envelope.status).toBe('success');
		expect(parseSyncRun(envelope.data).status).toBe('failed');
	});

	it('turns an "error" envelope into a client error carrying the message', () => {
		const error = thrown(() => parseEnvelope({status: 'error', message: 'Sync is paused'}));
		expect(error.kind).toBe('client');
		expect(error.message).toBe('the API refused: Sync is paused');
	});

	it('rejects a body that is not an object', () => {
		expect(thrown(() => parseEnvelope([1])).kind).toBe('bad_response');
	});
});

describe('parseTriggerAnswer and parseCancelAnswer', () => {
	it('reads sync_run_id', () => {
		expect(parseTriggerAnswer({status: 'success', data: {sync_run_id: 123}})).toEqual({syncRunId: 123});
	});

	it.each([{}, {sync_run_id: '123'}, {sync_run_id: null}])('rejects a trigger answer with data %j', data => {
		expect(thrown(() => parseTriggerAnswer({status: 'success', data})).kind).toBe('bad_response');
	});

	it.each(['cancelled', 'canceled', 'success'])('accepts a cancel answer with envelope status %s', status => {
		expect(() => {
			parseCancelAnswer({status, data: {}});
		}).not.toThrow();
	});

	it('rejects a cancel answer with another envelope status', () => {
		const error = thrown(() => {
			parseCancelAnswer({status: 'pending', data: {}});
		});
		expect(error.kind).toBe('bad_response');
		expect(error.message).toBe('cancel answer: unexpected status "pending"');
	});
});

describe('parseJsonBody', () => {
	it('tells truncated JSON apart from something that is not JSON', () => {
		expect(thrown(() => parseJsonBody('{"status": "success", "data": {"id": 9')).message).toBe('the answer is truncated JSON');
		expect(thrown(() => parseJsonBody('{"status": "succ')).message).toBe('the answer is truncated JSON');
		expect(thrown(() => parseJsonBody('<html><body>Bad gateway</body></html>')).message).toBe('the answer is an HTML page, not JSON');
		expect(thrown(() => parseJsonBody('Bad gateway')).message).toBe('the answer is not JSON: Bad gateway');
		expect(thrown(() => parseJsonBody('')).kind).toBe('bad_response');
	});
});

describe('errorBodyMessage', () => {
	it('uses the message of a JSON body', () => {
		expect(errorBodyMessage('{"status":"error","message":"Sync not found"}')).toBe('Sync not found');
	});

	it('uses the message of a body whose status is Census\'s integer', () => {
		expect(errorBodyMessage('{"status": 401, "message": "Invalid token"}')).toBe('Invalid token');
	});

	it('names a proxy\'s HTML page instead of quoting its markup', () => {
		expect(errorBodyMessage('<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head></html>')).toBe('an HTML error page');
		expect(errorBodyMessage('\n  <html>\r\n<body>Bad gateway</body></html>')).toBe('an HTML error page');
		expect(errorBodyMessage('<h1>502 Bad Gateway</h1>')).toBe('an HTML error page');
	});

	it('is null for a body that says nothing, like {"status": 404}', () => {
		expect(errorBodyMessage('{"status":404}')).toBeNull();
		expect(errorBodyMessage('')).toBeNull();
	});

	it('keeps raw text, flattened to one line and cut to 200 characters', () => {
		expect(errorBodyMessage('Bad\ngateway\u001b[31m  upstream')).toBe('Bad gateway [31m upstream');
		const long = errorBodyMessage('x'.repeat(5000));
		expect(long).toHaveLength(200);
		expect(long?.endsWith('…')).toBe(true);
	});
});

describe('shortText', () => {
	it('never cuts a surrogate pair in half', () => {
		expect(shortText(`${'a'.repeat(8)}😀😀`, 10)).toBe(`${'a'.repeat(8)}…`);
	});
});
