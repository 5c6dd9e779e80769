import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {Worker} from 'node:worker_threads';
import {afterAll, describe, expect, it, vi} from 'vitest';
import type {CensusApi} from '../../source/census/api.js';
import {createCensusClient} from '../../source/census/client.js';
import {createPoller} from '../../source/polling/engine.js';
import {createManualClock} from '../../source/simulator/clock.js';
import {mulberry32} from '../../source/simulator/random.js';
import type {SimulatorOptions} from '../../source/simulator/server.js';
import {MAX_STEP_OBSERVATIONS} from '../../source/runs/observe.js';
import {createRunStore, type RunStoreState} from '../../source/store/run-store.js';

// A long watch in simulated time: store + engine + client over real HTTP to the simulator, with a manual
// clock as the engine's `now` and the simulator's, and the engine's timers faked and moved in step with it,
// while the followed syncs start and end runs throughout. Heap (after GC), timers, sockets and the store's
// sizes are sampled every simulated hour: after the first hour nothing may keep growing. The simulator
// (the built one) runs in a worker thread, whose heap is its own: what is measured is the app's alone, not
// the simulated workspace's history. The worker reads the clock from memory shared with this thread.
// SOAK_HOURS and SOAK_SYNCS set the length and size; `npm run soak` runs the full 24 hours with 20 followed
// syncs (about 200 watched runs), the normal suite a short form.

const HOURS = Number(process.env['SOAK_HOURS'] ?? 2);
const SYNCS = Number(process.env['SOAK_SYNCS'] ?? 5);
const HOUR = 3_600_000;
const STEP_MS = 1000;
/** Timers and handles of any kind that may be live at a sample: the engine's, the connection pool's. */
const FEW = 16;
const TOKEN = 'secret-token:soak0123456789abcdef';

// A GC to call before each heap sample: the one --expose-gc gives, or the same function reached at run time.
const collectGarbage: () => void =
	(globalThis as {gc?: () => void}).gc ??
	(() => {
		setFlagsFromString('--expose-gc');
		return runInNewContext('gc') as () => void;
	})();

const SERVER = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/simulator/server.js')).href;

const WORKER = `
const {parentPort, workerData} = require('node:worker_threads');
(async () => {
	const {startSimulator} = await import(workerData.server);
	const time = new Float64Array(workerData.clock);
	const sim = await startSimulator({...workerData.options, clock: {now: () => time[0]}});
	parentPort.postMessage({url: sim.url, syncIds: sim.world.syncIds()});
	parentPort.once('message', async () => {
		await sim.close();
		parentPort.postMessage('closed');
	});
})();
`;

type SimulatorThread = {url: string; syncIds: number[]; close(): Promise<void>};

/** The simulator in a worker thread, on a clock this thread sets. */
async function simulatorThread(options: SimulatorOptions, clock: Float64Array): Promise<SimulatorThread> {
	const worker = new Worker(WORKER, {eval: true, workerData: {server: SERVER, clock: clock.buffer, options}});
	const {url, syncIds} = await new Promise<{url: string; syncIds: number[]}>((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
	});
	return {
		url,
		syncIds,
		async close() {
			worker.postMessage('close');
			await new Promise(resolve => worker.once('message', resolve));
			await worker.terminate();
		},
	};
}

type Sample = {
	hour: number;
	heapUsedMb: number;
	fakeTimers: number;
	processListeners: number;
	resources: Record<string, number>;
	runs: number;
	moving: number;
	observations: number;
	maxSteps: number;
	fetchedAt: number;
	notices: number;
	requests: number;
};

/** Counts calls to the API that have not settled yet, so that time moves only when the answers are in. */
function tracked(api: CensusApi): {api: CensusApi; open: () => number} {
	let open = 0;
	const wrap =
		<A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			open++;
			try {
				return await call(...args);
			} finally {
				open--;
			}
		};

	return {
		api: {
			...api,
			listSyncs: wrap(api.listSyncs),
			listAllSyncs: wrap(api.listAllSyncs),
			getSync: wrap(api.getSync),
			listSyncRuns: wrap(api.listSyncRuns),
			getSyncRun: wrap(api.getSyncRun),
			triggerSync: wrap(api.triggerSync),
			cancelSyncRun: wrap(api.cancelSyncRun),
		},
		open: () => open,
	};
}

const countBy = (names: readonly string[]): Record<string, number> => {
	const counts: Record<string, number> = {};
	for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
	return counts;
};

function storeSizes(state: RunStoreState): Pick<Sample, 'runs' | 'moving' | 'observations' | 'maxSteps' | 'fetchedAt' | 'notices'> {
	const entries = Object.values(state.runs);
	return {
		runs: entries.length,
		moving: entries.filter(entry => entry.run !== null && entry.run.completedAt === null).length,
		observations: Object.keys(state.observations).length,
		maxSteps: Math.max(0, ...Object.values(state.observations).map(observation => observation.steps.length)),
		fetchedAt: Object.keys(state.fetchedAt).length,
		notices: state.notices.length,
	};
}

const samples: Sample[] = [];

afterAll(() => {
	vi.useRealTimers();
	process.stdout.write(`soak figures (${HOURS} h, ${SYNCS} followed syncs):\n${JSON.stringify(samples, null, 1)}\n`);
});

describe(`a ${HOURS}-hour watch of ${SYNCS} followed syncs in simulated time`, () => {
	it('keeps heap, timers, sockets and the store flat after the first hour', async () => {
		const start = Date.UTC(2026, 0, 5, 8);
		const clock = createManualClock(start);
		const shared = new Float64Array(new SharedArrayBuffer(8));
		shared[0] = start;
		const sim = await simulatorThread(
			{
				port: 0,
				seed: 24,
				token: TOKEN,
				scenario: 'demo',
				syncs: SYNCS,
				history: 12,
				variety: false,
				runDurationMs: [2 * 60_000, 25 * 60_000],
				schedulePeriodMs: [10 * 60_000, 45 * 60_000],
				keepRuns: 30,
				requestLogLimit: 100,
			},
			shared,
		);
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
		process.on('warning', onWarning);
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		try {
			const client = tracked(createCensusClient({baseUrl: sim.url, token: TOKEN, now: clock.now, random: mulberry32(1)}));
			const store = createRunStore({watch: {runIds: [], syncIds: sim.syncIds, all: false}});
			const poller = createPoller({api: client.api, store, now: clock.now, random: mulberry32(2)});
			const settle = async () => {
				for (let quiet = 0; quiet < 3; ) {
					await new Promise(resolve => setImmediate(resolve));
					quiet = client.open() === 0 ? quiet + 1 : 0;
				}
			};

			const sample = async (hour: number): Promise<Sample> => {
				// Between collections, a turn of the event loop: weak references and finalizers settle only then.
				for (let round = 0; round < 4; round++) {
					await new Promise(resolve => setImmediate(resolve));
					collectGarbage();
				}

				return {
					hour,
					heapUsedMb: Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 100) / 100,
					fakeTimers: vi.getTimerCount(),
					processListeners: process.eventNames().reduce((sum, name) => sum + process.listenerCount(name), 0),
					resources: countBy(process.getActiveResourcesInfo()),
					...storeSizes(store.getState()),
					requests: store.getState().requests.total,
				};
			};

			poller.start();
			await settle();
			for (let hour = 1; hour <= HOURS; hour++) {
				for (let elapsed = 0; elapsed < HOUR; elapsed += STEP_MS) {
					clock.advance(STEP_MS);
					shared[0] = clock.now();
					await vi.advanceTimersByTimeAsync(STEP_MS);
					await settle();
				}

				samples.push(await sample(hour));
			}

			poller.stop();
		} finally {
			vi.useRealTimers();
			process.off('warning', onWarning);
			await sim.close();
		}

		const first = samples[0]!;
		const last = samples.at(-1)!;
		expect(warnings).toEqual([]);
		// Runs started and ended all along: requests kept going, and the watched runs stayed at about ten per sync.
		expect(last.requests - (samples.at(-2) ?? first).requests).toBeGreaterThan(100);
		for (const {runs, moving} of samples) {
			expect(runs).toBeGreaterThanOrEqual(SYNCS * 10);
			expect(runs).toBeLessThanOrEqual(SYNCS * 10 + moving);
		}

		expect(last.heapUsedMb).toBeLessThanOrEqual(first.heapUsedMb * 1.1);
		expect(last.processListeners).toBe(first.processListeners);
		// Thousands of requests an hour: one timer, listener or socket kept per request would be thousands.
		// A few come and go with the connection pool (undici's timers run on the faked clock too).
		for (const {fakeTimers, resources} of samples) {
			expect(fakeTimers).toBeLessThanOrEqual(FEW);
			for (const [kind, count] of Object.entries(resources)) expect(count, kind).toBeLessThanOrEqual(FEW);
		}

		expect(last.observations).toBe(last.runs);
		expect(last.fetchedAt).toBe(last.runs);
		expect(Math.max(...samples.map(({maxSteps}) => maxSteps))).toBeLessThanOrEqual(MAX_STEP_OBSERVATIONS);
		expect(last.notices).toBe(0);
	}, 1_800_000);
});
