import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {appendRotated} from '../../source/cli/crash.js';
import {createStateWriter, loadState, MAX_STATE_BYTES, type PersistedState} from '../../source/store/state-file.js';

// What census-watch writes on this machine: the log and everything under the state directory, against a
// symlink planted where a file is expected, a directory others can write to, an oversized state file, and
// a second window saving its own watch list to the same file.

const temp = (): string => mkdtempSync(path.join(tmpdir(), 'census-watch-files-'));

const saved = (runIds: number[], syncIds: number[] = []): PersistedState => ({version: 1, watch: {runIds, syncIds, all: false}, unseenFailures: [], timelines: {}});

const watchInFile = (file: string): unknown => (JSON.parse(readFileSync(file, 'utf8')) as PersistedState).watch;

describe('the log file', () => {
	it('is never written through a symlink', () => {
		const dir = temp();
		const victim = path.join(temp(), 'victim');
		writeFileSync(victim, 'precious\n');
		symlinkSync(victim, path.join(dir, 'census-watch.log'));
		expect(() => {
			appendRotated(path.join(dir, 'census-watch.log'), 'entry\n');
		}).toThrow(expect.objectContaining({code: 'ELOOP'}) as Error);
		expect(readFileSync(victim, 'utf8')).toBe('precious\n');
	});

	it('rotates as before', () => {
		const dir = temp();
		const log = path.join(dir, 'census-watch.log');
		appendRotated(log, 'a'.repeat(60), 100);
		appendRotated(log, 'b'.repeat(60), 100);
		expect(readFileSync(`${log}.1`, 'utf8')).toBe('a'.repeat(60));
		expect(readFileSync(log, 'utf8')).toBe('b'.repeat(60));
		expect(statSync(log).mode & 0o777).toBe(0o600);
	});
});

describe('the state directory', () => {
	it('is made private when it is ours and others could write to it, with a notice', () => {
		const dir = path.join(temp(), 'census-watch');
		mkdirSync(dir);
		chmodSync(dir, 0o777);
		const onError = vi.fn();
		const writer = createStateWriter(path.join(dir, 'state.json'), {onError});
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(onError).toHaveBeenCalledWith(expect.stringContaining('it was made private (0700)'));
		expect(writer.write(saved([1]))).toBe(true);
	});

	// Only root can give a directory to another user.
	it.skipIf(process.getuid?.() !== 0)('is refused for writing when it is not ours and others could write to it', () => {
		const dir = path.join(temp(), 'census-watch');
		mkdirSync(dir);
		chownSync(dir, 12_345, 12_345);
		chmodSync(dir, 0o777);
		const onError = vi.fn();
		const writer = createStateWriter(path.join(dir, 'state.json'), {onError});
		expect(onError).toHaveBeenCalledWith(expect.stringContaining('The watch list is not saved'));
		expect(writer.write(saved([1]))).toBe(false);
		expect(readdirSync(dir)).toEqual([]);
		expect(statSync(dir).mode & 0o777).toBe(0o777);
	});
});

describe('the state file', () => {
	it('is moved aside like a corrupt one when it is larger than a few MB', () => {
		const file = path.join(temp(), 'state.json');
		writeFileSync(file, `{"version":1,"watch":{"runIds":[1],"syncIds":[],"all":false},"pad":"${'x'.repeat(MAX_STATE_BYTES)}"}`);
		const {state, notice} = loadState(file, {now: () => Date.UTC(2026, 0, 2)});
		expect(state).toBeNull();
		expect(notice).toBe(`The saved watch list was larger than 4 MB; it was moved to ${file}.corrupt-2026-01-02T00-00-00.000Z.`);
		expect(existsSync(file)).toBe(false);
	});

	it('is not read through a symlink, and a write replaces the symlink', () => {
		const dir = temp();
		const elsewhere = path.join(temp(), 'other.json');
		writeFileSync(elsewhere, JSON.stringify(saved([99])));
		const file = path.join(dir, 'state.json');
		symlinkSync(elsewhere, file);
		expect(loadState(file)).toEqual({state: null, notice: 'Could not read the saved watch list (it is a symlink); starting without it.'});
		createStateWriter(file, {onError: vi.fn()}).write(saved([1]));
		expect(watchInFile(file)).toEqual({runIds: [1], syncIds: [], all: false});
		expect(watchInFile(elsewhere)).toEqual({runIds: [99], syncIds: [], all: false});
	});

	it('keeps what two windows add, and what either removes stays removed', () => {
		const file = path.join(temp(), 'state.json');
		const start = saved([1]);
		writeFileSync(file, JSON.stringify(start));
		const first = createStateWriter(file, {onError: vi.fn(), previous: start});
		const second = createStateWriter(file, {onError: vi.fn(), previous: start});

		first.write(saved([1, 2], [50]));
		second.write(saved([1, 3]));
		expect(watchInFile(file)).toEqual({runIds: [1, 2, 3], syncIds: [50], all: false});

		// The first window removes run 1 (x); the second, which still shows it, saves for another reason.
		first.write(saved([2], [50]));
		second.write(saved([1, 3, 4]));
		expect(watchInFile(file)).toEqual({runIds: [2, 3, 4], syncIds: [50], all: false});

		// The second removes its own run 3; run 1, which the first removed, is still on its screen and stays gone.
		second.write(saved([1, 4]));
		expect(watchInFile(file)).toEqual({runIds: [2, 4], syncIds: [50], all: false});
	});
});
