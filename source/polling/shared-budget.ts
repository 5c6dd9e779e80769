import {createHash, randomBytes} from 'node:crypto';
import {renameSync, unlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {createFileLock, processIsAlive} from '../store/file-lock.js';
import {ensurePrivateDirectory, readFileNoFollow} from '../store/safe-files.js';
import {emptyLedger, parseLedger, sharedByOthers, withOwnEntry, type Ledger, type Shared} from './budget-ledger.js';

// One request budget per token and API root, shared by every census-watch process on this machine: a
// ledger file per (token, API root) under the state directory, read and rewritten under a short lock, so
// that a second window does not double the load on the API. The lock is held only while one plan is
// made (synchronously, well under a millisecond of work), so a busy lock means "try again in a moment".
// Nothing here may stop polling: when the directory cannot be used, each process keeps its own budget.

export type OwnUse = {
	/** This process's send times inside the window, oldest first. */
	sent: readonly number[];
	/** The 429 pause this process knows of; 0 when none. */
	pauseUntil: number;
};

export type SharedBudget = {
	/**
	 * Under the lock: gives what the other processes sent and the pause they know of, lets `decide` plan
	 * with it, and records what this process has sent (the plan's sends included). Null when another
	 * process holds the lock: nothing was decided, ask again shortly.
	 */
	exchange<T>(now: number, decide: (shared: Shared) => {result: T; own: OwnUse}): T | null;
};

export type SharedBudgetOptions = {
	/** The directory of ledgers, e.g. $XDG_STATE_HOME/census-watch/budget. */
	dir: string;
	token: string;
	baseUrl: string;
	/** Told once when the ledger cannot be used; the message holds no token. */
	onError?: (message: string) => void;
	/** For tests: this process's id, and whether a process lives. */
	pid?: number;
	isAlive?: (pid: number) => boolean;
};

const FILE_MODE = 0o600;
/** Far above what MAX_LEDGER_ENTRIES entries of MAX_ENTRY_SENDS sends take. */
const MAX_LEDGER_BYTES = 4 * 1024 * 1024;

/** The ledger's file name: a hash, so the token is never on disk, not even in a name. */
export function ledgerFileName(token: string, baseUrl: string): string {
	const root = baseUrl.replace(/\/+$/, '');
	return `${createHash('sha256').update(`census-watch budget\n${root}\n${token}`).digest('hex').slice(0, 32)}.json`;
}

const errorCode = (error: unknown): string | undefined =>
	typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

const describe = (error: unknown): string => errorCode(error) ?? (error instanceof Error ? error.name : 'unknown error');

export function createSharedBudget(options: SharedBudgetOptions): SharedBudget {
	const pid = options.pid ?? process.pid;
	const isAlive = options.isAlive ?? processIsAlive;
	// Two instances in one process (tests) are two parties as well: the key is more than the pid.
	const self = `${pid}-${Date.now()}-${randomBytes(4).toString('hex')}`;
	const file = join(options.dir, ledgerFileName(options.token, options.baseUrl));
	const fileLock = createFileLock(`${file}.lock`, {pid, isAlive});
	let disabled = false;
	let dirChecked = false;
	let written: {lastSent: number | null; pauseUntil: number} = {lastSent: null, pauseUntil: 0};

	function read(): Ledger {
		let text: string;
		try {
			text = readFileNoFollow(file, MAX_LEDGER_BYTES);
		} catch (error) {
			if (errorCode(error) === 'ENOENT') return emptyLedger();
			throw error;
		}

		try {
			return parseLedger(JSON.parse(text));
		} catch {
			// A torn or foreign file: start a fresh ledger over it.
			return emptyLedger();
		}
	}

	/** Readers see the old ledger or the new one, never half: a temp file and a rename. */
	function write(ledger: Ledger): void {
		const temp = join(options.dir, `.${randomBytes(6).toString('hex')}.budget.tmp`);
		writeFileSync(temp, JSON.stringify(ledger), {mode: FILE_MODE, flag: 'wx'});
		try {
			renameSync(temp, file);
		} catch (error) {
			unlinkSync(temp);
			throw error;
		}
	}

	/**
	 * Runs `action` in the ledger directory, checked on first use rather than on every poll cycle. A
	 * directory deleted since (ENOENT) is made and checked again, and the action tried once more.
	 */
	function inDirectory<T>(action: () => T): T {
		if (!dirChecked) {
			ensurePrivateDirectory(options.dir);
			dirChecked = true;
		}

		try {
			return action();
		} catch (error) {
			if (errorCode(error) !== 'ENOENT') throw error;
			dirChecked = false;
			ensurePrivateDirectory(options.dir);
			dirChecked = true;
			return action();
		}
	}

	function disable(error: unknown): void {
		if (disabled) return;
		disabled = true;
		options.onError?.(`The request budget cannot be shared with other census-watch windows (${describe(error)}); this one keeps its own.`);
	}

	function unlockQuietly(): void {
		try {
			fileLock.unlock();
		} catch (error) {
			disable(error);
		}
	}

	/** Records this process's use when it is news: a plan that sent nothing and learnt no pause leaves the file alone. */
	function record(ledger: Ledger, own: OwnUse, now: number): void {
		const lastSent = own.sent.at(-1) ?? null;
		if (lastSent === written.lastSent && own.pauseUntil === written.pauseUntil) return;
		try {
			const next = withOwnEntry(ledger, self, {pid, sent: own.sent, pauseUntil: own.pauseUntil}, now, isAlive);
			inDirectory(() => {
				write(next);
			});
			written = {lastSent, pauseUntil: own.pauseUntil};
		} catch (error) {
			disable(error);
		}
	}

	const alone: Shared = {sent: [], pauseUntil: 0};

	return {
		exchange(now, decide) {
			if (disabled) return decide(alone).result;
			let ledger: Ledger;
			try {
				if (!inDirectory(() => fileLock.tryLock())) return null;
			} catch (error) {
				disable(error);
				return decide(alone).result;
			}

			try {
				ledger = read();
			} catch (error) {
				unlockQuietly();
				disable(error);
				return decide(alone).result;
			}

			try {
				const {result, own} = decide(sharedByOthers(ledger, self, now, isAlive));
				record(ledger, own, now);
				return result;
			} finally {
				unlockQuietly();
			}
		},
	};
}
