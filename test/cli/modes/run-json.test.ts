import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseSyncRun} from '../../../source/census/parse.js';
import {runJson, stringifyJsonForTerminal} from '../../../source/cli/modes/run-json.js';
import {runJson as apiRun} from '../../helpers/builders.js';

const OBSERVED_AT = Date.parse('2021-10-20T03:00:00.000Z');
const WEB = {baseUrl: 'https://app.getcensus.com/api/v1', workspaceId: null};

const derive = (data: Record<string, unknown>, extra: Partial<Parameters<typeof runJson>[0]> = {}) => {
	const run = parseSyncRun(data);
	return runJson({id: run.id, run, notFound: false, syncLabel: 'Users → Salesforce', observedAt: OBSERVED_AT, web: WEB, ...extra});
};

// Characters a terminal acts on or reorders, which must never appear raw in the output.
const RAW_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/;

describe('runJson', () => {
	it('keeps the API object itself under `run`, unknown fields and all', () => {
		const data = apiRun({extra_field: {nested: [1, 'two', null]}, status: 'mystery', records_processed: 1e12});
		const run = parseSyncRun(data);
		const result = runJson({id: run.id, run, notFound: false, syncLabel: null, observedAt: OBSERVED_AT, web: WEB});
		expect(result.run).toBe(run.raw);
		expect(JSON.parse(stringifyJsonForTerminal(result)).run).toEqual(data);
	});

	it('derives phase, step, duration, verdict and link for a working run', () => {
		const {derived} = derive(apiRun({id: 94, sync_id: 52, status: 'working', current_step: 'unloading data from WAREHOUSE'}));
		expect(derived).toEqual({
			run_id: 94,
			sync_id: 52,
			sync_label: 'Users → Salesforce',
			group_id: null,
			phase: 'working',
			ended: false,
			verdict: 'pending',
			step_index: 4,
			step_count: 7,
			step_kind: 'ordered',
			records_to_send: 14,
			records_processed: null,
			records_updated: null,
			records_failed: null,
			progress_fraction: null,
			ended_at: null,
			// created 02:51:07.546, observed 03:00:00.000
			duration_ms: 532_454,
			web_url: 'https://app.getcensus.com/syncs/52/history?sync_run_id=94',
			observed_at: '2021-10-20T03:00:00.000Z',
		});
	});

	it('measures an ended run from created_at to completed_at, not to when it was seen', () => {
		const {derived} = derive(apiRun({status: 'failed', current_step: 'Running Sync', completed_at: '2021-10-20T02:52:07.546Z'}));
		expect(derived).toMatchObject({
			phase: 'failed',
			ended: true,
			verdict: 'not_completed',
			duration_ms: 60_000,
			ended_at: '2021-10-20T02:52:07.546Z',
			step_index: null,
			step_kind: 'none',
		});
	});

	it('ends a failed run without completed_at at updated_at, however late it is seen', () => {
		const data = apiRun({status: 'failed', current_step: 'Running sync', completed_at: null});
		const early = derive(data).derived;
		const late = derive(data, {observedAt: OBSERVED_AT + 86_400_000}).derived;
		expect(early).toMatchObject({ended: true, ended_at: '2021-10-20T02:52:29.236Z', duration_ms: 81_690});
		expect(late.duration_ms).toBe(81_690);
	});

	it('gives progress as records processed of the records to send, and a completed run as done at step 7', () => {
		const {derived} = derive(
			apiRun({status: 'completed', current_step: 'Running Sync', completed_at: '2021-10-20T02:52:29.234Z', records_processed: 14, records_updated: 13, records_failed: 1}),
		);
		expect(derived).toMatchObject({
			step_index: 7,
			step_kind: 'done',
			records_to_send: 14,
			records_processed: 14,
			records_updated: 13,
			records_failed: 1,
			progress_fraction: 1,
		});
	});

	it('keeps a canceling run going: not ended, its duration runs to when it was seen', () => {
		const {derived} = derive(apiRun({status: 'working', canceled: true, completed_at: null}));
		expect(derived).toMatchObject({phase: 'canceling', ended: false, verdict: 'pending', ended_at: null, duration_ms: 532_454});
	});

	it('reads a canceled run as canceled whatever its status says', () => {
		expect(derive(apiRun({status: 'completed', canceled: true})).derived).toMatchObject({phase: 'canceled', verdict: 'not_completed'});
	});

	it('uses the workspace link when a workspace id is known', () => {
		const {derived} = derive(apiRun({id: 5, sync_id: 6}), {web: {region: 'eu', workspaceId: '77'}});
		expect(derived.web_url).toBe('https://app-eu.getcensus.com/workspaces/77/syncs/6/sync-history');
	});

	it('gives a run the API does not know as null with the id asked for', () => {
		const result = runJson({id: 404, run: null, notFound: true, syncLabel: null, observedAt: OBSERVED_AT, web: WEB});
		expect(result.run).toBeNull();
		expect(result.derived).toMatchObject({run_id: 404, sync_id: null, phase: 'not_found', ended: false, verdict: 'not_completed', duration_ms: null, web_url: null});
	});
});

describe('stringifyJsonForTerminal', () => {
	it('escapes C1 controls, bidi controls, separators and tag characters, keeping the values', () => {
		const hostile = {
			csi8: 'a\u009b2Jb',
			osc8: '\u009d0;title\u009c',
			bidi: 'abc\u202edcba\u2066x\u2069',
			separators: 'line\u2028para\u2029',
			tag: 'hi\udb40\udc41\udb40\udc7f',
			esc: '\u001b[31mred\u0007',
			invisible: '\u200b\ufeff\u00ad',
		};
		const text = stringifyJsonForTerminal(hostile, 2);
		expect(text).not.toMatch(RAW_UNSAFE);
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
		expect(text).toContain('"a\\u009b2Jb"');
		expect(text).toContain('\\udb40\\udc41');
		expect(JSON.parse(text)).toEqual(hostile);
	});

	it('leaves ordinary text, emoji and joiners alone', () => {
		const value = {label: 'Users → Salesforce Contacts 👩‍💻 café 東京'};
		expect(stringifyJsonForTerminal(value)).toBe(JSON.stringify(value));
	});

	it('keeps large counts exact', () => {
		expect(stringifyJsonForTerminal({records_processed: 1e12, big: 9_007_199_254_740_991})).toBe('{"records_processed":1000000000000,"big":9007199254740991}');
	});

	it('is valid JSON with the same values, free of raw terminal controls, for any JSON value', () => {
		fc.assert(
			fc.property(fc.jsonValue({maxDepth: 3}), fc.string({unit: 'binary'}), (value, text) => {
				const document = {value, text};
				const output = stringifyJsonForTerminal(document, 2);
				expect(output).not.toMatch(RAW_UNSAFE);
				expect(JSON.stringify(JSON.parse(output))).toBe(JSON.stringify(document));
			}),
			{numRuns: 300},
		);
	});
});
