import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/pty.js';
import {ago, e2eSession} from '../helpers/e2e.js';

// The screens issue's acceptance script, in a real pseudo-terminal against the simulator: every kind of
// run with its status word, filter → detail → inspector → help → quit, hostile text kept out of the
// bytes, and resizes that neither exit nor lose the runs.

const TOKEN = 'secret-token:screense2e0123456789abcdef';
const NOW = () => new Date().toISOString();

const session = e2eSession();

const DETAIL_LINES = Array.from({length: 60}, (_, index) => `detail line ${index + 1}`).join('\n');

async function workspace() {
	const sim = await session.simulator({scenario: 'quiet', seed: 4, syncs: 0, history: 0});
	const {world} = sim;
	const hostile = world.addSync({label: 'Evil\u001B]0;pwned-title\u0007 label\u009B2J end'});
	const plain = world.addSync({label: 'Users → Salesforce Contacts'});
	const base = {created_at: ago(10 * 60_000), updated_at: ago(5 * 60_000)};
	const ended = {completed_at: ago(5 * 60_000), current_step: 'Running Sync'};
	const ids = {
		completed: world.addRun(plain, {...base, ...ended, status: 'completed', source_record_count: 500, records_processed: 500}),
		working: world.addRun(plain, {...base, status: 'working', current_step: 'Loading data into destination service', completed_at: null, source_record_count: 900, records_processed: 300}),
		failed: world.addRun(hostile, {
			...base,
			status: 'failed',
			completed_at: ago(5 * 60_000),
			current_step: 'Loading data into destination service',
			source_record_count: 4242,
			records_processed: 100,
			error_code: 'JSON_ARRAY_ERROR',
			error_message: 'The array field is not valid JSON \u001B]0;owned\u0007 \u009B31m',
			error_detail: DETAIL_LINES,
		}),
		skipped: world.addRun(plain, {...base, status: 'skipped', completed_at: base.created_at, current_step: null}),
		unknown: world.addRun(plain, {...base, status: 'defrosting', completed_at: null, updated_at: NOW()}),
		missing: 999_999,
	};
	return {sim, ids};
}

const rowOf = (screen: string, id: number) => screen.split('\n').find(line => new RegExp(`\\b${id}\\b`).test(line)) ?? '';

describe('screens in a real terminal', () => {
	it('walks the list, detail, inspector and help at 120x40, and keeps hostile text and the token out', async () => {
		const {sim, ids} = await workspace();
		const order = [ids.completed, ids.working, ids.failed, ids.skipped, ids.unknown, ids.missing];
		const app = session.launch({args: ['--base-url', sim.url, ...order.map(String)], columns: 120, rows: 40, env: {CENSUS_API_TOKEN: TOKEN}});

		const screen = await app.waitForText(/not found/, 30_000);
		await app.waitForText(/defrosting/);
		const listed = await app.screenText();
		expect(rowOf(listed, ids.completed)).toMatch(/completed/);
		expect(rowOf(listed, ids.working)).toMatch(/working|stalled/);
		expect(rowOf(listed, ids.failed)).toMatch(/failed/);
		expect(rowOf(listed, ids.skipped)).toMatch(/skipped/);
		expect(rowOf(listed, ids.unknown)).toMatch(/defrosting/);
		expect(rowOf(screen, ids.missing)).toMatch(/not found/);

		app.press(`/${ids.failed}`);
		app.press(keys.enter);
		await app.waitForText(new RegExp(`/ ?${ids.failed}`));
		app.press(keys.enter);
		const detail = await app.waitForText(/Commit WH/);
		expect(detail).toMatch(/✓ 4 Unload/);
		expect(detail).toMatch(/✗ 5 Load/);
		expect(detail).toMatch(/· 6 Commit dest/);
		expect(detail).toMatch(/source\s+4,242/);

		app.press('e');
		// The detail pane shows the error code too: wait for the inspector's own status line, or the page keys
		// below may reach the detail pane before the inspector has mounted.
		await app.waitForText(/lines 1–\d+ of \d+/);
		expect(await app.screenText()).toContain('JSON_ARRAY_ERROR');
		for (let page = 0; page < 6; page++) app.press(keys.pageDown);
		await app.waitForText('detail line 60');

		app.press(keys.escape);
		await new Promise(resolve => setTimeout(resolve, 300));
		app.press('?');
		await app.waitForText(/quit/);

		app.press('q');
		expect((await app.exited).exitCode).toBe(0);

		const bytes = app.output();
		expect(bytes).not.toContain('pwned-title');
		expect(bytes).not.toContain(']0;owned');
		expect(bytes).not.toContain('\u009B');
		expect(bytes).not.toContain(TOKEN);
		expect(bytes).not.toContain('screense2e0123456789abcdef');
	}, 90_000);

	it('shows the runs at 80x24 and keeps them through 50x12 and back to 120x40', async () => {
		const {sim, ids} = await workspace();
		const app = session.launch({args: ['--base-url', sim.url, String(ids.completed), String(ids.failed)], columns: 80, rows: 24, env: {CENSUS_API_TOKEN: TOKEN}});
		await app.waitForText(String(ids.failed), 30_000);
		await app.waitForText(/completed/);
		app.resize(50, 12);
		await new Promise(resolve => setTimeout(resolve, 500));
		const small = await app.screen();
		expect(small.every(line => line.length <= 50)).toBe(true);
		app.resize(120, 40);
		const back = await app.waitForText(String(ids.completed));
		expect(back).toContain(String(ids.failed));
		expect(app.isAlternateScreen()).toBe(true);
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
	}, 90_000);
});
