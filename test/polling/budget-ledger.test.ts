import {describe, expect, it} from 'vitest';
import {
	CLOCK_TOLERANCE_MS,
	emptyLedger,
	MAX_ENTRY_SENDS,
	MAX_LEDGER_ENTRIES,
	MAX_SHARED_PAUSE_MS,
	parseLedger,
	sharedByOthers,
	withOwnEntry,
	type Ledger,
} from '../../source/polling/budget-ledger.js';
import {busiestMinuteOf, Sim, working, type WorldRun} from './sim.js';

const alive = (): boolean => true;

const ledgerOf = (entries: Ledger['entries']): Ledger => ({version: 1, entries});

describe('parseLedger', () => {
	it('gives an empty ledger for anything that is not one', () => {
		for (const value of [null, 'x', [], {version: 2, entries: {}}, {version: 1, entries: []}, {version: 1}]) {
			expect(parseLedger(value)).toEqual(emptyLedger());
		}
	});

	it('drops entries that do not parse, keeps finite times in order and bounds each entry', () => {
		const many = Array.from({length: MAX_ENTRY_SENDS + 10}, (_, index) => index + 1);
		const parsed = parseLedger({
			version: 1,
			entries: {
				a: {pid: 10, sent: [3, 'x', 1, Number.NaN, 2], pauseUntil: 0},
				b: {pid: -1, sent: [], pauseUntil: 0},
				c: {pid: 11, sent: 'no', pauseUntil: 0},
				d: {pid: 12, sent: [], pauseUntil: 'later'},
				e: {pid: 13, sent: many, pauseUntil: 5},
			},
		});
		expect(Object.keys(parsed.entries)).toEqual(['a', 'e']);
		expect(parsed.entries['a']).toEqual({pid: 10, sent: [1, 2, 3], pauseUntil: 0});
		expect(parsed.entries['e']?.sent).toHaveLength(MAX_ENTRY_SENDS);
		expect(parsed.entries['e']?.sent[0]).toBe(11);
	});

	it('reads at most MAX_LEDGER_ENTRIES processes', () => {
		const entries: Record<string, unknown> = {};
		for (let index = 0; index < MAX_LEDGER_ENTRIES + 5; index++) entries[`p${index}`] = {pid: index + 1, sent: [], pauseUntil: 0};
		expect(Object.keys(parseLedger({version: 1, entries}).entries)).toHaveLength(MAX_LEDGER_ENTRIES);
	});
});

describe('sharedByOthers', () => {
	const now = 100_000;

	it('counts the other live processes’ sends of the last minute, not its own, oldest first', () => {
		const ledger = ledgerOf({
			self: {pid: 1, sent: [90_000, 99_000], pauseUntil: 0},
			b: {pid: 2, sent: [30_000, 40_001, 95_000], pauseUntil: 0},
			c: {pid: 3, sent: [41_000, 99_999], pauseUntil: 0},
		});
		expect(sharedByOthers(ledger, 'self', now, alive)).toEqual({sent: [40_001, 41_000, 95_000, 99_999], pauseUntil: 0});
	});

	it('ignores a dead process’s entry, however recent its sends', () => {
		const ledger = ledgerOf({
			dead: {pid: 7, sent: [99_000, 99_500], pauseUntil: now + 30_000},
			live: {pid: 8, sent: [98_000], pauseUntil: 0},
		});
		expect(sharedByOthers(ledger, 'self', now, pid => pid !== 7)).toEqual({sent: [98_000], pauseUntil: 0});
	});

	it('counts a send a moment ahead (read the clock just after), not one far ahead (a clock set back), and caps a pause', () => {
		const ledger = ledgerOf({
			b: {pid: 2, sent: [99_000, now + 3, now + CLOCK_TOLERANCE_MS + 1], pauseUntil: now + 10 * MAX_SHARED_PAUSE_MS},
			c: {pid: 3, sent: [], pauseUntil: now + 1000},
		});
		expect(sharedByOthers(ledger, 'self', now, alive)).toEqual({sent: [99_000, now + 3], pauseUntil: now + MAX_SHARED_PAUSE_MS});
	});

	it('takes the latest pause that still holds', () => {
		const ledger = ledgerOf({
			b: {pid: 2, sent: [], pauseUntil: now - 1},
			c: {pid: 3, sent: [], pauseUntil: now + 2000},
			d: {pid: 4, sent: [], pauseUntil: now + 5000},
		});
		expect(sharedByOthers(ledger, 'self', now, alive).pauseUntil).toBe(now + 5000);
	});
});

describe('withOwnEntry', () => {
	const now = 100_000;

	it('replaces its own entry and drops what no longer counts: dead processes and entries with nothing in the window', () => {
		const ledger = ledgerOf({
			self: {pid: 1, sent: [10_000], pauseUntil: 0},
			dead: {pid: 7, sent: [99_000], pauseUntil: 0},
			old: {pid: 8, sent: [20_000], pauseUntil: 0},
			paused: {pid: 9, sent: [], pauseUntil: now + 1},
			busy: {pid: 10, sent: [20_000, 50_000], pauseUntil: 0},
		});
		const next = withOwnEntry(ledger, 'self', {pid: 1, sent: [30_000, 60_000, 100_000], pauseUntil: 0}, now, pid => pid !== 7);
		expect(next.entries).toEqual({
			paused: {pid: 9, sent: [], pauseUntil: now + 1},
			busy: {pid: 10, sent: [50_000], pauseUntil: 0},
			self: {pid: 1, sent: [60_000, 100_000], pauseUntil: 0},
		});
	});

	it('makes room for itself in a full ledger by dropping the entries whose last send is oldest', () => {
		const entries: Ledger['entries'] = {};
		for (let index = 0; index < MAX_LEDGER_ENTRIES; index++) entries[`p${index}`] = {pid: index + 1, sent: [50_000 + index], pauseUntil: 0};
		const next = withOwnEntry(ledgerOf(entries), 'self', {pid: 99, sent: [now], pauseUntil: 0}, now, alive);
		expect(Object.keys(next.entries)).toHaveLength(MAX_LEDGER_ENTRIES);
		expect(next.entries['p0']).toBeUndefined();
		expect(next.entries['p1']).toBeDefined();
		expect(next.entries['self']?.sent).toEqual([now]);
	});
});

describe('two processes on one token', () => {
	// Each watches runs of its own syncs, one working run per sync, so nothing batches and each alone would
	// fill the whole budget.
	const runsFrom = (first: number): WorldRun[] => Array.from({length: 12}, (_, index) => ({id: first + index, syncId: first + index, statusAt: working}));
	const LIMIT = 20;

	function pair(share: boolean): {a: Sim; b: Sim} {
		let ledger = emptyLedger();
		const party = (self: string, pid: number, runs: WorldRun[]) =>
			new Sim({
				runs,
				watch: runs.map(run => run.id),
				config: {budgetPerMinute: LIMIT, intervalMs: 2000},
				latencyMs: 50,
				others: share ? at => sharedByOthers(ledger, self, at, alive).sent : undefined,
				onCycle(sim) {
					if (share) ledger = withOwnEntry(ledger, self, {pid, sent: sim.state.sent, pauseUntil: 0}, sim.now, alive);
				},
			});
		return {a: party('a', 1, runsFrom(100)), b: party('b', 2, runsFrom(200))};
	}

	/** Both loops in time order, as the lock orders two processes: at any instant one plans after the other. */
	function runBoth({a, b}: {a: Sim; b: Sim}, until: number): void {
		let at = 0;
		for (let guard = 0; guard < 100_000 && at <= until; guard++) {
			// Both clocks at the same instant: neither plans at a time before the other's last plan.
			a.now = at;
			a.runUntil(at);
			b.now = at;
			b.runUntil(at);
			const next = Math.min(a.nextEventAt() ?? Number.POSITIVE_INFINITY, b.nextEventAt() ?? Number.POSITIVE_INFINITY);
			if (!Number.isFinite(next)) return;
			at = Math.max(next, at + 1);
		}
	}

	/** Most sends of both in any 60 s window. */
	function busiestJointMinute({a, b}: {a: Sim; b: Sim}): number {
		return busiestMinuteOf([...a.sent, ...b.sent].map(sent => sent.at));
	}

	it('together stay within one budget in every minute of an hour, and both get a share of it', () => {
		const both = pair(true);
		runBoth(both, 3_600_000);
		expect(busiestJointMinute(both)).toBe(LIMIT);
		expect(both.a.sent.length + both.b.sent.length).toBeGreaterThan(55 * LIMIT);
		expect(both.a.sent.length).toBeGreaterThan(10 * LIMIT);
		expect(both.b.sent.length).toBeGreaterThan(10 * LIMIT);
	});

	it('without the ledger would each fill the budget, twice the load on the API', () => {
		const both = pair(false);
		runBoth(both, 600_000);
		expect(busiestJointMinute(both)).toBe(2 * LIMIT);
	});
});
