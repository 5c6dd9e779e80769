import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {appOptions, pollerConfig} from '../../source/cli/app-options.js';
import {parseCommandLine} from '../../source/cli/flags.js';
import {resolveSettings} from '../../source/cli/settings.js';
import {BUDGET_WINDOW_MS} from '../../source/polling/budget.js';
import {createRunStore} from '../../source/store/run-store.js';
import {App} from '../../source/tui/app.js';
import {createWallClock} from '../../source/tui/hooks/wall-clock.js';
import {makeRun, NOW} from '../helpers/builders.js';
import {noActions} from '../tui/app/app-fixtures.js';

// The stall mark waits four poll intervals at least, so the screens must know the interval the poller
// really polls at: from the command line through the App's options to the row and the detail pane.

afterEach(() => {
	cleanup();
});

const settingsFor = (argv: string[]) =>
	resolveSettings({flags: parseCommandLine(argv).flags, env: {CENSUS_API_TOKEN: 't'}, config: null, configFile: '/h/config.json', stdoutIsTTY: true});

const optionsFor = (argv: string[]) => appOptions(settingsFor(argv), {baseUrl: 'http://127.0.0.1:4010/api/v1', timeZone: 'UTC'});

const WORKING = makeRun(9, {status: 'working', completedAt: null, createdAt: new Date(NOW - 10 * 60_000).toISOString()});

/** A working run whose polls saw nothing move for `idleMs` up to the last one, at NOW. */
const frozenFor = (idleMs: number) => {
	const store = createRunStore({watch: {runIds: [WORKING.id], syncIds: [], all: false}});
	store.getState().applyRuns([WORKING], NOW - idleMs, {origin: 'id'});
	store.getState().applyRuns([WORKING], NOW, {origin: 'id'});
	return store;
};

/**
 * The App as the CLI starts it for `argv`, with the run's detail open beside the list (Enter), so that
 * the row and the detail pane both show; the frame once the pane is there.
 */
const screenFor = async (argv: string[], idleMs: number): Promise<string> => {
	const view = render(
		<App store={frozenFor(idleMs)} actions={noActions()} options={optionsFor(argv)} size={{columns: 140, rows: 30}} clock={createWallClock(() => NOW)} />,
	);
	const frame = () => view.lastFrame() ?? '';
	view.stdin.write('\r');
	await expect.poll(frame).toContain('no ETA');
	return frame();
};

/** The list's row of the run (the selected one), without the detail pane beside it. */
const rowOf = (screen: string): string => (screen.split('\n').find(line => line.startsWith('›')) ?? '').split('│')[0] ?? '';

describe('the App options from the command line', () => {
	it('carry the interval the poller polls at and the window its budget counts in', () => {
		expect(optionsFor(['--interval', '60'])).toMatchObject({pollIntervalMs: 60_000, budgetWindowMs: BUDGET_WINDOW_MS});
		expect(optionsFor(['--interval', '60']).pollIntervalMs).toBe(pollerConfig(settingsFor(['--interval', '60'])).intervalMs);
		expect(optionsFor([]).pollIntervalMs).toBe(pollerConfig(settingsFor([])).intervalMs);
	});

	it('with --interval 60, a run quiet for 2 minutes (two polls) is not called stalled: the limit is four polls', async () => {
		const screen = await screenFor(['--interval', '60'], 120_000);
		expect(rowOf(screen)).toContain('working');
		expect(screen).not.toMatch(/stalled/i);
	});

	it('with --interval 60, a run quiet for four polls is called stalled, in the row and the detail pane', async () => {
		const screen = await screenFor(['--interval', '60'], 240_000);
		expect(rowOf(screen)).toContain('stalled');
		expect(screen).toContain('STALLED: no progress for 4m 00s (limit 4m 00s; no history)');
	});

	it('at the default interval, the same 2 quiet minutes are past the 90 s floor', async () => {
		const screen = await screenFor([], 120_000);
		expect(rowOf(screen)).toContain('stalled');
		expect(screen).toContain('STALLED: no progress for 2m 00s (limit 1m 30s; no history)');
	});
});
