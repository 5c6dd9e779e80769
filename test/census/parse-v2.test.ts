import {describe, expect, it} from 'vitest';
import {parsePage, parseSync, parseSyncRun} from '../../source/census/parse.js';
import {runJson, syncJson} from '../helpers/builders.js';

// v2's answers as far as they are known or inferred (see the "API v2" notes): read without failing.

describe('v2 shapes', () => {
	it('gives a run of a sync\'s run list without sync_id the sync id of the path, and keeps the rest untouched', () => {
		const {sync_id: _dropped, ...withoutSyncId} = runJson({id: 95, group_id: 'wandering_aimlessly', activation_id: 'act_1'});
		const page = parsePage({status: 'success', data: [withoutSyncId]}, (item, where) => parseSyncRun(item, where, 52), 'sync runs');
		expect(page.items[0]).toMatchObject({id: 95, syncId: 52, groupId: 'wandering_aimlessly'});
		expect(page.items[0]?.raw).toEqual(withoutSyncId);
	});

	it('still refuses a fetched run without sync_id: there is no path to take it from', () => {
		const {sync_id: _dropped, ...withoutSyncId} = runJson();
		expect(() => parseSyncRun(withoutSyncId)).toThrow('"sync_id" is missing');
	});

	it('shows a text sync_trigger_reason as its text', () => {
		expect(parseSyncRun(runJson({sync_trigger_reason: 'Triggered by the API'})).triggerReason).toEqual({uiTag: 'Triggered by the API', uiDetail: null});
		expect(parseSyncRun(runJson({sync_trigger_reason: '  '})).triggerReason).toBeNull();
	});

	it('reads group_id only as a non-empty string, and leaves it out on v1', () => {
		expect(parseSyncRun(runJson()).groupId).toBeUndefined();
		expect(parseSyncRun(runJson({group_id: 42})).groupId).toBeUndefined();
		expect(parseSync(syncJson({group_id: 'wandering_aimlessly'})).groupId).toBe('wandering_aimlessly');
	});

	it('takes string activation ids as they are and v1\'s integers as before', () => {
		expect(parseSync(syncJson({destination_attributes: {connection_id: 'act_9f2c', object: 'contact'}})).destinationConnectionId).toBe('act_9f2c');
		expect(parseSync(syncJson()).destinationConnectionId).toBe(9);
	});
});
