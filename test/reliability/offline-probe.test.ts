import {describe, expect, it} from 'vitest';
import {DEFAULT_SCHEDULER_CONFIG} from '../../source/polling/config.js';
import type {Outcome} from '../../source/polling/scheduler.js';
import {mulberry32} from '../../source/simulator/random.js';
import {Sim, working, type Sent} from '../polling/sim.js';

// The scheduler while the whole API is gone (every request ends in a network error) and after it comes
// back, over simulated time: one probe at a time, and the API found again within one probe step however
// long it was away, with the default configuration the TUI runs.

const PROBE_MS = DEFAULT_SCHEDULER_CONFIG.offlineProbeMs;
const LATENCY_MS = 300;
const MINUTE = 60_000;

const down =
	(from: number, to: number, before: Outcome | null = null) =>
	(_target: unknown, at: number): Outcome | null => {
		if (at < from) return before;
		return at < to ? {kind: 'failed', error: 'network'} : null;
	};

/** When data first came back at or after `from`: for one run, or for any run by any route. */
const firstFetchFrom = (sim: Sim, from: number, runId?: number): number => {
	const times = runId === undefined ? [...sim.fetches.values()].flat() : (sim.fetches.get(runId) ?? []);
	return Math.min(...times.filter(at => at >= from));
};

const sentBetween = (sim: Sim, from: number, to: number): Sent[] => sim.sent.filter(s => s.at >= from && s.at < to);

const singleRun = (fault: ReturnType<typeof down>, seed: number) =>
	new Sim({
		runs: [{id: 1, syncId: 1, statusAt: working}],
		watch: [1],
		latencyMs: LATENCY_MS,
		fault,
		random: mulberry32(seed),
	});

describe('the API gone and back', () => {
	it.each([
		['a minute', MINUTE],
		['ten minutes', 10 * MINUTE],
		['three hours', 180 * MINUTE],
	])('finds it again within one probe step after %s away', (_name, away) => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const from = 2 * MINUTE;
			const sim = singleRun(down(from, from + away), seed);
			sim.runUntil(from + away + 2 * MINUTE);
			expect(firstFetchFrom(sim, from + away) - (from + away)).toBeLessThanOrEqual(PROBE_MS + LATENCY_MS);
		}
	});

	it('a 5xx streak before the outage does not stretch the wait after it', () => {
		const serverErrors: Outcome = {kind: 'failed', error: 'server'};
		const fault = (_target: unknown, at: number): Outcome | null => (at < 5 * MINUTE ? serverErrors : down(5 * MINUTE, 15 * MINUTE)(null, at));
		const sim = singleRun(fault, 9);
		sim.runUntil(20 * MINUTE);
		expect(firstFetchFrom(sim, 15 * MINUTE) - 15 * MINUTE).toBeLessThanOrEqual(PROBE_MS + LATENCY_MS);
	});

	it('with 200 runs in 20 syncs sends one probe at a time, a few a minute, and refreshes every run soon after', () => {
		const runs = Array.from({length: 200}, (_, index) => ({id: 1000 + index, syncId: 1 + (index % 20), statusAt: working}));
		const from = 5 * MINUTE;
		const to = from + 30 * MINUTE;
		const sim = new Sim({runs, watch: runs.map(run => run.id), latencyMs: LATENCY_MS, fault: down(from, to), random: mulberry32(11)});
		sim.runUntil(to + 5 * MINUTE);

		// Give the requests in flight when it went down a moment to fail, then look at the probes.
		const probes = sentBetween(sim, from + MINUTE, to);
		const gaps = probes.slice(1).map((probe, index) => probe.at - (probes[index]?.at ?? 0));
		expect(Math.min(...gaps)).toBeGreaterThan(LATENCY_MS);
		expect(Math.max(...gaps)).toBeLessThanOrEqual(PROBE_MS + LATENCY_MS);
		expect(probes.length).toBeLessThanOrEqual((29 * MINUTE) / (PROBE_MS / 2));

		const lateness = runs.map(run => firstFetchFrom(sim, to, run.id) - to);
		expect(Math.max(...lateness)).toBeLessThan(PROBE_MS + 30_000);
	});
});
