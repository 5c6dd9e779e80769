import {vi} from 'vitest';
import type {RequestEvent} from '../../source/census/api.js';
import {createCensusClient} from '../../source/census/client.js';
import type {SchedulerConfig} from '../../source/polling/config.js';
import {createPoller, type Poller} from '../../source/polling/engine.js';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/server.js';
import type {WatchList} from '../../source/runs/model.js';
import {createRunStore, type RunStoreApi} from '../../source/store/run-store.js';

// Store + engine + client against the simulator over real HTTP, as the TUI wires them, with the time
// constants scaled down (interval, gaps, backoffs, the offline probe) so that a fault plays out in seconds.
// The client keeps its retries within a call, as in the TUI.

export const TOKEN = 'secret-token:reliability0123456789abcdef';

export const FAST: Partial<SchedulerConfig> = {
	intervalMs: 250,
	minGapMs: 100,
	backoff: {baseDelayMs: 100, maxDelayMs: 400},
	offlineProbeMs: 500,
	rateLimitBackoff: {baseDelayMs: 200, maxDelayMs: 2000},
};

export type Rig = {sim: Simulator; store: RunStoreApi; poller: Poller; attempts: RequestEvent[]};

const rigs: Rig[] = [];
const closers: Array<() => Promise<void>> = [];

/** Call from afterEach: stops every poller and closes every server started by this file's tests. */
export async function closeRigs(): Promise<void> {
	for (const {sim, poller} of rigs.splice(0)) {
		poller.stop();
		await sim.close();
	}

	for (const close of closers.splice(0)) await close();
}

export const onClose = (close: () => Promise<void>): void => {
	closers.push(close);
};

export async function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
	return startSimulator({port: 0, seed: 7, token: TOKEN, scenario: 'demo', syncs: 4, runDurationMs: 600_000, ...options});
}

export function rig(
	sim: Simulator,
	options: {watch?: Partial<WatchList>; config?: Partial<SchedulerConfig>; baseUrl?: string; token?: string} = {},
): Rig {
	const store = createRunStore({watch: {runIds: [], syncIds: [], all: false, ...options.watch}});
	const attempts: RequestEvent[] = [];
	const api = createCensusClient({
		baseUrl: options.baseUrl ?? sim.url,
		token: options.token ?? TOKEN,
		timeoutMs: 5000,
		retry: {limit: 2, baseDelayMs: 50, maxDelayMs: 200, rateLimitBaseDelayMs: 200},
		onRequest(event) {
			attempts.push(event);
		},
	});
	const poller = createPoller({api, store, config: {...FAST, ...options.config}});
	const made = {sim, store, poller, attempts};
	rigs.push(made);
	return made;
}

/** The newest run of each of the simulator's syncs: under way in the demo scenario with long runs. */
export const newestRuns = (sim: Simulator): number[] => sim.world.syncIds().map(syncId => sim.world.runIds(syncId)?.[0] ?? 0);

/** Waits for an expectation; generous, since other suites load the machine. */
export const eventually = async (check: () => void, timeout = 15_000): Promise<void> => vi.waitFor(check, {timeout, interval: 25});

export const sleep = async (ms: number): Promise<void> =>
	new Promise(resolve => {
		setTimeout(resolve, ms);
	});

/** The most HTTP attempts that were out at the same moment. */
export function mostAtOnce(events: readonly RequestEvent[]): number {
	const edges = events.flatMap(event => [
		{at: event.startedAt, step: 1},
		{at: event.startedAt + event.durationMs, step: -1},
	]);
	edges.sort((a, b) => a.at - b.at || a.step - b.step);
	let open = 0;
	let most = 0;
	for (const edge of edges) {
		open += edge.step;
		most = Math.max(most, open);
	}

	return most;
}
