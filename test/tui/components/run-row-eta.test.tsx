import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {createAnimationClock, AnimationClockProvider} from '../../../source/tui/hooks/animation-clock.js';
import {RunRow} from '../../../source/tui/components/run-row.js';
import {rowColumns} from '../../../source/tui/view/row-columns.js';
import {createWallClock, WallClockProvider} from '../../../source/tui/hooks/wall-clock.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import {makeRun, NOW, storeWith} from '../../helpers/builders.js';
import {POLL_INTERVAL_MS} from '../app/app-fixtures.js';

afterEach(() => {
	cleanup();
});

const WORKING = {
	status: 'working',
	currentStep: 'Loading data into destination service',
	completedAt: null,
	createdAt: new Date(NOW - 4 * 60_000).toISOString(),
};

const renderRow = (store: ReturnType<typeof storeWith>, id: number, width: number) =>
	render(
		<RunStoreProvider store={store}>
			<WallClockProvider clock={createWallClock(() => NOW)}>
				<AnimationClockProvider enabled={false} clock={createAnimationClock({enabled: false})}>
					<Box width={width}>
						<RunRow id={id} columns={rowColumns(width, 4, 9)} selected={false} ascii={false} animate={false} pollIntervalMs={POLL_INTERVAL_MS} />
					</Box>
				</AnimationClockProvider>
			</WallClockProvider>
		</RunStoreProvider>,
	);

describe('RunRow time left and stall mark', () => {
	it('shows "~Nm left" from the sync history on a wide row, and nothing without history', () => {
		const store = storeWith([makeRun(9, WORKING)]);
		const without = renderRow(store, 9, 150);
		expect(without.lastFrame()).not.toContain('left');
		without.unmount();
		store.getState().setSyncHistory(101, [10 * 60_000, 10 * 60_000, 12 * 60_000], NOW);
		expect(renderRow(store, 9, 150).lastFrame()).toContain('~6m left');
	});

	it('reads "stalled" when polls saw neither the step nor the counts move for longer than the limit', () => {
		const store = storeWith([makeRun(9, WORKING)]);
		store.getState().applyRuns([makeRun(9, WORKING)], NOW + 5 * 60_000);
		const {lastFrame} = renderRow(store, 9, 120);
		expect(lastFrame()).toMatch(/stalled/);
		expect(lastFrame()).not.toMatch(/working/);
	});

	it('still reads "working" while the counts move', () => {
		const store = storeWith([makeRun(9, WORKING)]);
		store.getState().applyRuns([makeRun(9, {...WORKING, recordsProcessed: 2000})], NOW + 5 * 60_000);
		expect(renderRow(store, 9, 120).lastFrame()).toMatch(/working/);
	});
});
