import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/pty.js';
import {ago, e2eSession} from '../helpers/e2e.js';

// Issue 18's daily-use features in a real pseudo-terminal: `o` over a simulated SSH session shows the
// run's web-app link whole, and the link answers; the mouse (wheel, click, double click) is on by
// default and off with --no-mouse, and its reporting is switched off again on quit.

const TOKEN = 'secret-token:dailye2e0123456789abcdef';

const session = e2eSession();

async function workspace() {
	const sim = await session.simulator({scenario: 'quiet', seed: 4, syncs: 0, history: 0});
	const sync = sim.world.addSync({label: 'Trials → Marketo Leads (Sandbox)'});
	const ids = [0, 1, 2, 3].map(index =>
		sim.world.addRun(sync, {created_at: ago((10 - index) * 60_000), completed_at: ago(5 * 60_000), status: 'completed', current_step: 'Running Sync'}),
	);
	return {sim, sync, ids};
}

const MOUSE_ON = '\u001B[?1000h\u001B[?1006h';
const MOUSE_OFF = '\u001B[?1006l\u001B[?1000l';
const wheelDown = (x: number, y: number) => `\u001B[<65;${x};${y}M`;
const click = (x: number, y: number) => `\u001B[<0;${x};${y}M\u001B[<0;${x};${y}m`;
const selectedRow = (screen: string) => screen.split('\n').find(line => line.startsWith('›')) ?? '';

describe('daily features in a real terminal', {timeout: 60_000}, () => {
	it('o over SSH shows the web-app link whole on its own line, and the simulator answers it', async () => {
		const {sim, sync, ids} = await workspace();
		const app = session.launch({args: ['--base-url', sim.url, ...ids.map(String)], columns: 80, rows: 24, env: {CENSUS_API_TOKEN: TOKEN, SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22', DISPLAY: ':0'}});
		await app.waitForText(String(ids[3]), 30_000);
		app.press('o');
		const screen = await app.waitForText('no local browser');
		const link = screen.split('\n').map(line => line.trim()).find(line => line.startsWith('http://'));
		expect(link).toBe(`${new URL(sim.url).origin}/syncs/${sync}/history?sync_run_id=${ids[3]}`);
		const page = await fetch(link ?? '');
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(`Run ${ids[3]}`);
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
	});

	it('turns the mouse on: the wheel moves the selection, a click selects, a double click opens; off again on quit', async () => {
		const {sim, ids} = await workspace();
		const app = session.launch({args: ['--base-url', sim.url, ...ids.map(String)], columns: 100, rows: 24, env: {CENSUS_API_TOKEN: TOKEN}});
		await app.waitForText(String(ids[0]), 30_000);
		expect(app.output()).toContain(MOUSE_ON);
		// Newest first: ids[3] on line 3 (header, titles), ids[2] on line 4, …
		expect(selectedRow(await app.screenText())).toContain(String(ids[3]));
		app.press(wheelDown(10, 4));
		await app.waitForText(new RegExp(`^›.*${ids[2]}`, 'm'));
		app.press(click(10, 6));
		await app.waitForText(new RegExp(`^›.*${ids[0]}`, 'm'));
		app.press(click(10, 6));
		await app.waitForText(`run ${ids[0]}`);
		app.press(keys.escape);
		await new Promise(resolve => setTimeout(resolve, 200));
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
		expect(app.output().lastIndexOf(MOUSE_OFF)).toBeGreaterThan(app.output().lastIndexOf(MOUSE_ON));
	});

	it('at 200x60 with the detail open keeps the whole sync label; z, Z and s work', async () => {
		const {sim, sync, ids} = await workspace();
		const app = session.launch({args: ['--base-url', sim.url, ...ids.map(String)], columns: 200, rows: 60, env: {CENSUS_API_TOKEN: TOKEN, TZ: 'Asia/Kolkata'}});
		await app.waitForText(String(ids[0]), 30_000);
		app.press(keys.enter);
		const detail = await app.waitForText(/created .*UTC\+5:30/);
		expect(selectedRow(detail)).toContain(`Trials → Marketo Leads (Sandbox) #${sync}`);
		app.press('z');
		await app.waitForText(/^(?![^]*STATUS)/);
		app.press('Z');
		await app.waitForText('times in UTC');
		// 'created 10:02:11 UTC', or 'created Dec 5 23:53 UTC' when the run began before midnight in UTC.
		expect(await app.screenText()).toMatch(/created +\S+(?: \S+){0,2} UTC(?!\+)/);
		app.press('z');
		await app.waitForText('STATUS');
		// Esc alone, then a key: an Esc followed at once by a key reads as Alt+key (issue 18, bug 10).
		app.press(keys.escape);
		await app.waitForText('Enter detail');
		app.press('s');
		await app.waitForText('sort: status');
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
	});

	it('leaves the mouse to the terminal with --no-mouse', async () => {
		const {sim, ids} = await workspace();
		const app = session.launch({args: ['--base-url', sim.url, '--no-mouse', ...ids.map(String)], columns: 100, rows: 24, env: {CENSUS_API_TOKEN: TOKEN}});
		await app.waitForText(String(ids[0]), 30_000);
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
		expect(app.output()).not.toContain('\u001B[?1000h');
	});
});
