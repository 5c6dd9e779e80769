import {spawn} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {binPath, cleanEnv, repoRoot, tempHome} from '../helpers/pty.js';

// The built CLI (`npm run build` first) against the simulator's history, which answers as Census does:
// finished runs keep current_step "Running Sync" and some failed runs have no completed_at. Every ended
// run must read as ended in --once and --once --json: done or where it stopped, a fixed duration, and
// progress counted against the records to send.

const TOKEN = 'secret-token:finished-runs-e2e-0123456789';
const simulators: Simulator[] = [];

afterEach(async () => {
	await Promise.all(simulators.splice(0).map(async simulator => simulator.close()));
});

async function once(sim: Simulator, args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const child = spawn(process.execPath, [binPath, '--base-url', sim.url, '--once', ...args], {
		cwd: repoRoot,
		env: cleanEnv(tempHome(), {CENSUS_API_TOKEN: TOKEN}),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	const code = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	clearTimeout(timer);
	return {code, stdout, stderr};
}

type Printed = {run: Record<string, unknown>; derived: Record<string, unknown>};

const time = (value: unknown): number | null => (typeof value === 'string' ? Date.parse(value) : null);
const count = (value: unknown): number | null => (typeof value === 'number' ? value : null);

describe('ended runs from the simulator, through the built CLI', () => {
	it('read as ended in --once and --once --json: done or where they stopped, fixed durations, records to send', async () => {
		const sim = await startSimulator({scenario: 'quiet', seed: 17, syncs: 4, history: 6});
		simulators.push(sim);
		const ids = sim.world.syncIds().flatMap(syncId => sim.world.runIds(syncId) ?? []);
		expect(ids.length).toBeGreaterThan(10);

		const json = await once(sim, ['--json', ...ids.map(String)]);
		expect(json.code).toBe(0);
		const printed = JSON.parse(json.stdout) as Printed[];
		expect(printed).toHaveLength(ids.length);
		// The history holds what this is about: "Running Sync" on ended runs, a failed run without completed_at.
		expect(printed.some(({run}) => /^running sync$/i.test(String(run['current_step'])))).toBe(true);
		expect(printed.some(({run}) => run['status'] === 'failed' && run['completed_at'] === null)).toBe(true);
		for (const {run, derived} of printed) {
			expect(derived['ended']).toBe(true);
			expect(derived['step_kind']).not.toBe('generic');
			if (derived['phase'] === 'completed') expect(derived).toMatchObject({step_kind: 'done', step_index: 7});
			const end = time(run['completed_at']) ?? time(run['updated_at']);
			expect(derived['duration_ms']).toBe(end! - time(run['created_at'])!);
			const updates = count(run['source_record_updates']);
			const deletes = count(run['source_record_deletes']);
			expect(derived['records_to_send']).toBe(updates === null || deletes === null ? null : updates + deletes);
			expect(derived['records_processed']).toBe(count(run['records_processed']));
		}

		const table = await once(sim, ids.map(String));
		expect(table.code).toBe(0);
		const rows = table.stdout.split('\n').filter(line => line.trim() !== '');
		expect(rows[0]).toContain('SENT/TO SEND');
		expect(table.stdout).not.toMatch(/running/i);
		for (const line of rows.filter(row => / completed /.test(row))) expect(line).toMatch(/ 7\/7 done /);
	}, 60_000);
});
