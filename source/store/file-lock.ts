import {closeSync, openSync, statSync, unlinkSync, writeSync} from 'node:fs';
import {readFileNoFollow} from './safe-files.js';

// A short lock between census-watch processes: a lock file created exclusively (O_EXCL, which never
// follows a symlink) holding the holder's pid. It is held only while a file is read, changed and written
// (synchronously, well under a millisecond), so a busy lock means "try again in a moment"; one left by a
// process that died, or held far longer than any holder takes, is taken over.

/** A lock older than this was left by a process that died or hung while holding it. */
export const LOCK_STALE_MS = 2000;

const FILE_MODE = 0o600;

export type FileLock = {
	/** True when this process now holds the lock; false when another does. Throws on a file system error. */
	tryLock(): boolean;
	unlock(): void;
};

const errorCode = (error: unknown): string | undefined =>
	typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** kill(pid, 0) sends nothing: it only asks whether the process exists (EPERM: it does, as another user). */
export function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return errorCode(error) === 'EPERM';
	}
}

export function createFileLock(lockFile: string, options: {pid?: number; isAlive?: (pid: number) => boolean} = {}): FileLock {
	const pid = options.pid ?? process.pid;
	const isAlive = options.isAlive ?? processIsAlive;

	function create(): boolean {
		try {
			const fd = openSync(lockFile, 'wx', FILE_MODE);
			try {
				writeSync(fd, String(pid));
			} finally {
				closeSync(fd);
			}

			return true;
		} catch (error) {
			if (errorCode(error) === 'EEXIST') return false;
			throw error;
		}
	}

	/** Left by a process that is gone, or held far longer than any plan takes. */
	function isStale(): boolean {
		let text: string;
		let modifiedAt: number;
		try {
			modifiedAt = statSync(lockFile).mtimeMs;
			text = readFileNoFollow(lockFile, 64);
		} catch (error) {
			// Released meanwhile: worth one more try.
			if (errorCode(error) === 'ENOENT') return true;
			throw error;
		}

		if (Date.now() - modifiedAt > LOCK_STALE_MS) return true;
		const holder = Number(text);
		// An empty file is a lock whose holder has not written its pid yet, not a dead one.
		return text !== '' && Number.isSafeInteger(holder) && holder > 0 && !isAlive(holder);
	}

	function unlock(): void {
		try {
			unlinkSync(lockFile);
		} catch (error) {
			if (errorCode(error) !== 'ENOENT') throw error;
		}
	}

	return {
		tryLock() {
			if (create()) return true;
			if (!isStale()) return false;
			unlock();
			return create();
		},
		unlock,
	};
}
