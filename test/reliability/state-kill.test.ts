import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {createStateWriter, loadState, STALE_TEMP_MS} from '../../source/store/state-file.js';
import {repoRoot} from '../helpers/pty.js';

// kill -9 while the watch list is being saved: a child process saves ever-changing watch lists through
// the real writer (the built one, as the CLI runs it) as fast as it can, and is killed at a random moment.
// Whatever the moment, the state file that is left reads back whole; the temp files of interrupted saves
// are swept by the next writer once they are old enough that no save can still be using them.

const WRITER = pathToFileURL(path.join(repoRoot, 'dist/store/state-file.js')).href;

// Lists of up to a thousand ids make a write long enough for kills to land inside it.
const SAVER = `
import {writeSync} from 'node:fs';
const {createStateWriter} = await import(process.env.WRITER);
const writer = createStateWriter(process.env.STATE_FILE, {onError: message => { writeSync(2, message + '\\n'); process.exit(3); }});
for (let round = 1; ; round++) {
	const runIds = Array.from({length: 1 + (round * 7919) % 1000}, (_, index) => 1000 + round + index);
	writer.write({version: 1, watch: {runIds, syncIds: [round % 50 + 1], all: round % 2 === 0}, unseenFailures: runIds.slice(0, round % 30)});
	if (round === 1) writeSync(1, 'saved\\n');
}
`;

const KILLS = 20;

async function saveAndKill(script: string, stateFile: string, afterMs: number): Promise<void> {
	// The saver runs on the machine's clock, like the files it writes: under test:clock's faketime the
	// shifted clock would make every temp file of an earlier save look a year old (or not yet made).
	const {LD_PRELOAD: _preload, FAKETIME: _faketime, ...env} = process.env;
	const child = spawn(process.execPath, [script], {env: {...env, WRITER, STATE_FILE: stateFile}, stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exited = new Promise<NodeJS.Signals | null>(resolve => {
		child.on('exit', (_code, signal) => resolve(signal));
	});
	await new Promise<void>((resolve, reject) => {
		child.stdout.once('data', () => resolve());
		child.once('exit', () => reject(new Error(`the saver exited before saving: ${stderr}`)));
	});
	await new Promise(resolve => setTimeout(resolve, afterMs));
	child.kill('SIGKILL');
	expect(await exited).toBe('SIGKILL');
}

describe('kill -9 while saving the watch list', () => {
	it(`leaves a state file that loads, every one of ${KILLS} times`, async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'census-watch-kill-'));
		const script = path.join(dir, 'saver.mjs');
		writeFileSync(script, SAVER);
		const stateFile = path.join(dir, 'state', 'census-watch', 'state.json');
		const seen = new Set<string>();
		for (let kill = 0; kill < KILLS; kill++) {
			await saveAndKill(script, stateFile, Math.floor(Math.random() * 100));
			const {state, notice} = loadState(stateFile);
			expect(notice).toBeNull();
			expect(state?.watch.runIds.length).toBeGreaterThan(0);
			seen.add(JSON.stringify(state?.watch));
			expect(readdirSync(path.dirname(stateFile)).filter(name => name.includes('corrupt'))).toEqual([]);
		}

		// The kills landed at different points of the save loop, not all before its second write.
		expect(seen.size).toBeGreaterThan(3);

		const left = readdirSync(path.dirname(stateFile));
		const temps = left.filter(name => name.endsWith('.tmp'));
		expect(temps.length).toBeGreaterThan(0);
		// "Now" is told from the leftovers' own times (temps, and a lock a kill left held), so that the test
		// does not depend on this process's clock.
		const leftovers = left.filter(name => name !== 'state.json');
		const newest = Math.max(...leftovers.map(name => statSync(path.join(path.dirname(stateFile), name)).mtimeMs));
		createStateWriter(stateFile, {onError: () => undefined, now: () => newest});
		expect(readdirSync(path.dirname(stateFile))).toEqual(left);
		createStateWriter(stateFile, {onError: () => undefined, now: () => newest + STALE_TEMP_MS + 1000});
		expect(readdirSync(path.dirname(stateFile))).toEqual(['state.json']);
	}, 120_000);
});
