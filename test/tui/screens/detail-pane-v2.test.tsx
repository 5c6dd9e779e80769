import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {createWallClock, WallClockProvider} from '../../../source/tui/hooks/wall-clock.js';
import {DetailPane} from '../../../source/tui/screens/detail-pane.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import {createRunStore} from '../../../source/store/run-store.js';
import {inFlightRun} from '../../helpers/builders.js';
import {POLL_INTERVAL_MS} from '../app/app-fixtures.js';

// What the detail pane shows of API v2's own fields: the run's Fivetran group and a text trigger reason.

afterEach(() => {
	cleanup();
});

const NOW = Date.parse('2026-11-29T10:01:00.000Z');

function paneFor(run: ReturnType<typeof inFlightRun>, ascii = false): () => string {
	const store = createRunStore({watch: {runIds: [run.id], syncIds: [], all: false}});
	store.getState().applyRuns([run], NOW);
	const view = render(
		<RunStoreProvider store={store}>
			<WallClockProvider clock={createWallClock(() => NOW)}>
				<DetailPane runId={run.id} width={100} height={40} ascii={ascii} animate={false} pollIntervalMs={POLL_INTERVAL_MS} />
			</WallClockProvider>
		</RunStoreProvider>,
	);
	return () => view.lastFrame() ?? '';
}

describe('the detail pane on API v2', () => {
	it('shows the run\'s group on the trigger line, sanitised', async () => {
		const frame = paneFor(inFlightRun({groupId: 'wandering\u001b[2J_aimlessly', triggerReason: {uiTag: 'Triggered by API', uiDetail: null}}));
		await expect.poll(frame).toContain('incremental sync · trigger Triggered by API · group wandering');
		expect(frame()).not.toContain('\u001b[2J');
	});

	it('says nothing of a group on v1', async () => {
		const frame = paneFor(inFlightRun({triggerReason: {uiTag: 'Manual', uiDetail: null}}), true);
		await expect.poll(frame).toContain('incremental sync - trigger Manual');
		expect(frame()).not.toContain('group');
	});
});
