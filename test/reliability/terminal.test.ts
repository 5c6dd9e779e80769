import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {keys, spawnApp, type PtyApp} from '../helpers/pty.js';
import {ATTACK_PIECES, CHALK_SGR_PARAMETERS, foreignSequences, type Vocabulary} from './escapes.js';

// The built CLI in a real pseudo-terminal against the simulator: the raw bytes under hostile API text,
// and the API slow and rate-limited, then gone and back on the same port.

const TOKEN = 'secret-token:reliabilitypty0123456789abcdef';
const SECRET = 'reliabilitypty0123456789abcdef';
const HOSTILE = ATTACK_PIECES.join('x');

const apps: PtyApp[] = [];
const simulators: Simulator[] = [];

afterEach(async () => {
	for (const app of apps.splice(0)) app.kill('SIGKILL');
	await Promise.all(simulators.splice(0).map(async simulator => simulator.close()));
});

const launch = (args: string[], env: Record<string, string | undefined> = {}): PtyApp => {
	const app = spawnApp({args, columns: 120, rows: 30, env: {CENSUS_API_TOKEN: TOKEN, NO_COLOR: undefined, CI: undefined, ...env}});
	apps.push(app);
	return app;
};

const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

/** What the app writes for layout (frame writer, alternate screen, cursor, title stack, mouse reporting) and colour. */
const ptyVocabulary = (origin: string): Vocabulary => ({
	csi: /^(?:\d+;\d+H|H|2J|K|2K|\?(?:25|1049|2026|1004|1000|1006)[hl]|2[23];2t)$/,
	sgr: CHALK_SGR_PARAMETERS,
	osc: new RegExp(`^(?:8;;(?:${origin.replaceAll('.', '\\.')}/[\\u0021-\\u007e]*)?|2;(?:census-watch[^\\u0000-\\u001f\\u007f-\\u009f]*)?|52;c;[A-Za-z0-9+/=]*)$`),
	c0: new Set(),
});

const osc52Payloads = (output: string): string[] =>
	[...output.matchAll(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map(match => Buffer.from(match[1] ?? '', 'base64').toString('utf8'));

describe('hostile API text in a real terminal', () => {
	it('writes only its own sequences, never the token, and OSC 52 only when y is pressed', async () => {
		const sim = await startSimulator({scenario: 'quiet', seed: 3, syncs: 0, history: 0, token: TOKEN});
		simulators.push(sim);
		const syncId = sim.world.addSync({label: `Evil ${HOSTILE} sync`, status: HOSTILE});
		const failed = sim.world.addRun(syncId, {
			status: 'failed',
			created_at: ago(600_000),
			current_step: HOSTILE,
			error_code: `CODE${HOSTILE}`,
			error_message: `message ${HOSTILE} ${TOKEN}`,
			error_detail: Array.from({length: 20}, (_, line) => `detail ${line} ${HOSTILE}`).join('\n'),
			sync_trigger_reason: {ui_tag: HOSTILE, ui_detail: HOSTILE},
		});
		const odd = sim.world.addRun(syncId, {status: `odd${HOSTILE}`, created_at: ago(60_000), completed_at: null, current_step: HOSTILE});

		const app = launch(['--base-url', sim.url, String(failed), String(odd)], {FORCE_HYPERLINK: '1'});
		await app.waitForText(/failed/, 30_000);
		app.press(keys.enter);
		await app.waitForText(/Esc back/);
		app.press(keys.escape);
		app.press(keys.down);
		app.press('e');
		await app.waitForText(/CODE/);
		for (let page = 0; page < 3; page++) app.press(keys.pageDown);
		await new Promise(resolve => setTimeout(resolve, 500));
		const beforeCopy = app.output();
		app.press('y');
		await new Promise(resolve => setTimeout(resolve, 500));
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);

		const bytes = app.output();
		expect(foreignSequences(bytes, ptyVocabulary(new URL(sim.url).origin))).toEqual([]);
		expect(bytes).toMatch(/\u001B\[3\dm/);
		expect(bytes).toContain(`\u001B]8;;${new URL(sim.url).origin}/syncs/${syncId}/`);
		expect(bytes).not.toContain(SECRET);
		expect(osc52Payloads(beforeCopy)).toEqual([]);
		const copied = osc52Payloads(bytes);
		expect(copied).toHaveLength(1);
		expect(copied[0]).toContain('CODE');
		expect(copied[0]).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		expect(copied[0]).not.toContain(SECRET);
	}, 90_000);
});

describe('a slow, rate-limited API that goes away and comes back', () => {
	it('shows the runs under 300 ms latency with every third request 429; when the API is gone keeps them and says offline since when; is live again within 20 s of its return', async () => {
		const sim = await startSimulator({port: 0, seed: 7, token: TOKEN, scenario: 'demo', syncs: 4, runDurationMs: 600_000});
		simulators.push(sim);
		const ids = sim.world.syncIds().map(syncId => String(sim.world.runIds(syncId)?.[0]));
		sim.faults.set({latencyMs: 300, rateLimitEvery: 3});
		const app = launch(['--base-url', sim.url, ...ids]);
		// A row with data: the run's status word before its id (before the first answer it says waiting).
		const shown = (screen: string) => ids.every(id => new RegExp(`(?:working|stalled|completed|failed|skipped)\\s+${id}\\b`).test(screen));
		await app.waitForText({test: shown} as RegExp, 60_000);
		expect(sim.requests.filter(entry => entry.status === 429).length).toBeGreaterThan(0);

		sim.faults.clear();
		await sim.suspend();
		const goneAt = new Date();
		// 'since 23:59:58', or 'since Dec 5 23:59' (no seconds) when the outage began before midnight and the
		// screen drew after it: compared as times of day, across midnight, to the minute in that case.
		const SINCE = /API unreachable since (?:[A-Z][a-z]{2} \d{1,2} )?(\d\d):(\d\d)(?::(\d\d))?/;
		const offline = await app.waitForText(SINCE, 60_000);
		expect(shown(offline)).toBe(true);
		const [hours, minutes, seconds] = SINCE.exec(offline)!.slice(1);
		const sinceSeconds = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0);
		const goneSeconds = goneAt.getHours() * 3600 + goneAt.getMinutes() * 60 + goneAt.getSeconds();
		const DAY = 86_400;
		const gap = ((((sinceSeconds - goneSeconds + DAY / 2) % DAY) + DAY) % DAY) - DAY / 2;
		expect(gap).toBeGreaterThanOrEqual(seconds === undefined ? -59 : 0);
		expect(gap).toBeLessThan(30);
		// Long enough for a backoff to have grown well past the 20 s the return is given.
		await new Promise(resolve => setTimeout(resolve, 15_000));
		expect(shown(await app.screenText())).toBe(true);

		await sim.resume();
		const live = await app.waitForText(/\blive\b/, 20_000);
		expect(shown(live)).toBe(true);
		expect(live).not.toMatch(/offline/);
		app.press('q');
		expect((await app.exited).exitCode).toBe(0);
	}, 180_000);
});
