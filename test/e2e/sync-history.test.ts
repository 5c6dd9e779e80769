import {afterEach, describe, expect, it} from 'vitest';
import {keys, spawnApp, type PtyApp} from '../helpers/pty.js';

// The history issue's acceptance in a real pseudo-terminal: `--demo`, `h` on a run, its sync's history
// drawn with charts and figures at 80x24 and at 200x60, the outlier the simulator plants in every sync's
// history explained when the cursor reaches it, and Enter on it: explained in the detail pane, marked in the list.

const apps: PtyApp[] = [];
afterEach(() => {
	for (const app of apps.splice(0)) app.kill('SIGKILL');
});

const TITLE = /#\d+ · last (\d+) runs/;
const cursorRun = (screen: string): string | null => /› run (\d+)/.exec(screen)?.[1] ?? null;

async function until(app: PtyApp, done: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = await app.screenText();
		if (done(screen)) return screen;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last:\n${screen}`);
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

describe('the sync history screen of the built CLI', {timeout: 90_000}, () => {
	it.each([
		[80, 24],
		[200, 60],
	])('--demo at %dx%d: h draws the history, the planted outlier is explained, Esc goes back', async (columns, rows) => {
		const app = spawnApp({args: ['--demo'], columns, rows});
		apps.push(app);
		await app.waitForText('DEMO');
		await until(app, screen => /\d+ (completed|failed|working)|(completed|failed|working) +\d{3,}/.test(screen), 'runs');
		app.press('h');
		// The title says "last N runs" once the sync's page has come (before, what the watch list knows).
		const drawn = await until(app, screen => screen.includes('Duration per run') && TITLE.test(screen) && screen.includes('median'), 'the history');
		expect(drawn).toMatch(/History of .+ #\d+/);
		for (const line of drawn.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
		if (rows >= 60) expect(drawn).toContain('Failed records per run');

		// From the oldest run to the newest, one of them is the outlier: "… the median duration …".
		app.press('g');
		let screen = await until(app, text => cursorRun(text) !== null, 'a cursor');
		let explained = screen.includes('the median duration');
		const shown = Number(TITLE.exec(screen)?.[1] ?? 0);
		for (let step = 1; step < shown && !explained; step++) {
			const before = cursorRun(screen);
			app.press('l');
			screen = await until(app, text => cursorRun(text) !== before, 'the cursor to move');
			explained = screen.includes('the median duration');
		}

		expect(explained).toBe(true);
		// Enter: the outlier joins the watch list and opens in the detail pane, which explains it; beside
		// the pane (120 columns and wider) its row in the list carries the marker.
		const outlier = cursorRun(screen) ?? '';
		app.press(keys.enter);
		const detail = await until(app, text => !text.includes('Duration per run') && text.includes('the median duration'), 'the detail pane');
		if (columns >= 120) {
			const listPart = detail.split('\n').map(line => line.split('│')[0] ?? '');
			expect(listPart.find(line => line.includes(` ${outlier} `))).toContain('⚠ slow');
		}
		app.press(keys.escape);
		await until(app, text => !text.includes('the median duration of'), 'the list again');
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
	});
});
