import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {displayWidth} from '../../source/text/text.js';
import type {RunStoreApi} from '../../source/store/run-store.js';
import {KEYS, noActions} from '../tui/app/app-fixtures.js';
import {renderApp} from '../tui/app/render-app.js';
import {startProxy} from './proxy.js';
import {closeRigs, eventually, onClose, rig, startSim} from './rig.js';

// Answers that are large, huge or strange, from the simulator through engine + client + store, and then
// on screen through the real App: nothing is dropped, nothing crashes, nothing breaks the layout.

afterEach(async () => {
	cleanup();
	await closeRigs();
});

const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

async function screenOf(store: RunStoreApi, columns: number, rows: number, keys: string[] = []): Promise<string[]> {
	const view = renderApp(store, {size: {columns, rows}, actions: noActions()});
	await view.press(...keys);
	return view.frame().split('\n');
}

describe('a page of 100 large sync objects', () => {
	it('follow-all reads 120 syncs of 40 KB in two pages and keeps only what it shows of them', async () => {
		const sim = await startSim({scenario: 'quiet', syncs: 0, history: 0});
		const mappings = Array.from({length: 400}, (_, index) => ({from: {type: 'column', data: `SOURCE_COLUMN_${index}`}, to: `destination_field_${index}`, is_primary_identifier: false, generate_field: false, sync_null_values: true}));
		for (let index = 0; index < 120; index++) sim.world.addSync({label: `Big sync ${index}`, mappings});
		const made = rig(sim, {watch: {all: true}});
		made.poller.start();
		await eventually(() => expect(Object.keys(made.store.getState().syncs)).toHaveLength(120));

		const listings = sim.requests.filter(entry => entry.route === 'syncs');
		expect(listings.slice(0, 2).map(entry => [entry.query['page'], entry.query['per_page'], entry.status])).toEqual([
			['1', '100', 200],
			['2', '100', 200],
		]);
		expect(JSON.stringify(sim.world.listSyncs().slice(0, 100)).length).toBeGreaterThan(4_000_000);
		expect(made.store.getState().syncs[sim.world.syncIds()[99]!]?.label).toBe('Big sync 99');
		expect(JSON.stringify(made.store.getState().syncs).length).toBeLessThan(120 * 1000);
	});
});

describe('counts of 10^12', () => {
	it('are kept exactly and shown compact within the width, in the list and the detail', async () => {
		const sim = await startSim({scenario: 'quiet', syncs: 0, history: 0});
		const syncId = sim.world.addSync({label: 'Trillions'});
		const trillion = 1_000_000_000_000;
		const runId = sim.world.addRun(syncId, {
			status: 'working',
			completed_at: null,
			created_at: ago(3_600_000),
			current_step: 'Loading data into destination service',
			source_record_count: 4 * trillion,
			source_record_updates: 3 * trillion,
			source_record_deletes: trillion,
			records_processed: 2 * trillion + 345,
			records_updated: 2 * trillion,
			records_failed: trillion,
		});
		const made = rig(sim, {watch: {runIds: [runId]}});
		made.poller.start();
		await eventually(() => expect(made.store.getState().runs[runId]?.run?.recordsProcessed).toBe(2 * trillion + 345));
		made.poller.stop();

		const run = made.store.getState().runs[runId]?.run;
		expect([run?.sourceRecordCount, run?.recordsFailed]).toEqual([4 * trillion, trillion]);
		for (const [columns, rows] of [
			[80, 24],
			[50, 12],
			[120, 40],
		] as const) {
			const list = await screenOf(made.store, columns, rows);
			// At 50 columns a nine-digit run id and the sync label leave no room for the counts column.
			if (columns >= 80) expect(list.find(line => line.includes(String(runId)))).toMatch(/2\.0T/);
			expect(Math.max(...list.map(line => displayWidth(line)))).toBeLessThanOrEqual(columns);
		}

		const detail = await screenOf(made.store, 120, 40, [KEYS.enter]);
		expect(detail.join('\n')).toMatch(/processed +2\.0T/);
		expect(detail.join('\n')).toMatch(/failed +1\.0T/);
		expect(Math.max(...detail.map(line => displayWidth(line)))).toBeLessThanOrEqual(120);
	});
});

describe('unknown statuses, steps and extra fields everywhere', () => {
	const extra = {added_later: {nested: [1, 'two', null], flag: true}, 'weird key \u0000': 'x'};
	const decorate = (_path: string, body: unknown): unknown => {
		if (typeof body !== 'object' || body === null) return body;
		const envelope: Record<string, unknown> = {...(body as Record<string, unknown>), ...extra, meta: {request_id: 'abc', version: '2027-01-01'}};
		const {data, pagination} = envelope;
		if (Array.isArray(data)) envelope['data'] = data.map(item => ({...(item as object), ...extra}));
		else if (typeof data === 'object' && data !== null) envelope['data'] = {...data, ...extra};
		if (typeof pagination === 'object' && pagination !== null) envelope['pagination'] = {...pagination, ...extra, cursor: 'opaque'};
		return envelope;
	};

	it('are kept verbatim, still polled, and shown as the API gave them', async () => {
		const sim = await startSim({scenario: 'quiet', syncs: 0, history: 0});
		const syncId = sim.world.addSync({label: 'Odd sync', status: 'Hibernating', schedule_frequency: 'fortnightly', mode: {triggers: {schedule: {frequency: 'lunar'}}}});
		const base = {created_at: ago(600_000), completed_at: null, records_processed: 'twelve', source_record_count: -5};
		const odd = sim.world.addRun(syncId, {...base, status: 'defrosting', current_step: 'Reticulating splines'});
		const legacy = sim.world.addRun(syncId, {...base, status: 'preparing', current_step: 'RUNNING SYNC'});
		const proxy = await startProxy({target: sim.url, rewrite: decorate});
		onClose(proxy.close);
		const made = rig(sim, {watch: {runIds: [odd, legacy], syncIds: [syncId]}, baseUrl: proxy.url});
		made.poller.start();
		await eventually(() => {
			expect(made.store.getState().runs[odd]?.run?.status).toBe('defrosting');
			expect(made.store.getState().syncs[syncId]?.status).toBe('Hibernating');
		});
		const seenAt = Date.now();
		await eventually(() => expect(made.store.getState().fetchedAt[odd]).toBeGreaterThan(seenAt));
		made.poller.stop();

		const state = made.store.getState();
		const run = state.runs[odd]?.run;
		expect(run).toMatchObject({status: 'defrosting', currentStep: 'Reticulating splines', recordsProcessed: null, sourceRecordCount: null});
		expect(run?.raw['added_later']).toEqual(extra.added_later);
		expect(state.runs[legacy]?.run).toMatchObject({status: 'preparing', currentStep: 'RUNNING SYNC'});
		expect(state.syncs[syncId]).toMatchObject({label: 'Odd sync', scheduleFrequency: 'lunar'});
		expect(state.health.kind).toBe('live');

		const list = (await screenOf(made.store, 120, 40)).join('\n');
		expect(list).toContain('defrosting');
		expect(list).toContain('Reticulating');
		expect(list).toContain('Odd sync');
		const detail = (await screenOf(made.store, 120, 40, [KEYS.down, KEYS.enter])).join('\n');
		expect(detail).toContain('Reticulating splines');
	});
});
