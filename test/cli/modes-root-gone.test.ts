import {describe, expect, it} from 'vitest';
import {EXIT_ROOT_GONE} from '../../source/cli/exit-codes.js';
import {runExitStatus} from '../../source/cli/modes/exit-status.js';
import {runOnce} from '../../source/cli/modes/once.js';
import {runJson as apiRun, syncJson} from '../helpers/builders.js';
import {success} from '../census/helpers.js';
import {harnessPerTest} from './modes-fixture.js';

// --once and --exit-status when the API root is gone: one line and exit 3, never "not found" runs.

const start = harnessPerTest();

const notFound = {status: 404, body: {status: 404}};

describe('a gone API root', () => {
	it('--once against a base URL that answers 404 everywhere: one line, exit 3, no "not found" rows', async () => {
		// Before v1's retirement day: from then on, a v1 root without a sync list reads as retired.
		const h = await start({watch: {runIds: [1, 2], syncIds: [5]}, clientNow: () => Date.UTC(2026, 11, 6)});
		for (const path of ['/sync_runs/1', '/sync_runs/2', '/syncs/5/sync_runs', '/syncs']) h.server.on('GET', path, notFound);
		expect(await runOnce(h.ctx)).toBe(EXIT_ROOT_GONE);
		expect(h.stdout.text()).toBe('');
		expect(h.stderr.lines()).toEqual([`census-watch: no Census API at ${h.ctx.api.baseUrl}: check --base-url`]);
	});

	it('--once against a retired v1 (410): the retirement line, exit 3', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', {status: 410, body: {message: 'Gone'}});
		expect(await runOnce(h.ctx)).toBe(EXIT_ROOT_GONE);
		expect(h.stderr.lines()).toEqual([
			'census-watch: Census API v1 has been retired on 2027-01-15: create an Activations personal access token and use --api v2',
		]);
	});

	it('--once: a run that answers 404 from a root that works is "not found"', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', notFound);
		h.server.on('GET', '/syncs', success([syncJson({id: 52})], {pagination: {page: 1, per_page: 1, next_page: null, last_page: 1, prev_page: null, total_records: 1}}));
		await runOnce(h.ctx);
		expect(h.stdout.text()).toMatch(/^not found\s+1\b/m);
		expect(h.server.hitsOf('GET', '/syncs')).toHaveLength(1);
	});

	it('--exit-status: the root goes away while waiting (a redirect to v2): one line, exit 3', async () => {
		const h = await start({watch: {runIds: [1]}});
		h.server.on('GET', '/sync_runs/1', success(apiRun({id: 1, status: 'working'})), {status: 308, headers: {location: '/api/v2/sync_runs/1'}});
		h.server.on('GET', '/syncs/52', success(syncJson()));
		expect(await runExitStatus(h.ctx)).toBe(EXIT_ROOT_GONE);
		expect(h.stderr.lines().at(-1)).toBe(
			'census-watch: Census API v1 has been retired on 2027-01-15: create an Activations personal access token and use --api v2',
		);
	});
});
