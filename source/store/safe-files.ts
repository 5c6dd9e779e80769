import {randomBytes} from 'node:crypto';
import {
	closeSync,
	constants,
	fchmodSync,
	fstatSync,
	fsyncSync,
	lstatSync,
	mkdirSync,
	openSync,
	readSync,
	renameSync,
	unlinkSync,
	writeSync,
	chmodSync,
} from 'node:fs';
import {dirname, join} from 'node:path';

// Files under the state directory are opened without following a symlink at the last component: another
// user (or a stray link) could otherwise point the log or the watch list at a file of ours elsewhere.
// Writes that replace a file go through a temp file and a rename, which replaces a symlink instead of
// writing through it. The directory itself must be ours alone, as ssh asks of ~/.ssh.

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
const {O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY} = constants;

/** An error with an errno-style code, as fs raises them, for a file that is too large to read. */
export class FileTooLargeError extends Error {
	readonly code = 'EFBIG';
}

/** Opens for appending (created 0600 when missing); fails with ELOOP on a symlink. Returns the fd. */
export const openForAppend = (path: string): number => openSync(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, FILE_MODE);

/** Reads a whole file, not through a symlink and not past maxBytes (FileTooLargeError beyond). */
export function readFileNoFollow(path: string, maxBytes: number): string {
	const fd = openSync(path, O_RDONLY | O_NOFOLLOW);
	try {
		const {size} = fstatSync(fd);
		if (size > maxBytes) throw new FileTooLargeError(`${size} bytes, more than ${maxBytes}`);
		const buffer = Buffer.alloc(size);
		let read = 0;
		while (read < size) {
			const count = readSync(fd, buffer, read, size - read, read);
			if (count === 0) break;
			read += count;
		}

		return buffer.subarray(0, read).toString('utf8');
	} finally {
		closeSync(fd);
	}
}

/** Temp file in the same directory, fsync, rename: readers see the old file or the new one, never half. */
export function writeFileAtomically(path: string, text: string, tempSuffix: string): void {
	const dir = dirname(path);
	const temp = join(dir, `.${randomBytes(6).toString('hex')}${tempSuffix}`);
	const fd = openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, FILE_MODE);
	try {
		fchmodSync(fd, FILE_MODE);
		writeSync(fd, text);
		fsyncSync(fd);
	} catch (error) {
		closeSync(fd);
		unlinkSync(temp);
		throw error;
	}

	closeSync(fd);
	try {
		renameSync(temp, path);
	} catch (error) {
		unlinkSync(temp);
		throw error;
	}
}

/** A directory that cannot be trusted with our files: not a directory, or writable by others and not ours. */
export class UnsafeDirectoryError extends Error {
	readonly code = 'EUNSAFE';
}

/**
 * Creates the directory (0700) when missing. One that others may write to is made private when it is
 * ours; when it is not ours, or not a directory, it is refused (UnsafeDirectoryError). Answers whether it
 * had to be made private, for a notice.
 */
export function ensurePrivateDirectory(dir: string): {madePrivate: boolean} {
	mkdirSync(dir, {recursive: true, mode: DIR_MODE});
	const stat = lstatSync(dir);
	if (!stat.isDirectory()) throw new UnsafeDirectoryError(`${dir} is not a directory (a symlink?)`);
	if ((stat.mode & 0o022) === 0) return {madePrivate: false};
	const uid = process.getuid?.();
	if (uid !== undefined && stat.uid !== uid) throw new UnsafeDirectoryError(`${dir} can be written by other users and is not ours`);
	chmodSync(dir, DIR_MODE);
	return {madePrivate: true};
}
