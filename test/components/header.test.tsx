import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {budgetText, Header} from '../../source/components/header.js';
import {createWallClock, WallClockProvider} from '../../source/components/wall-clock.js';
import {RunStoreProvider} from '../../source/store/react.js';
import type {ConnectionHealth, RunStoreApi} from '../../source/store/run-store.js';
import {formatClock} from '../../source/lib/format.js';
import {displayWidth} from '../../source/lib/text.js';
import {makeRun, NOW, storeWith} from '../screens/run-list-helpers.js';

afterEach(() => {
	cleanup();
});

const header = (store: RunStoreApi, props: {demo?: boolean; workspaceLabel?: string | null; width?: number; ascii?: boolean} = {}) =>
	render(
		<RunStoreProvider store={store}>
			<WallClockProvider clock={createWallClock(() => NOW)}>
				<Header demo={props.demo ?? false} workspaceLabel={props.workspaceLabel ?? null} width={props.width ?? 100} ascii={props.ascii ?? false} />
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
		expect(header(mixed(), {demo: true}).lastFrame()).toMatch(/^census-watch · DEMO \(nothing saved\)/);
	});

	it('shows the workspace label, sanitised', () => {
		const frame = header(mixed(), {workspaceLabel: 'acme\u001B]0;x\u0007 prod'}).lastFrame() ?? '';
		expect(frame).toContain('census-watch · acme prod');
		expect(frame).not.toContain('\u001B');
	});

	it('counts runs by status with glyphs, or words when wide', () => {
		expect(header(mixed(), {width: 100}).lastFrame()).toContain('⟳2 ✗1 ✓1 ↷1 ∅1');
		expect(header(mixed(), {width: 140}).lastFrame()).toContain('2 working  1 failed  1 completed  1 skipped  1 not found');
		expect(header(mixed(), {width: 106}).lastFrame()).toContain('⟳2 ✗1 ✓1 ↷1 ∅1');
		expect(header(mixed(), {width: 107}).lastFrame()).toContain('2 working');
	});

	it('names the connection health and the time since the last good answer', () => {
		expect(header(withHealth({kind: 'live'}, NOW - 42_000)).lastFrame()).toMatch(/live · updated 40s ago$/);
		expect(header(withHealth({kind: 'retrying', since: NOW, message: 'x'})).lastFrame()).toMatch(/retrying · no answer yet$/);
		expect(header(withHealth({kind: 'offline', since: NOW - 60_000, message: 'x'})).lastFrame()).toContain(
			`API unreachable since ${formatClock(NOW - 60_000)}`,
		);
		expect(header(withHealth({kind: 'rate_limited', until: NOW + 12_000})).lastFrame()).toContain('rate-limited 12s');
		expect(header(withHealth({kind: 'token_rejected', message: 'x'})).lastFrame()).toContain('token rejected');
	});

	it('says what is wrong: an HTTP status, a gone API root, until when a long rate limit holds', () => {
		expect(header(withHealth({kind: 'api_error', status: 500, since: NOW - 60_000, message: 'x'})).lastFrame()).toContain(
			`API answers 500 since ${formatClock(NOW - 60_000)}`,
		);
		expect(header(withHealth({kind: 'rate_limited', until: NOW + 600_000})).lastFrame()).toContain(
			`rate-limited until ${formatClock(NOW + 600_000, NOW)}`,
		);
		const root = 'https://app.getcensus.com/api/v1';
		expect(header(withHealth({kind: 'root_gone', reason: 'retired', root, since: NOW})).lastFrame()).toContain('API v1 retired');
		expect(header(withHealth({kind: 'root_gone', reason: 'no_api', root, since: NOW})).lastFrame()).toContain('no Census API at this URL');
	});

	it('says PAUSED while polling is paused', () => {
		const store = mixed();
		store.getState().setPaused(true);
		expect(header(store).lastFrame()).toContain('PAUSED');
	});

	it('stays on one line no wider than the terminal', () => {
		for (const width of [40, 60, 80]) {
			const lines = (header(withHealth({kind: 'offline', since: NOW - 60_000, message: 'x'}), {width, workspaceLabel: 'a very long workspace name indeed'}).lastFrame() ?? '').split('\n');
			expect(lines).toHaveLength(1);
			expect(displayWidth(lines[0] ?? '')).toBeLessThanOrEqual(width);
		}
	});

	it('shows the requests of the last minute against the budget, this window’s and others’, from 100 columns', () => {
		const store = withHealth({kind: 'live'}, NOW);
		store.getState().setBudgetUse({limit: 120, sent: [NOW - 70_000, NOW - 59_000, NOW - 1000, NOW]});
		expect(header(store, {width: 100}).lastFrame()).toMatch(/live · updated just now · 3\/120 req\/min$/);
		expect(header(store, {width: 99}).lastFrame()).not.toContain('req/min');
		expect(budgetText({limit: 20, sent: [NOW - 59_000, NOW - 1000]}, NOW)).toEqual({text: '2/20 req/min', changesAt: NOW + 1000});
		expect(budgetText({limit: 20, sent: [NOW - 60_000]}, NOW)).toEqual({text: '0/20 req/min', changesAt: null});
	});

	it('uses only ASCII with --ascii', () => {
		const store = withHealth({kind: 'live'}, NOW);
		expect(header(store, {ascii: true, demo: true}).lastFrame()).toMatch(/^[\u0020-\u007E]*$/);
	});
});
