import {describe, expect, it} from 'vitest';
import {historyDurationRange, historyShapeFor} from '../../source/simulator/history-shape.js';
import {CANCEL_GRACE_MS, GENERIC_STEP, GENERIC_STEP_LOWER, RUN_STEPS} from '../../source/simulator/run-plan.js';
import {createWorld, type RawRun, type World} from '../../source/simulator/world.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const COUNT_FIELDS = [
	'source_record_count',
	'source_record_updates',
	'source_record_deletes',
	'source_record_invalids',
	'records_processed',
	'records_updated',
	'records_failed',
] as const;
const ENDED = new Set(['completed', 'failed', 'skipped']);

/** A world where nothing starts by itself, so that a test's own runs are the only ones moving. */
const stillWorld = (outcome: 'completed' | 'rejected' | 'failed', seed = 7): World =>
	createWorld({
		seed,
		now: T0,
		history: 0,
		workingAtStart: 0,
		schedulesPaused: true,
		outcomeWeights: {completed: 0, rejected: 0, failed: 0, [outcome]: 1},
	});

function run(world: World, id: number): RawRun {
	const found = world.getRun(id);
	if (found === null) {
		throw new Error(`run ${id} not found`);
	}

	return found;
}

/** Every state the run goes through when looked at every `stepMs`, until it ends. */
function follow(world: World, id: number, stepMs = 100): RawRun[] {
	const seen = [run(world, id)];
	while (!ENDED.has(String(seen.at(-1)?.['status'])) && seen.length < 100_000) {
		world.advanceTo(world.now() + stepMs);
		seen.push(run(world, id));
	}

	return seen;
}

const distinctSteps = (states: RawRun[]): unknown[] =>
	states.map(state => state['current_step']).filter((step, at, all) => step !== undefined && step !== all[at - 1]);

function allRuns(world: World): RawRun[] {
	return world.syncIds().flatMap(id => world.listRuns(id) ?? []);
}

/** The id of the workspace's `index`th sync (ids are of real size and not consecutive). */
function nth(world: World, index: number): number {
	const id = world.syncIds()[index];
	if (id === undefined) {
		throw new Error(`no sync at ${index}`);
	}

	return id;
}

function trigger(world: World, syncId: number, fullSync = false): number {
	const id = world.trigger(syncId, fullSync);
	if (id === null) {
		throw new Error(`no sync ${syncId}`);
	}

	return id;
}

describe('a run’s life', () => {
	it('goes queued → working through the 7 steps in order → completed, with counts that only grow', () => {
		const world = stillWorld('completed');
		const states = follow(world, trigger(world, nth(world, 0)));

		expect(states[0]?.['status']).toBe('queued');
		expect(states[0]).not.toHaveProperty('current_step');
		expect(states.at(-1)?.['status']).toBe('completed');
		const working = states.filter(state => state['status'] === 'working');
		expect(distinctSteps(working)).toEqual([...RUN_STEPS]);
		for (const field of COUNT_FIELDS) {
			const values = states.map(state => state[field]).filter((value): value is number => value !== null);
			expect(values.length, field).toBeGreaterThan(0);
			expect(values, field).toEqual([...values].sort((a, b) => a - b));
		}

		// Counts are null while the run checks its configuration, and move while it unloads and loads.
		const checking = working.filter(state => RUN_STEPS.indexOf(state['current_step'] as never) < 3);
		expect(checking.every(state => COUNT_FIELDS.every(field => state[field] === null))).toBe(true);
		const loading = working.filter(state => state['current_step'] === RUN_STEPS[4]).map(state => state['records_processed']);
		expect(new Set(loading).size).toBeGreaterThan(2);
	});

	it('ends with completed_at, the generic step "Running Sync" (as Census keeps it), and counts that add up', () => {
		const world = stillWorld('completed');
		const states = follow(world, trigger(world, nth(world, 1)));
		const last = states.at(-1) ?? {};

		expect([GENERIC_STEP, GENERIC_STEP_LOWER]).toContain(last['current_step']);
		expect(typeof last['completed_at']).toBe('string');
		expect(Date.parse(String(last['completed_at']))).toBeLessThanOrEqual(world.now());
		expect(Date.parse(String(last['completed_at']))).toBeGreaterThan(Date.parse(String(last['created_at'])));
		// Every change found is sent (the reference's run 94: 12 + 2 = 14 processed); invalids are apart.
		expect(last['records_processed']).toBe(Number(last['source_record_updates']) + Number(last['source_record_deletes']));
		expect(Number(last['source_record_updates']) + Number(last['source_record_deletes']) + Number(last['source_record_invalids'])).toBeLessThanOrEqual(
			Number(last['source_record_count']),
		);
		expect(last['records_failed']).toBe(0);
		expect(last['error_code']).toBeNull();
		const lasting = Date.parse(String(last['completed_at'])) - Date.parse(String(last['created_at']));
		expect(lasting).toBeGreaterThanOrEqual(20 * SECOND);
		expect(lasting).toBeLessThanOrEqual(90 * SECOND);
	});

	it('fails at a step, keeps that step or the generic one as current_step, and explains itself in several lines', () => {
		const endings = new Set<string>();
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
			const world = stillWorld('failed', seed);
			const states = follow(world, trigger(world, nth(world, 0)));
			const last = states.at(-1) ?? {};
			const lastWorking = states.filter(state => state['status'] === 'working').at(-1);

			expect(last['status']).toBe('failed');
			expect([lastWorking?.['current_step'], GENERIC_STEP_LOWER]).toContain(last['current_step']);
			expect(String(last['error_code'])).toMatch(/^\w+$/);
			expect(String(last['error_message']).length).toBeGreaterThan(10);
			expect(String(last['error_detail']).split('\n').length).toBeGreaterThan(1);
			// Without completed_at (as Census's published run 93), updated_at says when it ended.
			expect(last['completed_at'] === null || typeof last['completed_at'] === 'string').toBe(true);
			expect(Date.parse(String(last['updated_at']))).toBeGreaterThanOrEqual(Date.parse(String(lastWorking?.['updated_at'] ?? last['created_at'])));
			expect(Date.parse(String(last['updated_at']))).toBeLessThanOrEqual(world.now());
			endings.add(`${last['completed_at'] === null ? 'no completed_at' : 'completed_at'}, ${last['current_step'] === GENERIC_STEP_LOWER ? 'generic' : 'step'}`);
			if (RUN_STEPS.indexOf(last['current_step'] as never) < 3 && last['current_step'] !== GENERIC_STEP_LOWER) {
				expect(COUNT_FIELDS.every(field => last[field] === null)).toBe(true);
			}
		}

		expect([...endings].some(ending => ending.startsWith('no completed_at'))).toBe(true);
		expect([...endings].some(ending => ending.startsWith('completed_at'))).toBe(true);
		expect([...endings].some(ending => ending.endsWith('generic'))).toBe(true);
		expect([...endings].some(ending => ending.endsWith('step'))).toBe(true);
	});

	it('keeps its updated_at and a null completed_at once failed that way, however long one waits', () => {
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
			const world = stillWorld('failed', seed);
			const id = trigger(world, nth(world, 0));
			const last = follow(world, id).at(-1) ?? {};
			world.advanceTo(world.now() + 30 * MINUTE);
			expect(run(world, id)).toEqual(last);
		}
	});

	it('completes with rejected records: records_failed above zero and an error to read', () => {
		const world = stillWorld('rejected');
		const last = follow(world, trigger(world, nth(world, 2))).at(-1) ?? {};

		expect(last['status']).toBe('completed');
		expect(Number(last['records_failed'])).toBeGreaterThan(0);
		expect(last['records_updated']).toBe(Number(last['records_processed']) - Number(last['records_failed']));
		expect(typeof last['error_code']).toBe('string');
		expect(String(last['error_detail'])).toContain('\n');
	});

	it('is skipped when it starts while another run of its sync is under way, and not once that one ended', () => {
		const world = stillWorld('completed');
		const first = trigger(world, nth(world, 0));
		world.advanceTo(T0 + 5 * SECOND);
		const second = run(world, trigger(world, nth(world, 0)));

		expect(second['status']).toBe('skipped');
		expect(second['completed_at']).toBe(second['created_at']);
		expect(second).not.toHaveProperty('current_step');
		expect(COUNT_FIELDS.every(field => second[field] === null)).toBe(true);
		expect(trigger(world, nth(world, 1))).toBeGreaterThan(Number(second['id']));

		follow(world, first);
		expect(run(world, trigger(world, nth(world, 0)))['status']).toBe('queued');
	});

	it('marks a forced full sync as full_sync', () => {
		const world = stillWorld('completed');
		const last = follow(world, trigger(world, nth(world, 3), true)).at(-1) ?? {};
		expect(last['full_sync']).toBe(true);
		expect(last['source_record_updates']).toBe(last['source_record_count']);
	});
});

describe('cancel', () => {
	it('keeps a working run working with canceled: true for a few seconds, then ends it at the step it had reached', () => {
		const world = stillWorld('completed');
		const id = trigger(world, nth(world, 0));
		for (let tries = 0; run(world, id)['current_step'] !== RUN_STEPS[4] && tries < 1000; tries += 1) {
			world.advanceTo(world.now() + 200);
		}

		const asked = world.now();
		const before = run(world, id);
		expect(world.cancel(id)).toBe(true);
		const canceling = run(world, id);
		expect(canceling).toMatchObject({status: 'working', canceled: true, current_step: RUN_STEPS[4], completed_at: null});
		expect(canceling['records_processed']).toBe(before['records_processed']);

		world.advanceTo(asked + CANCEL_GRACE_MS - 1);
		expect(world.cancel(id)).toBe(true);
		expect(run(world, id)).toEqual(canceling);

		world.advanceTo(asked + CANCEL_GRACE_MS);
		const canceled = run(world, id);
		expect(['completed', 'failed']).toContain(canceled['status']);
		expect(canceled).toMatchObject({canceled: true, current_step: RUN_STEPS[4], completed_at: new Date(asked + CANCEL_GRACE_MS).toISOString()});
		expect(canceled['records_processed']).toBe(before['records_processed']);
		world.advanceTo(world.now() + 10 * MINUTE);
		expect(run(world, id)).toEqual(canceled);
		expect(world.cancel(id)).toBe(false);
		expect(run(world, trigger(world, nth(world, 0)))['status']).not.toBe('skipped');
	});

	it('ends canceled runs completed or failed, as Census shows them', () => {
		const statuses = new Set<unknown>();
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
			const world = stillWorld('completed', seed);
			const id = trigger(world, nth(world, 0));
			world.advanceTo(T0 + 5 * SECOND);
			world.cancel(id);
			world.advanceTo(T0 + 5 * SECOND + CANCEL_GRACE_MS);
			expect(run(world, id)).toMatchObject({canceled: true, error_code: null});
			statuses.add(run(world, id)['status']);
		}

		expect(statuses).toEqual(new Set(['completed', 'failed']));
	});

	it('refuses runs that ended and runs that do not exist', () => {
		const world = stillWorld('completed');
		const id = trigger(world, nth(world, 0));
		follow(world, id);
		expect(world.cancel(id)).toBe(false);
		expect(world.cancel(999_999)).toBe(false);
	});
});

describe('the demo workspace', () => {
	it('holds 8 syncs with believable labels and large sync objects', () => {
		const world = createWorld({now: T0});
		const syncs = world.listSyncs();

		const ids = syncs.map(sync => Number(sync['id']));
		expect(ids).toHaveLength(8);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(ids.every(id => id >= 1_000_000 && id < 10_000_000)).toBe(true);
		expect(syncs[0]?.['label']).toBe('Users → Salesforce Contacts');
		for (const sync of syncs) {
			expect(String(sync['label'])).toMatch(/^[\w -]+ → [\w .]+$/);
			expect(JSON.stringify(sync).length).toBeGreaterThan(3000);
			expect(['ready', 'up to date', 'failing']).toContain(String(sync['status']).toLowerCase());
			expect(sync).toMatchObject({source_attributes: {connection_id: expect.any(Number)}, mode: {triggers: {schedule: {frequency: expect.any(String)}}}});
		}
	});

	it('starts with runs working, completed and failed', () => {
		const statuses = allRuns(createWorld({now: T0})).map(found => found['status']);
		expect(statuses).toContain('working');
		expect(statuses).toContain('completed');
		expect(statuses).toContain('failed');
		expect(statuses).toContain('skipped');
	});

	it('starts runs by itself on schedules a few tens of seconds apart', () => {
		const world = createWorld({now: T0, workingAtStart: 0});
		const before = new Set(allRuns(world).map(found => found['id']));
		world.advanceTo(T0 + 10 * MINUTE);
		const started = allRuns(world).filter(found => !before.has(found['id']));
		const perSync = new Map<unknown, RawRun[]>();
		for (const found of started) {
			perSync.set(found['sync_id'], [...(perSync.get(found['sync_id']) ?? []), found]);
		}

		expect(perSync.size).toBe(6); // one sync is paused, one runs only when triggered
		for (const runs of perSync.values()) {
			expect(runs.length).toBeGreaterThanOrEqual(4);
			const starts = runs.map(found => Date.parse(String(found['created_at']))).sort((a, b) => a - b);
			for (const [at, start] of starts.slice(1).entries()) {
				const gap = start - (starts[at] ?? 0);
				expect(gap).toBeGreaterThanOrEqual(20 * SECOND);
				expect(gap).toBeLessThanOrEqual(2 * MINUTE);
			}

			for (const found of runs) {
				expect(found['sync_trigger_reason']).toMatchObject({ui_tag: 'Scheduled'});
				expect(Date.parse(String(found['scheduled_execution_time']))).toBeLessThanOrEqual(Date.parse(String(found['created_at'])));
			}
		}
	});

	it('ends runs in every outcome over an hour', () => {
		const world = createWorld({now: T0});
		for (let at = T0; at <= T0 + 60 * MINUTE; at += 30 * SECOND) {
			world.advanceTo(at);
		}

		const runs = allRuns(world);
		expect(runs.some(found => found['status'] === 'completed' && found['records_failed'] === 0 && found['canceled'] === false)).toBe(true);
		expect(runs.some(found => found['status'] === 'completed' && Number(found['records_failed']) > 0)).toBe(true);
		expect(runs.some(found => found['status'] === 'failed')).toBe(true);
		expect(runs.some(found => found['status'] === 'skipped')).toBe(true);
	});

	it('shows a sync as Failing after a failed run and Up to Date after a completed one', () => {
		const world = stillWorld('failed');
		follow(world, trigger(world, nth(world, 5)));
		expect(world.getSync(nth(world, 5))?.['status']).toBe('Failing');

		const fine = stillWorld('completed');
		follow(fine, trigger(fine, nth(fine, 5)));
		expect(fine.getSync(nth(fine, 5))?.['status']).toBe('Up to Date');
		// Every third sync gives its status in lower case, as Census sometimes does.
		follow(fine, trigger(fine, nth(fine, 4)));
		expect(fine.getSync(nth(fine, 4))?.['status']).toBe('up to date');
	});
});

describe('like Census', () => {
	it('uses ids of real size: syncs in the millions, runs in the hundreds of millions, not consecutive', () => {
		const world = createWorld({now: T0});
		world.advanceTo(T0 + 10 * MINUTE);
		const syncIds = world.syncIds();
		const runIds = allRuns(world)
			.map(found => Number(found['id']))
			.sort((a, b) => a - b);

		expect(syncIds.every(id => id >= 1_000_000 && id < 10_000_000)).toBe(true);
		expect(runIds.every(id => id >= 100_000_000 && id < 1_000_000_000)).toBe(true);
		expect(new Set(runIds).size).toBe(runIds.length);
		const gaps = runIds.slice(1).map((id, at) => id - (runIds[at] ?? 0));
		expect(gaps.some(gap => gap > 1)).toBe(true);
		expect(syncIds.slice(1).some((id, at) => id - (syncIds[at] ?? 0) > 1)).toBe(true);
	});

	it('gives mode.type "triggered" or "live", never "scheduled"', () => {
		const types = createWorld({now: T0, syncs: 16})
			.listSyncs()
			.map(sync => (sync['mode'] as {type: unknown}).type);
		expect(new Set(types)).toEqual(new Set(['triggered', 'live']));
	});

	it('gives sync statuses in both cases', () => {
		const world = createWorld({now: T0});
		world.advanceTo(T0 + 5 * MINUTE);
		const statuses = world.listSyncs().map(sync => String(sync['status']));
		expect(statuses.some(status => /^[a-z]/.test(status))).toBe(true);
		expect(statuses.some(status => /^[A-Z]/.test(status))).toBe(true);
	});

	it('has table sources named by catalog, schema and table besides models, and a paused sync', () => {
		const syncs = createWorld({now: T0}).listSyncs();
		const sources = syncs.map(sync => (sync['source_attributes'] as {object: Record<string, unknown>}).object);
		const tables = sources.filter(source => source['type'] === 'table');

		expect(tables.length).toBeGreaterThan(0);
		for (const table of tables) {
			expect(table).toEqual({type: 'table', table_catalog: expect.any(String), table_schema: expect.any(String), table_name: expect.any(String)});
			expect(Object.values(table).every(part => String(part).length > 0)).toBe(true);
		}

		expect(sources.some(source => source['type'] === 'model')).toBe(true);
		expect(syncs.filter(sync => sync['paused'] === true)).toHaveLength(1);
	});

	it('starts the demo with a failed run without completed_at, a canceled run, and finished runs on "Running Sync"', () => {
		const runs = allRuns(createWorld({now: T0}));
		const failedWithoutEnd = runs.filter(found => found['status'] === 'failed' && found['completed_at'] === null);
		const canceled = runs.filter(found => found['canceled'] === true);
		const completed = runs.filter(found => found['status'] === 'completed' && found['canceled'] === false);

		expect(failedWithoutEnd.length).toBeGreaterThan(0);
		for (const found of failedWithoutEnd) {
			expect(Date.parse(String(found['updated_at']))).toBeGreaterThan(Date.parse(String(found['created_at'])));
		}

		expect(canceled.length).toBeGreaterThan(0);
		expect(canceled.every(found => ['completed', 'failed'].includes(String(found['status'])) && typeof found['completed_at'] === 'string')).toBe(true);
		expect(completed.length).toBeGreaterThan(0);
		expect(completed.every(found => String(found['current_step']).toLowerCase() === 'running sync')).toBe(true);
	});
});

describe('a sync’s history', () => {
	const lasting = (found: RawRun): number => Date.parse(String(found['completed_at'])) - Date.parse(String(found['created_at']));

	/** Each sync's completed, uncanceled history runs, newest first, with how long each took. */
	function histories(): number[][] {
		const world = createWorld({now: T0, scenario: 'quiet', history: 8});
		return world.syncIds().map(id =>
			(world.listRuns(id) ?? []).filter(found => found['status'] === 'completed' && found['canceled'] === false).map(found => lasting(found)),
		);
	}

	it('has one outlier run that took about three times as long as the others, and completed', () => {
		for (const durations of histories()) {
			const sorted = [...durations].sort((a, b) => a - b);
			const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
			expect(durations.filter(duration => duration > 2 * median)).toHaveLength(1);
		}
	});

	it('drifts gently: the other runs change by a few percent a run, in one direction', () => {
		const directions = new Set<string>();
		for (const durations of histories()) {
			const sorted = [...durations].sort((a, b) => a - b);
			const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
			const usual = durations.filter(duration => duration <= 2 * median);
			const [newest = 0, oldest = 0] = [usual[0], usual.at(-1)];
			const change = newest / oldest - 1;
			expect(Math.abs(change)).toBeGreaterThan(0.05);
			expect(Math.abs(change)).toBeLessThan(0.5);
			directions.add(change > 0 ? 'slower' : 'faster');
		}

		expect(directions).toEqual(new Set(['slower', 'faster']));
	});

	it('shapes durations around the sync’s usual one: a drift line, and the outlier at three times', () => {
		const shape = {driftPerRun: 0.05, outlierAt: 3};
		expect(historyDurationRange([800, 1200], shape, 0)).toEqual([960, 1040]);
		expect(historyDurationRange([800, 1200], shape, 2)).toEqual([864, 936]);
		expect(historyDurationRange([800, 1200], shape, 3)).toEqual([3000 * 0.96, 3000 * 1.04]);
		expect(historyShapeFor(1, 0, 2).outlierAt).toBeNull();
		for (let index = 0; index < 50; index += 1) {
			const {outlierAt, driftPerRun} = historyShapeFor(7, index, 6);
			expect(outlierAt).toBeGreaterThanOrEqual(2);
			expect(outlierAt).toBeLessThan(6);
			expect(Math.abs(driftPerRun)).toBeGreaterThanOrEqual(0.02);
			expect(Math.abs(driftPerRun)).toBeLessThanOrEqual(0.04);
		}
	});
});

describe('time', () => {
	it('is deterministic for a seed', () => {
		const play = (seed: number): string => {
			const world = createWorld({now: T0, seed});
			world.advanceTo(T0 + 3 * MINUTE);
			const id = trigger(world, nth(world, 7));
			world.advanceTo(T0 + 4 * MINUTE);
			world.cancel(id);
			world.advanceTo(T0 + 20 * MINUTE);
			return JSON.stringify([world.listSyncs(), allRuns(world)]);
		};

		expect(play(11)).toBe(play(11));
		expect(play(11)).not.toBe(play(12));
	});

	it('gives the same workspace whether the clock moves in small steps or in one jump', () => {
		const stepped = createWorld({now: T0, seed: 5});
		for (let at = T0; at <= T0 + 30 * MINUTE; at += 1700) {
			stepped.advanceTo(at);
		}

		const jumped = createWorld({now: T0, seed: 5});
		jumped.advanceTo(stepped.now());
		expect(JSON.stringify(allRuns(jumped))).toBe(JSON.stringify(allRuns(stepped)));
	});

	it('changes nothing when advanced to the same or an earlier time', () => {
		const world = createWorld({now: T0});
		world.advanceTo(T0 + 2 * MINUTE);
		const snapshot = JSON.stringify(allRuns(world));
		world.advanceTo(T0 + 2 * MINUTE);
		world.advanceTo(T0 + MINUTE);
		expect(JSON.stringify(allRuns(world))).toBe(snapshot);
		expect(world.now()).toBe(T0 + 2 * MINUTE);
	});

	it('jumps a day with 200 syncs, keeping a bounded, newest-first history per sync', () => {
		const world = createWorld({now: T0, syncs: 200, seed: 3});
		const oldest = world.runIds(nth(world, 0))?.at(-1);
		world.advanceTo(T0 + 24 * 60 * MINUTE);

		expect(world.syncIds()).toHaveLength(200);
		for (const syncId of world.syncIds()) {
			const ids = world.runIds(syncId) ?? [];
			expect(ids.length).toBeLessThanOrEqual(200);
			expect(ids).toEqual([...ids].sort((a, b) => b - a));
		}

		const newest = world.listRuns(nth(world, 0))?.[0];
		expect(Date.parse(String(newest?.['created_at']))).toBeGreaterThan(T0 + 24 * 60 * MINUTE - 2 * MINUTE);
		expect(oldest).toBeDefined();
		expect(world.getRun(oldest ?? 0)).toBeNull();
	});

	it('forgets the oldest runs beyond keepRuns', () => {
		const world = createWorld({now: T0, keepRuns: 5});
		const oldest = world.runIds(nth(world, 0))?.at(-1) ?? 0;
		world.advanceTo(T0 + 60 * MINUTE);
		for (const syncId of world.syncIds()) {
			expect((world.runIds(syncId) ?? []).length).toBeLessThanOrEqual(5);
		}

		expect(world.getRun(oldest)).toBeNull();
	});

	it('starts nothing while schedules are paused and does not make up missed starts on resuming', () => {
		const world = createWorld({now: T0, workingAtStart: 0});
		const count = (): number => allRuns(world).length;
		const before = count();
		world.pauseSchedules(true);
		world.advanceTo(T0 + 10 * MINUTE);
		expect(count()).toBe(before);

		world.pauseSchedules(false);
		world.advanceTo(T0 + 10 * MINUTE + 1);
		expect(count()).toBe(before);
		world.advanceTo(T0 + 12 * MINUTE);
		const fresh = allRuns(world).filter(found => Date.parse(String(found['created_at'])) > T0);
		expect(fresh.length).toBeGreaterThan(0);
		expect(fresh.every(found => Date.parse(String(found['created_at'])) > T0 + 10 * MINUTE)).toBe(true);
	});
});

describe('scenarios', () => {
	it('busy: every sync has several long runs under way', () => {
		const world = createWorld({now: T0, scenario: 'busy', syncs: 10, workingPerSync: 5, runDurationMs: 30 * MINUTE});
		const moving = (): RawRun[] => allRuns(world).filter(found => found['status'] === 'working' || found['status'] === 'queued');

		expect(moving()).toHaveLength(50);
		expect(new Set(moving().map(found => found['sync_id'])).size).toBe(10);
		world.advanceTo(T0 + MINUTE);
		expect(moving().length).toBeGreaterThan(40);
	});

	it('quiet: history only, nothing moves', () => {
		const world = createWorld({now: T0, scenario: 'quiet'});
		const before = JSON.stringify(allRuns(world));
		expect(allRuns(world).every(found => ENDED.has(String(found['status'])))).toBe(true);
		world.advanceTo(T0 + 60 * MINUTE);
		expect(JSON.stringify(allRuns(world))).toBe(before);
	});
});

describe('test hooks', () => {
	it('addSync adds a sync with the given fields and no schedule', () => {
		const world = createWorld({now: T0});
		const id = world.addSync({label: null, status: 'failing', extra_field: [1, 2]});
		world.advanceTo(T0 + 10 * MINUTE);

		expect(id).toBeGreaterThan(nth(world, 7));
		expect(world.syncIds().at(-1)).toBe(id);
		expect(world.getSync(id)).toMatchObject({id, label: null, status: 'failing', extra_field: [1, 2]});
		expect(world.runIds(id)).toEqual([]);
	});

	it('addRun keeps hostile and unknown values verbatim and can leave fields out', () => {
		const world = createWorld({now: T0});
		const hostile = {
			status: 'paused_by_gremlins',
			current_step: '\u001b[2J\u001b]8;;https://evil.example\u0007Step\u001b]8;;\u0007',
			records_processed: 2 ** 53 + 2,
			error_detail: 'line 1\r\nline 2\u0000\u202e',
			extra: {nested: true},
			completed_at: undefined,
		};
		const syncId = nth(world, 2);
		const id = world.addRun(syncId, hostile);
		const found = run(world, id);
		const {completed_at: _absent, ...present} = hostile;

		expect(found).toMatchObject({...present, id, sync_id: syncId});
		expect(found).not.toHaveProperty('completed_at');
		expect(world.runIds(nth(world, 2))?.[0]).toBe(id);
	});

	it('updateRun freezes a run as patched; a frozen working run makes new runs skip', () => {
		const world = stillWorld('completed');
		const id = trigger(world, nth(world, 0));
		world.advanceTo(T0 + 3 * SECOND);
		expect(world.updateRun(id, {status: 'working', error_message: 'stuck'})).toBe(true);
		const frozen = run(world, id);
		world.advanceTo(T0 + 30 * MINUTE);

		expect(run(world, id)).toEqual(frozen);
		expect(run(world, trigger(world, nth(world, 0)))['status']).toBe('skipped');
		expect(world.updateRun(999_999, {})).toBe(false);
	});

	it('removeRun makes a run disappear', () => {
		const world = createWorld({now: T0});
		const id = world.runIds(nth(world, 1))?.[0] ?? 0;
		expect(world.removeRun(id)).toBe(true);
		expect(world.getRun(id)).toBeNull();
		expect(world.runIds(nth(world, 1))).not.toContain(id);
		expect(world.removeRun(id)).toBe(false);
	});
});
