import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import type {Shared} from '../../source/polling/budget-ledger.js';
import {createSharedBudget, ledgerFileName, type OwnUse} from '../../source/polling/shared-budget.js';
import {LOCK_STALE_MS, processIsAlive} from '../../source/store/file-lock.js';
import {tempDirs} from '../helpers/temp-dirs.js';

const TOKEN = 'secret-token:shared-budget-7f3a9c';
const BASE_URL = 'https://app.getcensus.com/api/v1';
const NOW = 1_800_000_000_000;

const budgetDir = tempDirs('budget');
const tempDir = (): string => join(budgetDir(), 'budget');

/** An exchange that records `own` and gives back what it was shown. */
const record =
	(own: Partial<OwnUse> = {}) =>
	(shared: Shared) => ({result: shared, own: {sent: [], pauseUntil: 0, ...own}});

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', '']);
	if (child.pid === undefined || processIsAlive(child.pid)) throw new Error('no dead pid to test with');
	return child.pid;
}

describe('shared budget', () => {
	it('lets two parties on one token and API root see each other’s sends and pauses, in a file that holds no token', () => {
		const dir = tempDir();
		const a = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL});
		const b = createSharedBudget({dir, token: TOKEN, baseUrl: `${BASE_URL}/`});
		expect(a.exchange(NOW, record({sent: [NOW - 1000, NOW], pauseUntil: NOW + 5000}))).toEqual({sent: [], pauseUntil: 0});
		expect(b.exchange(NOW + 10, record({sent: [NOW + 10]}))).toEqual({sent: [NOW - 1000, NOW], pauseUntil: NOW + 5000});
		expect(a.exchange(NOW + 20, record({sent: [NOW - 1000, NOW]}))).toEqual({sent: [NOW + 10], pauseUntil: 0});

		const file = ledgerFileName(TOKEN, BASE_URL);
		expect(file).toMatch(/^[0-9a-f]{32}\.json$/);
		expect(readdirSync(dir)).toEqual([file]);
		expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		const text = readFileSync(join(dir, file), 'utf8');
		expect(text).not.toContain('shared-budget-7f3a9c');
		expect(text).not.toContain('getcensus');
	});

	it('keeps tokens and API roots apart', () => {
		const dir = tempDir();
		createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL}).exchange(NOW, record({sent: [NOW]}));
		const otherToken = createSharedBudget({dir, token: `${TOKEN}x`, baseUrl: BASE_URL});
		const otherRoot = createSharedBudget({dir, token: TOKEN, baseUrl: 'https://app-eu.getcensus.com/api/v1'});
		expect(otherToken.exchange(NOW, record())).toEqual({sent: [], pauseUntil: 0});
		expect(otherRoot.exchange(NOW, record())).toEqual({sent: [], pauseUntil: 0});
	});

	it('ignores the entry of a process that has died, and counts one that lives', () => {
		const dir = tempDir();
		const dead = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL, pid: deadPid()});
		const live = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL});
		dead.exchange(NOW, record({sent: [NOW - 2000, NOW - 1000], pauseUntil: NOW + 60_000}));
		live.exchange(NOW, record({sent: [NOW - 500]}));
		const reader = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL});
		expect(reader.exchange(NOW, record())).toEqual({sent: [NOW - 500], pauseUntil: 0});
	});

	it('waits while another party holds the lock, and takes over a lock left by a dead process or held too long', () => {
		const dir = tempDir();
		const budget = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL});
		budget.exchange(NOW, record({sent: [NOW]}));
		const lock = join(dir, `${ledgerFileName(TOKEN, BASE_URL)}.lock`);
		const decide = vi.fn(record());

		// The lock's age is told by its mtime against this process's clock: give it this clock's "now", so that
		// a clock shifted from the file system's (test:clock's faketime) does not make a fresh lock look old.
		const touch = (ageMs: number) => utimesSync(lock, (Date.now() - ageMs) / 1000, (Date.now() - ageMs) / 1000);
		writeFileSync(lock, String(process.pid));
		touch(0);
		expect(budget.exchange(NOW, decide)).toBeNull();
		expect(decide).not.toHaveBeenCalled();

		writeFileSync(lock, String(deadPid()));
		expect(budget.exchange(NOW, decide)).toEqual({sent: [], pauseUntil: 0});

		writeFileSync(lock, String(process.pid));
		touch(LOCK_STALE_MS + 1000);
		expect(budget.exchange(NOW, decide)).toEqual({sent: [], pauseUntil: 0});
		expect(decide).toHaveBeenCalledTimes(2);
		expect(readdirSync(dir)).toEqual([ledgerFileName(TOKEN, BASE_URL)]);
	});

	it('writes only news: nothing before the first send, and not again for the same sends', () => {
		const dir = tempDir();
		const budget = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL});
		budget.exchange(NOW, record());
		expect(readdirSync(dir)).toEqual([]);
		budget.exchange(NOW, record({sent: [NOW]}));
		const path = join(dir, ledgerFileName(TOKEN, BASE_URL));
		const first = statSync(path).ino;
		budget.exchange(NOW + 100, record({sent: [NOW]}));
		expect(statSync(path).ino).toBe(first);
		budget.exchange(NOW + 200, record({sent: [NOW, NOW + 200]}));
		expect(statSync(path).ino).not.toBe(first);
	});

	it('starts afresh over a torn or foreign ledger', () => {
		const dir = tempDir();
		const budget = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL});
		budget.exchange(NOW, record());
		writeFileSync(join(dir, ledgerFileName(TOKEN, BASE_URL)), '{"version": 1, "entries": {"x": {"pid"');
		expect(budget.exchange(NOW, record({sent: [NOW]}))).toEqual({sent: [], pauseUntil: 0});
		expect(JSON.parse(readFileSync(join(dir, ledgerFileName(TOKEN, BASE_URL)), 'utf8'))).toMatchObject({version: 1});
	});

	it('makes the directory again when it is deleted between exchanges, and keeps sharing', () => {
		const dir = tempDir();
		const onError = vi.fn();
		const a = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL, onError});
		const b = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL, onError});
		a.exchange(NOW, record({sent: [NOW]}));
		b.exchange(NOW + 10, record({sent: [NOW + 10]}));
		rmSync(dir, {recursive: true});
		expect(a.exchange(NOW + 20, record({sent: [NOW, NOW + 20]}))).toEqual({sent: [], pauseUntil: 0});
		expect(b.exchange(NOW + 30, record({sent: [NOW + 10, NOW + 30]}))).toEqual({sent: [NOW, NOW + 20], pauseUntil: 0});
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(onError).not.toHaveBeenCalled();
	});

	it('says once when the directory cannot be used, and each party then plans on its own', () => {
		const dir = tempDir();
		writeFileSync(join(dir, '..', 'budget'), 'a file where the directory should be');
		const onError = vi.fn();
		const budget = createSharedBudget({dir, token: TOKEN, baseUrl: BASE_URL, onError});
		expect(budget.exchange(NOW, record({sent: [NOW]}))).toEqual({sent: [], pauseUntil: 0});
		expect(budget.exchange(NOW + 1, record({sent: [NOW, NOW + 1]}))).toEqual({sent: [], pauseUntil: 0});
		expect(onError).toHaveBeenCalledTimes(1);
		expect(onError).toHaveBeenCalledWith(
			'The request budget cannot be shared with other census-watch windows (EEXIST); this one keeps its own.',
		);
	});
});
