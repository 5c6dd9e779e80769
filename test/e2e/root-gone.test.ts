import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startFakeCensus, type FakeCensus} from '../polling/fake-census.js';
import {ROOT_GONE_FORMS} from '../reliability/health-server.js';
import {spawnApp, tempHome, type PtyApp} from '../helpers/pty.js';

// The built CLI in a real terminal while its API root goes away (a 410, as a retired v1 may answer): the
// screen explains it, every run stays on screen, the state file keeps the watch list, and a relaunch
// against the same gone root still has it all.

const TOKEN = 'secret-token:e2e-root-gone-0123456789';

const apps: PtyApp[] = [];
let fake: FakeCensus | null = null;

afterEach(async () => {
	for (const app of apps.splice(0)) app.kill('SIGKILL');
	await fake?.close();
	fake = null;
});

const launch = (home: string, args: string[]): PtyApp => {
	const app = spawnApp({args, home, columns: 140, rows: 24, env: {CENSUS_API_TOKEN: TOKEN}});
	apps.push(app);
	return app;
};

const savedWatch = (home: string): unknown =>
	(JSON.parse(readFileSync(path.join(home, 'state', 'census-watch', 'state.json'), 'utf8')) as {watch: unknown}).watch;

const RETIRED = /Census API v1 has been retired on 2027-01-15: create an Activations personal access token and use --api v2/;

describe('the API root goes away (410)', () => {
	it('shows the notice, keeps every run, and the watch list survives a relaunch', async () => {
		fake = await startFakeCensus({
			token: TOKEN,
			runs: [
				{id: 701, syncId: 70, status: () => 'working'},
				{id: 702, syncId: 71, status: () => 'completed'},
			],
		});
		const home = tempHome();
		const first = launch(home, ['--base-url', fake.baseUrl, '--sync', '70', '701', '702']);
		await first.waitForText({test: (screen: string) => /working\s+701/.test(screen) && /completed\s+702/.test(screen)} as RegExp, 30_000);
		const before = savedWatch(home);
		expect(before).toEqual({runIds: [701, 702], syncIds: [70], all: false});

		fake.fault = ROOT_GONE_FORMS['410'];
		const screen = await first.waitForText(RETIRED, 30_000);
		expect(screen).toContain('API v1 retired');
		// The runs are still there with what was last known; none reads "not found".
		expect(screen).toMatch(/working\s+701/);
		expect(screen).toMatch(/completed\s+702/);
		expect(screen).not.toMatch(/not found/);
		// Polling stopped: the next check of the root is a minute away.
		const hits = fake.hits.length;
		await new Promise(resolve => {
			setTimeout(resolve, 3000);
		});
		expect(fake.hits.length - hits).toBeLessThanOrEqual(1);
		first.press('q');
		await first.exited;
		expect(savedWatch(home)).toEqual(before);

		const second = launch(home, ['--base-url', fake.baseUrl]);
		const again = await second.waitForText(RETIRED, 30_000);
		expect(again).toMatch(/701/);
		expect(again).toMatch(/702/);
		second.press('q');
		await second.exited;
		expect(savedWatch(home)).toEqual(before);
	}, 120_000);
});
