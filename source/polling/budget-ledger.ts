import {BUDGET_WINDOW_MS} from './budget.js';

// The ledger that census-watch processes on one token and API root share, so that together they stay
// within one request budget: per process, its send times of the last minute and the 429 pause it knows
// of. Pure: the file, the lock and the liveness check are shared-budget.ts's. Whatever is read from the
// file is treated as untrusted (another version, a hand edit, a torn disk): what does not parse is left
// out, never a reason to stop polling.

export type LedgerEntry = {
	pid: number;
	/** Send times inside the window, oldest first. */
	sent: number[];
	/** No request of any process goes out before this (a 429's pause); 0 when none. */
	pauseUntil: number;
};

export type Ledger = {version: 1; entries: Record<string, LedgerEntry>};

/** What the other processes contribute at one moment. */
export type Shared = {
	/** Their send times inside the window, oldest first. */
	sent: number[];
	/** The latest 429 pause any of them knows of; 0 when none. */
	pauseUntil: number;
};

/** More processes than this on one token is a mistake; the ledger does not grow without bound for it. */
export const MAX_LEDGER_ENTRIES = 32;
/** Per process: far above any sensible budget, a bound on what a bad file can make us hold. */
export const MAX_ENTRY_SENDS = 1000;
/**
 * A pause read from the ledger counts for at most this long from now: the client caps a Retry-After the
 * same way, and a wrong clock or a bad file must not stop polling for hours.
 */
export const MAX_SHARED_PAUSE_MS = 5 * 60_000;

export const emptyLedger = (): Ledger => ({version: 1, entries: {}});

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function parseEntry(value: unknown): LedgerEntry | null {
	if (!isRecord(value)) return null;
	const {pid, sent, pauseUntil} = value;
	if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return null;
	if (!Array.isArray(sent) || !isTime(pauseUntil)) return null;
	const times = sent.filter(isTime).slice(-MAX_ENTRY_SENDS);
	return {pid, sent: times.sort((a, b) => a - b), pauseUntil};
}

/** The ledger in a file's parsed JSON; anything unreadable gives an empty one. */
export function parseLedger(value: unknown): Ledger {
	const ledger = emptyLedger();
	if (!isRecord(value) || value['version'] !== 1 || !isRecord(value['entries'])) return ledger;
	for (const [key, raw] of Object.entries(value['entries']).slice(0, MAX_LEDGER_ENTRIES)) {
		const entry = parseEntry(raw);
		if (entry !== null) ledger.entries[key] = entry;
	}

	return ledger;
}

/**
 * How far ahead of `now` another process's send may be and still count: two processes read the clock a
 * moment before one of them takes the lock, so the other's sends can be a few milliseconds "ahead".
 * Beyond this, the times come from a clock that has since been set back, and are left out.
 */
export const CLOCK_TOLERANCE_MS = 1000;

/** Send times that count at `now`: inside the window, and not from a clock since set back. */
const counting = (sent: readonly number[], now: number): number[] =>
	sent.filter(at => at > now - BUDGET_WINDOW_MS && at <= now + CLOCK_TOLERANCE_MS);

/**
 * What the other live processes have sent in the last minute, and the pause they know of. Entries of
 * dead processes are ignored: they are left behind by a crash or a kill, and a process that is gone will
 * send nothing more.
 */
export function sharedByOthers(ledger: Ledger, self: string, now: number, isAlive: (pid: number) => boolean): Shared {
	const sent: number[] = [];
	let pauseUntil = 0;
	for (const [key, entry] of Object.entries(ledger.entries)) {
		if (key === self || !isAlive(entry.pid)) continue;
		sent.push(...counting(entry.sent, now));
		if (entry.pauseUntil > now) pauseUntil = Math.max(pauseUntil, Math.min(entry.pauseUntil, now + MAX_SHARED_PAUSE_MS));
	}

	return {sent: sent.sort((a, b) => a - b), pauseUntil};
}

/**
 * The ledger with this process's entry replaced by what it has sent in the window and the pause it
 * knows of, and without the entries that no longer count (dead, or nothing in the window and no pause).
 */
export function withOwnEntry(
	ledger: Ledger,
	self: string,
	own: {pid: number; sent: readonly number[]; pauseUntil: number},
	now: number,
	isAlive: (pid: number) => boolean,
): Ledger {
	const entries: Record<string, LedgerEntry> = {};
	for (const [key, entry] of Object.entries(ledger.entries)) {
		if (key === self || !isAlive(entry.pid)) continue;
		const sent = counting(entry.sent, now);
		if (sent.length > 0 || entry.pauseUntil > now) entries[key] = {...entry, sent};
	}

	const kept = Object.keys(entries);
	// Room for this process: the entries that would have least to say (oldest last send) go first.
	if (kept.length >= MAX_LEDGER_ENTRIES) {
		const lastSend = (key: string): number => entries[key]?.sent.at(-1) ?? 0;
		for (const key of kept.sort((a, b) => lastSend(a) - lastSend(b)).slice(0, kept.length - MAX_LEDGER_ENTRIES + 1)) delete entries[key];
	}

	entries[self] = {pid: own.pid, sent: counting(own.sent, now).slice(-MAX_ENTRY_SENDS), pauseUntil: Math.max(0, own.pauseUntil)};
	return {version: 1, entries};
}
