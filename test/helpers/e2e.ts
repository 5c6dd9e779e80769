import {afterEach} from 'vitest';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/server.js';
import {spawnApp, type PtyApp, type SpawnOptions} from './pty.js';

// The setup every e2e file shares: the simulators and apps a test starts are closed and killed after it,
// even when it fails half-way, so that no pty or port outlives its test.

export const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

export const settle = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Run `id`'s row once it matches `pattern`; `rowOf` finds the row on a screen (rows differ by screen). */
export async function waitForRow(app: PtyApp, rowOf: (screen: string, id: number) => string, id: number, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = await app.screenText();
		const row = rowOf(screen, id);
		if (pattern.test(row)) return row;
		if (Date.now() > deadline) throw new Error(`row ${id} never matched ${String(pattern)}; screen:\n${screen}`);
		await settle(50);
	}
}

export type E2eSession = {
	/** Starts a simulator that is closed after the test. */
	simulator(options: SimulatorOptions): Promise<Simulator>;
	/** Spawns the built CLI in a pty that is killed after the test. */
	launch(options: SpawnOptions): PtyApp;
};

/** Call at a test file's top level: it registers the afterEach that cleans up. */
export function e2eSession(): E2eSession {
	const apps: PtyApp[] = [];
	const simulators: Simulator[] = [];
	afterEach(async () => {
		for (const app of apps.splice(0)) app.kill('SIGKILL');
		await Promise.all(simulators.splice(0).map(async simulator => simulator.close()));
	});
	return {
		async simulator(options) {
			const sim = await startSimulator(options);
			simulators.push(sim);
			return sim;
		},
		launch(options) {
			const app = spawnApp(options);
			apps.push(app);
			return app;
		},
	};
}
