import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {binPath, cleanEnv, keys, repoRoot, tempHome} from '../helpers/pty.js';
import {ago, e2eSession} from '../helpers/e2e.js';

// Issue 18's bugs in a real pseudo-terminal with the built CLI (npm run build first): --ascii writes only
// ASCII bytes, in the TUI and with --once; Esc followed by a key in the same read acts as Esc.

const TOKEN = 'secret-token:dailybugse2e0123456789abc';
const NON_ASCII = /[^\u0000-\u007F]/;

const session = e2eSession();

async function workspace() {
	const sim = await session.simulator({scenario: 'quiet', seed: 11, syncs: 0, history: 0, token: TOKEN});
	const {world} = sim;
	const syncId = world.addSync({label: 'Users → Salesforce Contacts (São Paulo)'});
	const failed = world.addRun(syncId, {
		created_at: ago(10 * 60_000),
		updated_at: ago(9 * 60_000),
		completed_at: ago(9 * 60_000),
		status: 'failed',
		current_step: 'Loading data into destination service',
		error_code: 'JSON_ARRAY_ERROR',
		error_message: 'Field “tags” — not an array…',
		error_detail: 'row 17 → “a,b” ✗',
	});
	const skipped = world.addRun(syncId, {created_at: ago(8 * 60_000), completed_at: ago(8 * 60_000), status: 'skipped', current_step: null});
	const working = world.addRun(syncId, {created_at: ago(60_000), updated_at: ago(5000), completed_at: null, status: 'working', current_step: 'Loading data into destination service'});
	return {sim, ids: [failed, skipped, working]};
}

describe('issue 18 in a real terminal', () => {
	it('--ascii: every byte of the TUI is ASCII, through the list, detail, inspector and help', async () => {
		const {sim, ids} = await workspace();
		const app = session.launch({args: ['--base-url', sim.url, '--ascii', ...ids.map(String)], columns: 120, rows: 30, env: {CENSUS_API_TOKEN: TOKEN}});
		await app.waitForText('Users -> Salesforce', 30_000);
		await app.waitForText('skipped');
		for (const key of ['G', keys.enter, 'e', '?']) {
			app.press(key);
			await new Promise(resolve => setTimeout(resolve, 300));
		}

		await app.waitForText('Everywhere');
		app.press(keys.escape);
		await app.waitForText('JSON_ARRAY_ERROR');
		app.press('q');
		await app.exited;
		const output = app.output();
		const offending = [...new Set([...output].filter(character => NON_ASCII.test(character)))];
		expect(offending).toEqual([]);
	});

	it('--ascii --once: every byte printed is ASCII', async () => {
		const {sim, ids} = await workspace();
		const home = tempHome();
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [binPath, '--base-url', sim.url, '--ascii', '--once', ...ids.map(String)], {
			cwd: repoRoot,
			env: cleanEnv(home, {CENSUS_API_TOKEN: TOKEN}),
		}).catch((error: {stdout: string; stderr: string}) => error);
		expect(stdout).toContain('Users -> Salesforce');
		expect(stdout + stderr).not.toMatch(NON_ASCII);
	});

	it('Esc and / in one read: Esc clears the filter being typed, / starts a new one', async () => {
		const {sim, ids} = await workspace();
		const app = session.launch({args: ['--base-url', sim.url, ...ids.map(String)], columns: 120, rows: 30, env: {CENSUS_API_TOKEN: TOKEN}});
		await app.waitForText('skipped', 30_000);
		app.press('/hubspot');
		await app.waitForText('/hubspot');
		app.press('\u001B/');
		app.press('fail');
		await app.waitForText(/\/ ?fail/);
		expect(await app.screenText()).not.toContain('hubspot');
	});
});
