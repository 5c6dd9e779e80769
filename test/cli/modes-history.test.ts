import {afterEach, describe, expect, it} from 'vitest';
import {EXIT_OK} from '../../source/cli/exit-codes.js';
import {parseCommandLine, UsageError} from '../../source/cli/flags.js';
import {lookAtHistories} from '../../source/cli/modes/history-look.js';
import {runOnce} from '../../source/cli/modes/once.js';
import {runPlain} from '../../source/cli/modes/plain.js';
import {runJson as apiRun, syncJson} from '../helpers/builders.js';
import {success} from '../census/helpers.js';
import {harness, listAnswer, type Harness} from './modes-fixture.js';

// `--once --history N` over a scripted API: one page of the sync's runs (per_page N), the figures per
// sync, and the regression of a run shown, in text and in JSON. Fixed dates, every run ended (no figure
// depends on the clock); times are printed in UTC.

let current: Harness | null = null;
afterEach(async () => {
	await current?.close();
	current = null;
});

const HOUR = 3_600_000;
const BASE = Date.parse('2026-11-29T00:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/** Run 100 + index of sync 52, hourly; the newest (index 8) took 40 minutes where the others took 10. */
const runs = Array.from({length: 9}, (_, index) =>
	apiRun({
		id: 100 + index,
		sync_id: 52,
		status: index === 2 ? 'failed' : 'completed',
		created_at: iso(BASE + index * HOUR),
		updated_at: iso(BASE + index * HOUR + (index === 8 ? 40 : 10) * 60_000),
		completed_at: iso(BASE + index * HOUR + (index === 8 ? 40 : 10) * 60_000),
	}),
).reverse();

async function start(json: boolean): Promise<Harness> {
	current = await harness({watch: {runIds: [108]}, settings: {json, historyRuns: 20}});
	current.server.on('GET', '/sync_runs/108', success(runs[0]!));
	current.server.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Orders'})));
	current.server.on('GET', '/syncs/52/sync_runs', listAnswer(runs));
	return current;
}

describe('--once --history N', () => {
	it('prints each sync\'s figures under the table and the runs shown that stand out, from one page of N runs', async () => {
		const h = await start(false);
		expect(await runOnce(h.ctx)).toBe(EXIT_OK);
		const text = h.stdout.text();
		expect(text).toContain(
			'sync 52 Orders, last 9 runs: median 10m 00s, p90 40m 00s, 11% failed, 6 successes in a row since 2026-11-29T03:00:00.000Z, last success run 108',
		);
		expect(text).toContain('  run 108: Took 40m 00s: 4.0× the median duration of the last 7 runs (10m 00s).');
		expect(h.server.hitsOf('GET', '/syncs/52/sync_runs').map(hit => hit.query)).toEqual([{per_page: '20', order: 'desc'}]);
		expect(h.stderr.text()).toBe('');
	});

	it('adds the figures and regressions to each run\'s JSON', async () => {
		const h = await start(true);
		expect(await runOnce(h.ctx)).toBe(EXIT_OK);
		const [item] = JSON.parse(h.stdout.text()) as Array<Record<string, unknown>>;
		expect(item?.['history']).toEqual({
			sync_id: 52,
			runs: 9,
			median_duration_ms: 10 * 60_000,
			p90_duration_ms: 40 * 60_000,
			failure_rate: 1 / 9,
			streak: {outcome: 'completed', count: 6, since: '2026-11-29T03:00:00.000Z'},
			last_success: {run_id: 108, created_at: '2026-11-29T08:00:00.000Z'},
			regressions: [{kind: 'slow', sentence: 'Took 40m 00s: 4.0× the median duration of the last 7 runs (10m 00s).'}],
		});
	});

	it('says on stderr when a history cannot be read, and shows the runs all the same', async () => {
		current = await harness({watch: {runIds: [108]}, settings: {json: false, historyRuns: 20}});
		current.server.on('GET', '/sync_runs/108', success(runs[0]!));
		current.server.on('GET', '/syncs/52', success(syncJson({id: 52, label: 'Orders'})));
		current.server.on('GET', '/syncs/52/sync_runs', {status: 500, body: 'boom'});
		expect(await runOnce(current.ctx)).toBe(EXIT_OK);
		expect(current.stdout.text()).toContain('108');
		expect(current.stderr.text()).toMatch(/^census-watch: the history of sync 52 could not be read: .+\n$/);
	});
});

describe('lookAtHistories', () => {
	it('gives the histories and the failures in the order the syncs were asked, however the answers come in', async () => {
		current = await harness({watch: {runIds: []}, settings: {}});
		const syncIds = [57, 51, 56, 52, 55, 53, 54];
		for (const syncId of syncIds) {
			current.server.on('GET', `/syncs/${syncId}/sync_runs`, syncId % 2 === 0 ? {status: 404, body: 'gone'} : listAnswer([apiRun({id: syncId * 10, sync_id: syncId})]));
		}

		const look = await lookAtHistories(current.ctx.api, syncIds, 20);
		expect([...look.histories.keys()]).toEqual([57, 51, 55, 53]);
		expect(look.failures.map(failure => failure.syncId)).toEqual([56, 52, 54]);
	});

	it('ends on an interruption instead of counting it as one more unreadable history', async () => {
		current = await harness({watch: {runIds: []}, settings: {}});
		current.server.on('GET', '/syncs/52/sync_runs', listAnswer(runs));
		await expect(lookAtHistories(current.ctx.api, [52, 53], 20, AbortSignal.abort())).rejects.toMatchObject({kind: 'aborted'});
	});
});

describe('the --history flag', () => {
	it('takes 1 to 50 runs, one clear line otherwise, and no place in --exit-status', () => {
		expect(parseCommandLine(['--once', '--history', '20', '1']).flags.historyRuns).toBe(20);
		expect(parseCommandLine(['1']).flags.historyRuns).toBeUndefined();
		expect(() => parseCommandLine(['--once', '--history', '51', '1'])).toThrow('--history is at most 50 runs');
		expect(() => parseCommandLine(['--once', '--history', 'lots', '1'])).toThrow(UsageError);
		expect(() => parseCommandLine(['--exit-status', '--history', '5', '1'])).toThrow('--history applies to --once and plain output, not --exit-status');
	});
});

describe('plain output with --history N', () => {
	it('writes a sync\'s figures once its history page arrives, then ends as usual', async () => {
		const h = await start(false);
		const result = runPlain(h.ctx);
		await expect.poll(() => h.stdout.text(), {timeout: 10_000}).toContain('history: sync 52 Orders, last 9 runs: median 10m 00s');
		h.abort.abort();
		expect(await result).toBe(EXIT_OK);
		expect(h.stdout.lines().filter(line => line.startsWith('history:'))).toHaveLength(1);
	});

	it('with --json writes the figures as one sync_history object', async () => {
		const h = await start(true);
		const result = runPlain(h.ctx);
		await expect.poll(() => h.stdout.text(), {timeout: 10_000}).toContain('sync_history');
		h.abort.abort();
		expect(await result).toBe(EXIT_OK);
		const line = h.stdout.lines().find(text => text.includes('sync_history')) ?? '';
		expect(JSON.parse(line)).toMatchObject({sync_history: {sync_id: 52, runs: 9, median_duration_ms: 10 * 60_000}});
	});
});
