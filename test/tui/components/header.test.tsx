import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {budgetText, fitHeader, Header} from '../../../source/tui/components/header.js';
import {TimeZoneProvider} from '../../../source/tui/hooks/time-zone.js';
import {createWallClock, WallClockProvider} from '../../../source/tui/hooks/wall-clock.js';
import {RunStoreProvider} from '../../../source/store/react.js';
import type {ConnectionHealth} from '../../../source/runs/model.js';
import type {RunStoreApi} from '../../../source/store/run-store.js';
import {formatClock} from '../../../source/text/format.js';
import {displayWidth} from '../../../source/text/text.js';
import {BUDGET_WINDOW_MS} from '../../../source/polling/budget.js';
import {makeRun, NOW, storeWith} from '../../helpers/builders.js';

afterEach(() => {
	cleanup();
});

type Props = {demo?: boolean; workspaceLabel?: string | null; width?: number; ascii?: boolean; budgetWindowMs?: number};

const header = (store: RunStoreApi, props: Props = {}) =>
	render(
		<RunStoreProvider store={store}>
			<WallClockProvider clock={createWallClock(() => NOW)}>
				<Header
					demo={props.demo ?? false}
					workspaceLabel={props.workspaceLabel ?? null}
					width={props.width ?? 100}
					ascii={props.ascii ?? false}
					budgetWindowMs={props.budgetWindowMs ?? BUDGET_WINDOW_MS}
				/>
			</WallClockProvider>
		</RunStoreProvider>,
	);

const mixed = () =>
	storeWith(
		[
			makeRun(1, {status: 'working', completedAt: null}),
			makeRun(2, {status: 'working', completedAt: null}),
			makeRun(3),
			makeRun(4, {status: 'failed'}),
			makeRun(5, {status: 'skipped'}),
		],
		[],
		[6],
	);

const withHealth = (health: ConnectionHealth, lastSuccessAt: number | null = null) => {
	const store = mixed();
	store.setState({health, lastSuccessAt});
	return store;
};

describe('Header', () => {
	it('says DEMO in demo mode, and that it saves nothing', () => {
		expect(header(mixed(), {demo: true, width: 140}).lastFrame()).toMatch(/^census-watch · DEMO \(nothing saved\)/);
		expect(header(mixed(), {demo: true, width: 60}).lastFrame()).toMatch(/^DEMO \(nothing saved\) · /);
	});

	it('shows the workspace label, sanitised', () => {
		const frame = header(mixed(), {workspaceLabel: 'acme\u001B]0;x\u0007 prod', width: 140}).lastFrame() ?? '';
		expect(frame).toContain('census-watch · acme prod');
		expect(frame).not.toContain('\u001B');
	});

	it('counts runs by status with glyphs, or words when wide', () => {
		expect(header(mixed(), {width: 60}).lastFrame()).toContain('⟳2 ✗1 ✓1 ↷1 ∅1');
		expect(header(mixed(), {width: 140}).lastFrame()).toContain('2 working  1 failed  1 completed  1 skipped  1 not found');
	});

	it('counts a run whose cancel was asked for as canceling, beside the working ones', () => {
		const store = storeWith([makeRun(1, {status: 'working', completedAt: null}), makeRun(2, {status: 'working', canceled: true, completedAt: null})]);
		expect(header(store, {width: 30}).lastFrame()).toContain('⟳1 ⊖1');
		expect(header(store, {width: 100}).lastFrame()).toContain('1 working  1 canceling');
	});

	it('names the connection health and the time since the last good answer', () => {
		expect(header(withHealth({kind: 'live'}, NOW - 42_000)).lastFrame()).toMatch(/live · updated 40s ago$/);
		expect(header(withHealth({kind: 'retrying', since: NOW, message: 'x'})).lastFrame()).toMatch(/retrying · no answer yet$/);
		expect(header(withHealth({kind: 'offline', since: NOW - 60_000, message: 'x'})).lastFrame()).toContain(
			`API unreachable since ${formatClock(NOW - 60_000, NOW)}`,
		);
		expect(header(withHealth({kind: 'rate_limited', until: NOW + 12_000})).lastFrame()).toContain('rate-limited 12s');
		expect(header(withHealth({kind: 'token_rejected', message: 'x'})).lastFrame()).toContain('token rejected');
	});

	it('says what is wrong: an HTTP status, a gone API root, until when a long rate limit holds', () => {
		expect(header(withHealth({kind: 'api_error', status: 500, since: NOW - 60_000, message: 'x'})).lastFrame()).toContain(
			`API answers 500 since ${formatClock(NOW - 60_000, NOW)}`,
		);
		expect(header(withHealth({kind: 'rate_limited', until: NOW + 600_000})).lastFrame()).toContain(
			`rate-limited until ${formatClock(NOW + 600_000, NOW)}`,
		);
		const root = 'https://app.getcensus.com/api/v1';
		expect(header(withHealth({kind: 'root_gone', reason: 'retired', root, since: NOW})).lastFrame()).toContain('API v1 retired');
		expect(header(withHealth({kind: 'root_gone', reason: 'no_api', root, since: NOW})).lastFrame()).toContain('no Census API at this URL');
	});

	it('says PAUSED while polling is paused, and not that the data is live', () => {
		const store = withHealth({kind: 'live'}, NOW - 42_000);
		store.getState().setPaused(true);
		const frame = header(store).lastFrame() ?? '';
		expect(frame).toContain('PAUSED · updated 40s ago');
		expect(frame).not.toContain('live');
		store.setState({health: {kind: 'offline', since: NOW - 60_000, message: 'x'}});
		expect(header(store).lastFrame()).toContain(`PAUSED · API unreachable since ${formatClock(NOW - 60_000, NOW)}`);
	});

	it('offline, keeps its counts and the health whole and drops the rest first', () => {
		const store = storeWith(Array.from({length: 5}, (_, index) => makeRun(index + 1)));
		store.setState({health: {kind: 'offline', since: NOW - 60_000, message: 'x'}, lastSuccessAt: NOW - 60_000});
		for (const width of [40, 50, 60, 80, 120]) {
			const frame = header(store, {width, workspaceLabel: 'acme production'}).lastFrame() ?? '';
			expect(frame, `at ${width}`).toMatch(/(5 completed|✓5)/);
			expect(frame, `at ${width}`).toContain(`API unreachable since ${formatClock(NOW - 60_000, NOW)}`);
			expect(frame, `at ${width}`).not.toContain('…');
		}
	});

	it('stays on one line no wider than the terminal', () => {
		for (const width of [40, 60, 80]) {
			const lines = (header(withHealth({kind: 'offline', since: NOW - 60_000, message: 'x'}), {width, workspaceLabel: 'a very long workspace name indeed'}).lastFrame() ?? '').split('\n');
			expect(lines).toHaveLength(1);
			expect(displayWidth(lines[0] ?? '')).toBeLessThanOrEqual(width);
		}
	});

	it('shows the requests of the last minute against the budget, this window’s and others’, when there is room', () => {
		const store = withHealth({kind: 'live'}, NOW);
		store.getState().setBudgetUse({limit: 120, sent: [NOW - 70_000, NOW - 59_000, NOW - 1000, NOW]});
		expect(header(store, {width: 140}).lastFrame()).toMatch(/live · updated just now · 3\/120 req\/min$/);
		expect(header(store, {width: 100}).lastFrame()).not.toContain('req/min');
		expect(budgetText({limit: 20, sent: [NOW - 59_000, NOW - 1000]}, NOW, BUDGET_WINDOW_MS)).toEqual({text: '2/20 req/min', changesAt: NOW + 1000});
		expect(budgetText({limit: 20, sent: [NOW - 60_000]}, NOW, BUDGET_WINDOW_MS)).toEqual({text: '0/20 req/min', changesAt: null});
	});

	it('counts the requests in the window the App is given, not a minute of its own', () => {
		const store = withHealth({kind: 'live'}, NOW);
		store.getState().setBudgetUse({limit: 120, sent: [NOW - 59_000, NOW - 25_000, NOW - 1000, NOW]});
		expect(header(store, {width: 140, budgetWindowMs: 30_000}).lastFrame()).toMatch(/ 3\/120 req\/min$/);
		expect(budgetText({limit: 20, sent: [NOW - 59_000, NOW - 25_000, NOW - 1000]}, NOW, 30_000)).toEqual({text: '2/20 req/min', changesAt: NOW + 5000});
		expect(budgetText({limit: 20, sent: [NOW - 25_000]}, NOW, 20_000)).toEqual({text: '0/20 req/min', changesAt: null});
	});

	it('uses only ASCII with --ascii', () => {
		const store = withHealth({kind: 'live'}, NOW);
		expect(header(store, {ascii: true, demo: true}).lastFrame()).toMatch(/^[\u0020-\u007E]*$/);
	});
});

describe('fitHeader', () => {
	it('takes pieces in priority order while they fit, a fuller form in place of a short one', () => {
		const pieces = [
			{key: 'counts', side: 'left' as const, width: 10},
			{key: 'health', side: 'right' as const, width: 10},
			{key: 'words', side: 'left' as const, width: 20, replaces: 'counts'},
			{key: 'age', side: 'right' as const, width: 5},
		];
		expect([...fitHeader(pieces, 21, 3)].sort()).toEqual(['counts', 'health']);
		expect([...fitHeader(pieces, 29, 3)].sort()).toEqual(['age', 'counts', 'health']);
		expect([...fitHeader(pieces, 31, 3)].sort()).toEqual(['health', 'words']);
		expect([...fitHeader(pieces, 39, 3)].sort()).toEqual(['age', 'health', 'words']);
		expect([...fitHeader(pieces, 5, 3)], 'a smaller piece still goes where a bigger one did not').toEqual(['age']);
	});
});

describe('the header in the zone Z chose', () => {
	it('gives "since" and "until" times in the screen\'s zone, not the machine\'s', () => {
		const since = Date.parse('2026-11-29T09:30:00Z');
		const store = storeWith([]);
		store.setState({health: {kind: 'offline', since, message: 'x'}});
		const inZone = (timeZone: string) =>
			render(
				<RunStoreProvider store={store}>
					<WallClockProvider clock={createWallClock(() => since + 60_000)}>
						<TimeZoneProvider timeZone={timeZone}>
							<Header demo={false} workspaceLabel={null} width={100} ascii={false} budgetWindowMs={BUDGET_WINDOW_MS} />
						</TimeZoneProvider>
					</WallClockProvider>
				</RunStoreProvider>,
			).lastFrame() ?? '';
		expect(inZone('UTC')).toContain('API unreachable since 09:30:00');
		expect(inZone('Asia/Tokyo')).toContain('API unreachable since 18:30:00');
		store.setState({health: {kind: 'rate_limited', until: since + 60_000 + 5 * 60_000}});
		expect(inZone('UTC')).toContain('rate-limited until 09:36:00');
		expect(inZone('Asia/Tokyo')).toContain('rate-limited until 18:36:00');
	});
});
