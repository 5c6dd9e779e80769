import {describe, expect, it} from 'vitest';
import {parseSyncRun} from '../../../source/census/parse.js';
import {runLine} from '../../../source/cli/modes/run-line.js';
import {runJson as apiRun} from '../../helpers/builders.js';
import {syncName} from '../../../source/runs/sync-label.js';

const AT = Date.parse('2026-11-29T14:03:22.789Z');

const line = (fields: Record<string, unknown>, syncLabel: string | null = 'Users → Salesforce Contacts') => {
	const run = parseSyncRun(apiRun({id: 8123, sync_id: 101, ...fields}));
	return runLine({id: run.id, run, notFound: false, syncLabel, at: AT});
};

describe('runLine', () => {
	it('says where a working run is: step n/7, records sent of the records to send (updates + deletes)', () => {
		expect(
			line({
				status: 'working',
				current_step: 'Unloading data from warehouse',
				records_processed: 12_000,
				source_record_count: 145_921,
				source_record_updates: 48_000,
				source_record_deletes: 2000,
			}),
		).toBe('2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): working, step 4/7 Unloading data from warehouse, 12,000/50,000 records sent');
	});

	it('leaves out what a queued run does not have yet', () => {
		expect(line({status: 'queued', current_step: null, source_record_updates: null, source_record_deletes: null, records_processed: null})).toBe(
			'2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): queued',
		);
	});

	it('gives a completed run its duration, its counts and its rejections', () => {
		expect(
			line({
				status: 'completed',
				current_step: 'Running Sync',
				completed_at: '2021-10-20T02:54:12.546Z',
				source_record_count: 145_921,
				source_record_updates: 49_000,
				source_record_deletes: 1000,
				records_processed: 50_000,
				records_failed: 12,
			}),
		).toBe('2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): completed in 3m 05s, 50,000/50,000 records sent, 12 rejected');
	});

	it('says at which step a run failed, after how long, and why', () => {
		expect(
			line({
				status: 'failed',
				current_step: 'Loading data into destination service',
				completed_at: '2021-10-20T02:52:09.546Z',
				source_record_updates: null,
				records_processed: null,
				error_code: 'destination_rate_limited',
				error_message: 'Salesforce said:\n too many requests',
			}),
		).toBe(
			'2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): failed at step 5/7 Loading data into destination service after 1m 02s, error destination_rate_limited: Salesforce said: too many requests',
		);
	});

	it('does not call the generic "Running sync" the place a run failed, and ends its duration at updated_at without completed_at', () => {
		// created 02:51:07.546, updated 02:52:29.236
		expect(line({status: 'failed', current_step: 'Running Sync', completed_at: null, source_record_updates: null, records_processed: null})).toBe(
			'2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): failed after 1m 21s',
		);
	});

	it('shows a run whose cancel was asked for, still working, as canceling with its step', () => {
		expect(line({status: 'working', canceled: true, completed_at: null, current_step: 'Loading data into destination service', source_record_updates: null})).toBe(
			'2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): canceling, step 5/7 Loading data into destination service',
		);
	});

	it('shows a canceled run as canceled, whatever its status says, at the step it was canceled at', () => {
		expect(line({status: 'completed', canceled: true, completed_at: '2021-10-20T02:51:49.546Z', source_record_updates: null, records_processed: null})).toBe(
			'2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): canceled at step 4/7 Unloading data from warehouse after 42s',
		);
	});

	it('shows an unknown status and step verbatim', () => {
		expect(line({status: 'rebalancing', current_step: 'Warming caches', source_record_updates: null, records_processed: null})).toBe(
			'2026-11-29T14:03:22Z run 8123 Users → Salesforce Contacts (sync 101): rebalancing, step Warming caches',
		);
	});

	it('names the sync by id when its label is not known', () => {
		expect(line({status: 'queued', current_step: null, source_record_updates: null, records_processed: null}, null)).toBe('2026-11-29T14:03:22Z run 8123 (sync 101): queued');
	});

	it('says not found for a run the API does not know', () => {
		expect(runLine({id: 77, run: null, notFound: true, syncLabel: null, at: AT})).toBe('2026-11-29T14:03:22Z run 77: not found');
	});

	it('keeps hostile text to one safe line', () => {
		const text = line({
			status: 'failed',
			current_step: null,
			source_record_count: null,
			completed_at: null,
			error_code: '\u001b]0;pwned\u0007X',
			error_message: `${'a'.repeat(300)}\n\u009b2J\u202e`,
		}, 'Evil\u001b[2J\r\nlabel\u202e');
		expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
		expect(text).toContain('run 8123 Evil label (sync 101)');
		expect(text).toContain('error X: aaaa');
		expect(text.length).toBeLessThan(300);
	});
});

describe('syncName', () => {
	it('takes the label, then the resource identifier, else nothing', () => {
		expect(syncName({label: 'Users', resourceIdentifier: 'sync:1'})).toBe('Users');
		expect(syncName({label: '  ', resourceIdentifier: 'sync:1'})).toBe('sync:1');
		expect(syncName({label: null, resourceIdentifier: null})).toBeNull();
		expect(syncName(undefined)).toBeNull();
	});
});
