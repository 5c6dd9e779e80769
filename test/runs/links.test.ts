import {describe, expect, it} from 'vitest';
import {runWebUrl, syncWebUrl, webAppOrigin} from '../../source/runs/links.js';

describe('webAppOrigin', () => {
	it('maps each region to its web app', () => {
		expect(webAppOrigin({})).toBe('https://app.getcensus.com');
		expect(webAppOrigin({region: 'us'})).toBe('https://app.getcensus.com');
		expect(webAppOrigin({region: 'eu'})).toBe('https://app-eu.getcensus.com');
	});

	it('takes the origin of an explicit API root, which wins over the region', () => {
		expect(webAppOrigin({baseUrl: 'https://app.getcensus.com/api/v1'})).toBe('https://app.getcensus.com');
		expect(webAppOrigin({region: 'us', baseUrl: 'https://app-eu.getcensus.com/api/v1/'})).toBe('https://app-eu.getcensus.com');
		expect(webAppOrigin({baseUrl: 'http://127.0.0.1:4010/api/v1'})).toBe('http://127.0.0.1:4010');
	});

	it('is null for a root that is not an http(s) URL', () => {
		expect(webAppOrigin({baseUrl: 'not a url'})).toBeNull();
		expect(webAppOrigin({baseUrl: 'file:///etc/passwd'})).toBeNull();
		expect(webAppOrigin({region: 'mars' as 'us'})).toBeNull();
	});
});

describe('syncWebUrl', () => {
	it('links the sync history with a workspace id', () => {
		expect(syncWebUrl({region: 'eu', workspaceId: 42, syncId: 7})).toBe('https://app-eu.getcensus.com/workspaces/42/syncs/7/sync-history');
	});

	it('links the sync overview without one', () => {
		expect(syncWebUrl({syncId: 7})).toBe('https://app.getcensus.com/syncs/7/overview');
		expect(syncWebUrl({syncId: 7, workspaceId: '  '})).toBe('https://app.getcensus.com/syncs/7/overview');
	});

	it('percent-encodes a workspace id from config', () => {
		expect(syncWebUrl({syncId: 7, workspaceId: 'a/b?c'})).toBe('https://app.getcensus.com/workspaces/a%2Fb%3Fc/syncs/7/sync-history');
	});

	it('is null for an id that is not a positive integer', () => {
		expect(syncWebUrl({syncId: 0})).toBeNull();
		expect(syncWebUrl({syncId: 1.5})).toBeNull();
		expect(syncWebUrl({syncId: Number.NaN})).toBeNull();
	});
});

describe('runWebUrl', () => {
	it('links the sync history with a workspace id', () => {
		expect(runWebUrl({workspaceId: 42, syncId: 7, runId: 99})).toBe('https://app.getcensus.com/workspaces/42/syncs/7/sync-history');
	});

	it('links the run by query without a workspace id (best effort)', () => {
		expect(runWebUrl({syncId: 7, runId: 99})).toBe('https://app.getcensus.com/syncs/7/history?sync_run_id=99');
		expect(runWebUrl({region: 'eu', syncId: 7, runId: 99})).toBe('https://app-eu.getcensus.com/syncs/7/history?sync_run_id=99');
	});

	it('uses the simulator origin for a custom base URL', () => {
		expect(runWebUrl({baseUrl: 'http://127.0.0.1:4010/api/v1', syncId: 7, runId: 99})).toBe('http://127.0.0.1:4010/syncs/7/history?sync_run_id=99');
	});

	it('is null for ids that are not positive integers', () => {
		expect(runWebUrl({syncId: 7, runId: -1})).toBeNull();
		expect(runWebUrl({syncId: -7, runId: 1})).toBeNull();
		expect(runWebUrl({syncId: 7, runId: 0, workspaceId: 42})).toBeNull();
	});
});
