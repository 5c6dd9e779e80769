// Every published Census answer in test/fixtures/census-examples/ (copies of ../shared/census-examples/,
// where each was published is in its README) goes through the parser, the lists also through the client
// from a loopback server, and every figure census-watch derives is checked against what the fields say.
// The examples carry fixed dates of 2021: "now" is fixed too, years later, so that nothing may grow.
import {readdirSync, readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {CensusError} from '../../source/census/errors.js';
import {
	parseCancelAnswer,
	parseEnvelope,
	parsePage,
	parseSync,
	parseSyncRun,
	parseTriggerAnswer,
} from '../../source/census/parse.js';
import type {JsonObject, SyncRun} from '../../source/census/types.js';
import {formatRunTable} from '../../source/cli/modes/run-table.js';
import {runDurationMs, runEndAt, runProgress, runStepPlace} from '../../source/runs/run-figures.js';
import {runJson} from '../../source/cli/modes/run-json.js';
import {runLine} from '../../source/cli/modes/run-line.js';
import {isTerminalPhase, runPhase} from '../../source/runs/status.js';
import {syncDisplayLabel} from '../../source/runs/sync-label.js';
import {startServer, type TestServer} from './helpers.js';

const DIR = new URL('../fixtures/census-examples/', import.meta.url);
const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const WEB = {baseUrl: 'https://app.getcensus.com/api/v1', workspaceId: null};

const example = (name: string): JsonObject => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as JsonObject;
const files = readdirSync(DIR).filter(name => name.endsWith('.json'));

/** Every run object of an example: a fetched run's data, or the items of a list of runs. */
function runsOf(name: string): SyncRun[] {
	const body = example(name);
	if (Array.isArray(body['data'])) return parsePage(body, parseSyncRun, 'sync runs').items;
	return [parseSyncRun(parseEnvelope(body).data)];
}

const RUN_EXAMPLES = ['r01-docs-old-fetch-sync-run.json', 'r02-docs-old-list-sync-runs.json', 'r03-devdocs-fetch-sync-run.json', 'r04-devdocs-list-sync-runs.json', 'r05-fivetran-observability-canceled-run.json'];
const SYNC_EXAMPLES = ['r07-dagster-fetch-sync.json', 'r08-docs-old-list-syncs.json', 'r10-dagster-component-list-syncs.json'];

const count = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const time = (value: unknown): number | null => (typeof value === 'string' ? Date.parse(value) : null);

describe('the published Census examples', () => {
	it('are all here, and each is covered below', () => {
		expect(files.sort()).toEqual(
			[...RUN_EXAMPLES, ...SYNC_EXAMPLES, 'r11-trigger-answer.json', 'r12-cancel-answer.json', 'r15-v2-test-status.json'].sort(),
		);
	});

	it.each(RUN_EXAMPLES)('%s: every run parses and its derived figures are what its fields say', name => {
		for (const run of runsOf(name)) {
			const raw = run.raw;
			const phase = runPhase(run);
			const progress = runProgress(run, phase);
			const updates = count(raw['source_record_updates']);
			const deletes = count(raw['source_record_deletes']);
			// Unknown parts stay unknown: never a zero the API did not send.
			expect(progress.toSend).toBe(updates === null || deletes === null ? null : updates + deletes);
			expect(progress.processed).toBe(count(raw['records_processed']));
			expect(progress.updated).toBe(count(raw['records_updated']));
			expect(progress.failed).toBe(count(raw['records_failed']));
			expect(run.sourceRecordInvalids).toBe(count(raw['source_record_invalids']) ?? count(raw['records_invalid']));
			// Every example has ended: its duration runs to completed_at, else updated_at, and never grows.
			expect(isTerminalPhase(phase)).toBe(true);
			const end = time(raw['completed_at']) ?? time(raw['updated_at']);
			const start = time(raw['created_at']);
			expect(runEndAt(run, phase)).toBe(end);
			expect(runDurationMs(run, phase, NOW)).toBe(end! - start!);
			expect(runDurationMs(run, phase, NOW + 86_400_000)).toBe(end! - start!);
			const {derived} = runJson({id: run.id, run, notFound: false, syncLabel: null, observedAt: NOW, web: WEB});
			expect(derived).toMatchObject({
				run_id: raw['id'],
				sync_id: raw['sync_id'],
				ended: true,
				records_to_send: progress.toSend,
				records_processed: progress.processed,
				records_updated: progress.updated,
				records_failed: progress.failed,
				ended_at: new Date(end!).toISOString(),
				duration_ms: end! - start!,
			});
			// Census's "Running Sync" on an ended run is never shown as where it is.
			expect(derived.step_kind).not.toBe('generic');
			expect(runLine({id: run.id, run, notFound: false, syncLabel: null, at: NOW})).not.toMatch(/running sync/i);
		}
	});

	it('run 94 (the reference\'s) reads 14 of 14 sent, 13 updated and 1 failed, done, in 1m 21s', () => {
		for (const name of ['r03-devdocs-fetch-sync-run.json', 'r04-devdocs-list-sync-runs.json']) {
			const [run] = runsOf(name);
			expect(run?.id).toBe(94);
			const phase = runPhase(run!);
			expect(phase).toBe('completed');
			expect(runProgress(run!, phase)).toEqual({toSend: 14, processed: 14, updated: 13, failed: 1, fraction: 1, failedShare: 1 / 14, ended: true});
			expect(run!.sourceRecordCount).toBe(15);
			expect(run!.sourceRecordInvalids).toBe(1);
			expect(runStepPlace(run!, phase)).toEqual({kind: 'done'});
			expect(runDurationMs(run!, phase, NOW)).toBe(81_688);
			const {derived} = runJson({id: 94, run: run!, notFound: false, syncLabel: null, observedAt: NOW, web: WEB});
			expect(derived).toMatchObject({phase: 'completed', step_index: 7, step_kind: 'done', records_to_send: 14, records_processed: 14, progress_fraction: 1});
			const [, line] = formatRunTable([{id: 94, run: run!, notFound: false, syncLabel: null}], NOW);
			expect(line).toMatch(/^completed +94 {2}sync #52 +7\/7 done +14\/14 +1 +\S+ \S+ +1m 21s +JSON_ARRAY_ERROR$/);
			expect(runLine({id: 94, run: run!, notFound: false, syncLabel: null, at: NOW})).toBe(
				'2026-12-01T12:00:00Z run 94 (sync 52): completed in 1m 21s, 14/14 records sent, 1 rejected',
			);
		}
	});

	it('run 93 (failed, completed_at null) ends at updated_at: a fixed duration, and no step Census did not say', () => {
		const run93 = runsOf('r02-docs-old-list-sync-runs.json').find(run => run.id === 93)!;
		const phase = runPhase(run93);
		expect(phase).toBe('failed');
		// created 02:48:40.373, updated 02:49:53.430
		expect(runDurationMs(run93, phase, NOW)).toBe(73_057);
		expect(runDurationMs(run93, phase, NOW + 3_600_000)).toBe(73_057);
		expect(runStepPlace(run93, phase)).toEqual({kind: 'none'});
		expect(runProgress(run93, phase)).toMatchObject({toSend: null, processed: null, fraction: null});
		const [, line] = formatRunTable([{id: 93, run: run93, notFound: false, syncLabel: null}], NOW);
		expect(line).toMatch(/^failed +93 {2}sync #52 +— +— +— +\S+ \S+ +1m 13s +JSON_ARRAY_ERROR$/);
		expect(runLine({id: 93, run: run93, notFound: false, syncLabel: null, at: NOW})).toMatch(/: failed after 1m 13s, error JSON_ARRAY_ERROR: /);
	});

	it('the old fetch (r01) has no updates or deletes: what is to send is unknown, not zero', () => {
		const [run] = runsOf('r01-docs-old-fetch-sync-run.json');
		expect(runProgress(run!, runPhase(run!))).toMatchObject({toSend: null, processed: 1, fraction: null});
		expect(run!.sourceRecordInvalids).toBe(0);
		const [, line] = formatRunTable([{id: 94, run: run!, notFound: false, syncLabel: null}], NOW);
		expect(line).toContain(' 1/— ');
	});

	it('a completed run with canceled: true (r05) is canceled, not canceling', () => {
		const [run] = runsOf('r05-fivetran-observability-canceled-run.json');
		expect(runPhase(run!)).toBe('canceled');
	});

	it.each(SYNC_EXAMPLES)('%s: every sync parses, with a name to show and its status as given', name => {
		const body = example(name);
		const syncs = Array.isArray(body['data']) ? parsePage(body, parseSync, 'syncs').items : [parseSync(parseEnvelope(body).data)];
		for (const sync of syncs) {
			expect(sync.status).toBe('Ready');
			expect(sync.paused).toBe(false);
			expect(sync.sourceObject).toBe('braze_test');
			expect(sync.destinationObject).toBe('user');
			expect(sync.scheduleFrequency).toBe('never');
			const label = (sync.label ?? sync.resourceIdentifier) ?? `Sync ${sync.id}`;
			expect(syncDisplayLabel({[sync.id]: sync}, sync.id)).toBe(label);
		}
	});

	it('reads the trigger and cancel answers', () => {
		expect(parseTriggerAnswer(example('r11-trigger-answer.json'))).toEqual({syncRunId: 94});
		expect(() => {
			parseCancelAnswer(example('r12-cancel-answer.json'));
		}).not.toThrow();
	});

	it('the v2 run without sync_id is refused alone, and accepted as a run of the sync it was asked for', () => {
		const data = parseEnvelope(example('r15-v2-test-status.json')).data;
		expect(() => parseSyncRun(data)).toThrow(CensusError);
		const run = parseSyncRun(data, 'sync run', 52);
		expect(run).toMatchObject({id: 94, syncId: 52, status: 'working', completedAt: null});
		expect(runPhase(run)).toBe('working');
	});
});

describe('the published lists, through the client from a loopback server', () => {
	let server: TestServer;

	beforeAll(async () => {
		server = await startServer();
	});

	afterAll(async () => {
		await server.close();
	});

	const client = () => createCensusClient({baseUrl: server.baseUrl, token: 'secret-token:examples', retry: {limit: 0}});

	it('reads a sync\'s runs (r02, r04) with the same figures as the parser', async () => {
		server.on('GET', '/syncs/52/sync_runs', {body: example('r02-docs-old-list-sync-runs.json')});
		const page = await client().listSyncRuns(52);
		expect(page.items.map(run => run.id)).toEqual([94, 93, 92]);
		expect(page.pagination).toMatchObject({page: 1, nextPage: 2, lastPage: 2, totalRecords: 4});
		expect(page.items.map(run => runDurationMs(run, runPhase(run), NOW))).toEqual([81_688, 73_057, 80_566]);

		server.on('GET', '/syncs/52/sync_runs', {body: example('r04-devdocs-list-sync-runs.json')});
		const [run94] = (await client().listSyncRuns(52, {page: 2})).items;
		expect(runProgress(run94!, runPhase(run94!))).toMatchObject({toSend: 14, processed: 14, updated: 13, failed: 1});
	});

	it('accepts the v2 run without sync_id in a list of its sync\'s runs', async () => {
		const v2 = example('r15-v2-test-status.json');
		server.on('GET', '/syncs/3394022/sync_runs', {body: {status: 'success', data: [v2['data']], pagination: {page: 1, per_page: 25, last_page: 1}}});
		const [run] = (await client().listSyncRuns(3_394_022)).items;
		expect(run).toMatchObject({id: 94, syncId: 3_394_022, status: 'working'});
	});

	it('reads the published sync lists, stopping at their last page (r08, r10)', async () => {
		server.on('GET', '/syncs', {body: example('r10-dagster-component-list-syncs.json')});
		const syncs = await client().listAllSyncs();
		expect(syncs.map(sync => [sync.id, syncDisplayLabel({[sync.id]: sync}, sync.id)])).toEqual([
			[61, 'test_sync_1'],
			[62, 'test_sync_2'],
		]);

		server.on('GET', '/syncs', {body: example('r08-docs-old-list-syncs.json')});
		const page = await client().listSyncs({page: 1});
		expect(page.items.map(sync => [sync.id, syncDisplayLabel({[sync.id]: sync}, sync.id)])).toEqual([
			[61, 'Sync 61'],
			[60, 'Sync 60'],
		]);
		expect(page.pagination).toMatchObject({nextPage: 2, lastPage: 2});
	});

	it('reads the fetched run (r03) and sync (r07)', async () => {
		server.on('GET', '/sync_runs/94', {body: example('r03-devdocs-fetch-sync-run.json')});
		server.on('GET', '/syncs/61', {body: example('r07-dagster-fetch-sync.json')});
		const run = await client().getSyncRun(94);
		expect(runProgress(run, runPhase(run))).toMatchObject({toSend: 14, processed: 14});
		expect(syncDisplayLabel({61: await client().getSync(61)}, 61)).toBe('Sync 61');
	});
});
