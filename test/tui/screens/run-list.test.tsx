import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {AnimationClockProvider, createAnimationClock, type AnimationClock} from '../../../source/tui/hooks/animation-clock.js';
import {createWallClock, WallClockProvider} from '../../../source/tui/hooks/wall-clock.js';
import {RunList, type RunListProps} from '../../../source/tui/screens/run-list.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {displayWidth} from '../../../source/text/text.js';
import {makeRun, makeSync, NOW, storeWith} from '../../helpers/builders.js';
import {linesOf, POLL_INTERVAL_MS} from '../app/app-fixtures.js';

afterEach(() => {
	cleanup();
});

type Props = Partial<RunListProps> & {clock?: AnimationClock};

const renderList = (store: RunStoreApi, props: Props = {}) => {
	const {clock, ...rest} = props;
	const wallClock = createWallClock(() => NOW);
	const element = (overrides: Props = {}) => (
		<RunStoreProvider store={store}>
			<AnimationClockProvider enabled={rest.animate ?? false} clock={clock}>
				<WallClockProvider clock={wallClock}>
					<RunList
						filter={{text: '', quick: 'all'}}
						filterEditing={false}
						selectedId={null}
						width={100}
						height={20}
						ascii={false}
						animate={false}
						pollIntervalMs={POLL_INTERVAL_MS}
						{...rest}
						{...overrides}
					/>
				</WallClockProvider>
			</AnimationClockProvider>
		</RunStoreProvider>
	);
	const result = render(element());
	return {...result, rerenderWith: (overrides: Props) => result.rerender(element(overrides))};
};

const everyStatus = () =>
	storeWith(
		[
			makeRun(101, {status: 'completed'}),
			makeRun(102, {status: 'working', completedAt: null, currentStep: 'Loading data into destination service'}),
			makeRun(103, {status: 'failed', recordsFailed: 12, currentStep: 'Unloading data from warehouse'}),
			makeRun(104, {status: 'skipped', currentStep: null}),
			makeRun(105, {status: 'completed', canceled: true}),
			makeRun(106, {status: 'mystery_state'}),
		],
		[makeSync(101, 'Contacts to Salesforce')],
		[107],
	);

const rowOf = (frame: string | undefined, id: number): string => linesOf(frame).find(line => line.includes(` ${id} `)) ?? '';

describe('RunList statuses', () => {
	it('shows each run with its status as a word', () => {
		const {lastFrame} = renderList(everyStatus());
		const frame = lastFrame();
		expect(rowOf(frame, 101)).toMatch(/✓ completed/);
		expect(rowOf(frame, 102)).toMatch(/⟳ working/);
		expect(rowOf(frame, 103)).toMatch(/✗ failed/);
		expect(rowOf(frame, 104)).toMatch(/↷ skipped/);
		expect(rowOf(frame, 105)).toMatch(/⊘ canceled/);
		expect(rowOf(frame, 106)).toMatch(/\? mystery_state/);
		expect(rowOf(frame, 107)).toMatch(/∅ not found/);
		expect(rowOf(frame, 107)).toContain('run not found');
	});

	it('lists runs newest first under column titles', () => {
		const frame = lastFrameLines(renderList(everyStatus()).lastFrame());
		expect(frame[0]).toMatch(/STATUS\s+RUN\s+SYNC\s+STEP/);
		const ids = frame.slice(1, 8).map(line => Number(/ (\d{3}) /.exec(line)?.[1]));
		expect(ids).toEqual([107, 106, 105, 104, 103, 102, 101]);
	});

	it('shows the sync label and id, the step as short name and n/7, records and failures', () => {
		const frame = renderList(everyStatus(), {width: 120}).lastFrame();
		expect(rowOf(frame, 101)).toContain('Contacts to Salesforce #101');
		expect(rowOf(frame, 102)).toContain('5/7 Load');
		expect(rowOf(frame, 103)).toContain('4/7 Unload');
		expect(rowOf(frame, 103)).toContain('1,000/1,000');
		expect(rowOf(frame, 103)).toContain('✗12');
	});

	it('shows a generic or unknown step of a moving run verbatim', () => {
		const store = storeWith([
			makeRun(201, {status: 'working', completedAt: null, currentStep: 'Running Sync'}),
			makeRun(202, {status: 'working', completedAt: null, currentStep: 'Reticulating splines'}),
		]);
		const frame = renderList(store, {width: 120}).lastFrame();
		expect(rowOf(frame, 201)).toContain('Running Sync');
		expect(rowOf(frame, 202)).toContain('Reticulating…');
	});

	it('shows how long ago a run started and how long it took', () => {
		const frame = renderList(storeWith([makeRun(301)]), {width: 110}).lastFrame();
		expect(rowOf(frame, 301)).toMatch(/10m ago\s+2m 00s/);
	});

	it('marks an unseen failure', () => {
		const store = storeWith([makeRun(401, {status: 'working', completedAt: null})]);
		store.getState().applyRuns([makeRun(401, {status: 'failed'})], NOW + 1000);
		expect(rowOf(renderList(store).lastFrame(), 401)).toMatch(/^.•✗ failed/);
	});
});

const lastFrameLines = (frame: string | undefined) => linesOf(frame);

describe('RunList untrusted text', () => {
	const hostile = () =>
		storeWith(
			[
				makeRun(501, {syncId: 9, currentStep: 'Load\u001B[2Jing\u0007'}),
				makeRun(502, {status: 'weird\u009B31m\u001B]0;title\u0007', syncId: 9}),
			],
			[makeSync(9, 'evil\u001B]0;pwned\u0007 label \u001B[2J\u009B2J\u009D0;x\u009C end')],
		);

	it('never lets an escape sequence, an 8-bit CSI or BEL through', () => {
		const frame = renderList(hostile()).lastFrame() ?? '';
		expect(frame).not.toContain('\u001B]');
		expect(frame).not.toContain('\u001B[');
		expect(frame).not.toContain('\u009B');
		expect(frame).not.toContain('\u009D');
		expect(frame).not.toContain('\u0007');
		expect(rowOf(frame, 501)).toMatch(/evil label +end #9/);
		expect(rowOf(frame, 502)).toContain('weird');
	});
});

describe('RunList widths', () => {
	const wide = () =>
		storeWith(
			[
				makeRun(601, {syncId: 1, status: 'working', completedAt: null}),
				makeRun(602, {syncId: 2}),
				makeRun(603, {syncId: 3, status: 'failed', recordsFailed: 3}),
			],
			[makeSync(1, '数据同步数据同步数据同步数据同步'), makeSync(2, '🚀 launch 🚀 rockets to the moon'), makeSync(3, 'plain ascii label')],
		);

	it('keeps columns aligned with wide CJK and emoji labels', () => {
		const frame = renderList(wide(), {width: 100}).lastFrame();
		const stepColumn = (id: number) => {
			const row = rowOf(frame, id);
			const at = row.search(/\d\/7 /);
			return displayWidth(row.slice(0, at));
		};

		expect(stepColumn(601)).toBeGreaterThan(0);
		expect(stepColumn(602)).toBe(stepColumn(601));
		expect(stepColumn(603)).toBe(stepColumn(601));
	});

	for (const width of [40, 54, 66, 80, 100, 160]) {
		it(`never draws a line wider than ${width} columns`, () => {
			const lines = linesOf(renderList(wide(), {width, height: 8}).lastFrame());
			for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
			expect(lines.length).toBeLessThanOrEqual(8);
		});
	}
});

describe('RunList columns from the data', () => {
	const similar = () =>
		storeWith(
			[makeRun(701, {syncId: 102, status: 'working', completedAt: null}), makeRun(702, {syncId: 103, status: 'working', completedAt: null})],
			[makeSync(102, 'Trials → Marketo Leads (Sandbox)'), makeSync(103, 'Trials → Marketo Leads (Production)')],
		);

	it('at 120 with the detail open (66) keeps what tells two similar syncs apart', () => {
		const frame = renderList(similar(), {width: 66}).lastFrame();
		expect(rowOf(frame, 701)).toContain('Leads (Sandbox) #102');
		expect(rowOf(frame, 702)).toContain('Leads (Production) #103');
	});

	it('leaves STARTED out while every run is working, and shows it when one has ended', () => {
		const store = similar();
		expect(renderList(store, {width: 160}).lastFrame()).not.toContain('STARTED');
		store.getState().applyRuns([makeRun(701, {syncId: 102})], NOW);
		expect(renderList(store, {width: 160}).lastFrame()).toContain('STARTED');
	});
});

describe('RunList windowing', () => {
	const many = () => storeWith(Array.from({length: 30}, (_, index) => makeRun(1000 + index)));

	it('shows only as many rows as fit, starting at the top', () => {
		const lines = linesOf(renderList(many(), {height: 6}).lastFrame());
		expect(lines).toHaveLength(6);
		expect(lines[1]).toContain(' 1029 ');
		expect(lines[5]).toContain(' 1025 ');
	});

	it('scrolls so that the selection stays visible, and back', async () => {
		const list = renderList(many(), {height: 6});
		list.rerenderWith({selectedId: 1010});
		await expectSelected(list.lastFrame, 1010);
		list.rerenderWith({selectedId: 1029});
		await expectSelected(list.lastFrame, 1029);
	});
});

async function expectSelected(lastFrame: () => string | undefined, id: number) {
	const {vi} = await import('vitest');
	await vi.waitFor(() => expect(rowOf(lastFrame(), id)).toMatch(/^›/));
}

describe('RunList rendering cost', () => {
	it('re-renders only the row of the run that changed', async () => {
		const {vi} = await import('vitest');
		const store = storeWith([makeRun(701), makeRun(702, {status: 'working', completedAt: null}), makeRun(703)]);
		const renders: Array<'list' | number> = [];
		const list = renderList(store, {onRender: what => renders.push(what)});
		expect(renders.filter(what => what === 'list')).toHaveLength(1);
		renders.length = 0;
		store.getState().applyRuns([makeRun(702, {status: 'working', completedAt: null, recordsProcessed: 500})], NOW + 5000);
		await vi.waitFor(() => expect(rowOf(list.lastFrame(), 702)).toContain('500/1,000'));
		expect(renders).toEqual([702]);
	});

	it('does not re-render anything for a poll that changed nothing', async () => {
		const store = storeWith([makeRun(801), makeRun(802)]);
		const renders: Array<'list' | number> = [];
		const list = renderList(store, {onRender: what => renders.push(what)});
		const framesBefore = list.frames.length;
		renders.length = 0;
		store.getState().applyRuns([makeRun(801), makeRun(802)], NOW + 5000);
		await new Promise(resolve => setImmediate(resolve));
		expect(renders).toEqual([]);
		expect(list.frames.length).toBe(framesBefore);
	});
});

describe('RunList animation', () => {
	it('runs the shared clock while a visible run works, and stops it when none does', async () => {
		const {vi} = await import('vitest');
		const clock = createAnimationClock({enabled: true, intervalMs: 20});
		const store = storeWith([makeRun(901, {status: 'working', completedAt: null}), makeRun(902)]);
		const list = renderList(store, {animate: true, clock});
		expect(clock.isRunning()).toBe(true);
		const first = rowOf(list.lastFrame(), 901).slice(2, 3);
		await vi.waitFor(() => expect(rowOf(list.lastFrame(), 901).slice(2, 3)).not.toBe(first));
		store.getState().applyRuns([makeRun(901, {status: 'completed'})], NOW + 5000);
		await vi.waitFor(() => expect(rowOf(list.lastFrame(), 901)).toContain('✓ completed'));
		expect(clock.isRunning()).toBe(false);
	});

	it('has no timer at all with animation off', () => {
		const clock = createAnimationClock({enabled: false});
		const store = storeWith([makeRun(903, {status: 'working', completedAt: null})]);
		const list = renderList(store, {animate: false, clock});
		expect(clock.isRunning()).toBe(false);
		expect(rowOf(list.lastFrame(), 903)).toContain('⟳ working');
	});

	it('uses ASCII glyphs with --ascii', () => {
		const frame = renderList(everyStatus(), {ascii: true}).lastFrame() ?? '';
		expect(rowOf(frame, 101)).toMatch(/\+ completed/);
		expect(rowOf(frame, 103)).toMatch(/x failed/);
		expect(frame).toMatch(/^[\u0020-\u007E\n]*$/);
	});
});
