import {describe, expect, it} from 'vitest';
import {incidentText} from '../../source/runs/incident-text.js';
import {makeRun} from '../helpers/builders.js';

describe('incidentText', () => {
	it('is a block that reads on its own: run, sync, status, step, counts, link, times in UTC, error in full', () => {
		const run = makeRun(1050, {
			syncId: 102,
			status: 'failed',
			currentStep: 'Unloading data from warehouse',
			sourceRecordCount: 10_451,
			sourceRecordUpdates: 186,
			recordsProcessed: null,
			recordsFailed: null,
			createdAt: '2026-11-29T07:12:12.000Z',
			completedAt: '2026-11-29T07:12:21.000Z',
			errorCode: 'warehouse_permission_denied',
			errorMessage: 'Census could not read\n   main.marts.ACCOUNTS_HEALTH.',
			errorDetail: "SQL compilation error:\nObject 'main.marts.ACCOUNTS_HEALTH' does not exist",
		});
		expect(incidentText({runId: 1050, run, syncLabel: 'Accounts → HubSpot Companies', webUrl: 'https://app.getcensus.com/syncs/102/overview'})).toBe(
			[
				'Census sync run 1050: failed',
				'Run:       1050',
				'Sync:      Accounts → HubSpot Companies (sync 102)',
				'Status:    failed',
				'Step:      4/7 Unloading data from warehouse',
				'Records:   source 10,451, updates 186, deletes 10, invalids 0, processed —, updated 1,000, failed —',
				'Started:   2026-11-29T07:12:12Z',
				'Completed: 2026-11-29T07:12:21Z',
				'Web app:   https://app.getcensus.com/syncs/102/overview',
				'Error:     warehouse_permission_denied - Permission denied (inferred)',
				'Message:   Census could not read main.marts.ACCOUNTS_HEALTH.',
				'Detail:',
				'  SQL compilation error:',
				"  Object 'main.marts.ACCOUNTS_HEALTH' does not exist",
			].join('\n'),
		);
	});

	it('sanitises what the API sent, and says — for what is missing', () => {
		const run = makeRun(7, {status: 'failed', errorCode: 'E\u001B[31m1', errorMessage: null, errorDetail: 'a\u001B]52;c;eA==\u0007b'});
		const text = incidentText({runId: 7, run, syncLabel: null, webUrl: null});
		expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		expect(text).toContain('Sync:      (sync 101)');
		expect(text).toContain('Web app:   —');
		expect(text).toContain('Message:   —');
	});

	it('is empty for a run not loaded yet', () => {
		expect(incidentText({runId: 7, run: null, syncLabel: null, webUrl: null})).toBe('');
	});
});
