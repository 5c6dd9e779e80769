import {describe, expect, it} from 'vitest';
import {parseSyncRun} from '../../source/census/parse.js';
import {historyPoint, historyRun, runRegressions} from '../../source/runs/sync-history.js';
import {historyShapeFor, RUNS_BEFORE_OUTLIER} from '../../source/simulator/history-shape.js';
import {createWorld} from '../../source/simulator/world.js';

// The demo's twelve runs of history per sync must show the planted outlier as a regression: old enough
// to have runs before it to judge it by, young enough to be on a watcher's first page.

const T0 = Date.parse('2026-03-02T09:00:00.000Z');

describe('the simulator\'s history as a watcher judges it', () => {
	it('places the outlier of a long history with enough runs before it', () => {
		for (let index = 0; index < 50; index += 1) {
			const {outlierAt} = historyShapeFor(1, index, 12);
			expect(outlierAt).toBeGreaterThanOrEqual(2);
			expect(12 - 1 - outlierAt!).toBeGreaterThanOrEqual(RUNS_BEFORE_OUTLIER);
		}
	});

	it('makes the outlier a "slow" regression, and no other run, in every sync of the demo world', () => {
		const world = createWorld({now: T0, scenario: 'demo', history: 12, schedulesPaused: true});
		let flagged = 0;
		for (const syncId of world.syncIds()) {
			const runs = (world.listRuns(syncId) ?? []).map(raw => historyRun(parseSyncRun(raw)));
			const points = runs.map(run => historyPoint(run, T0));
			const slow = runs.filter(run => runRegressions(points, run.id).some(found => found.kind === 'slow'));
			expect(slow).toHaveLength(1);
			expect(slow[0]!.status).toBe('completed');
			flagged += slow.length;
		}

		expect(flagged).toBe(world.syncIds().length);
	});
});
