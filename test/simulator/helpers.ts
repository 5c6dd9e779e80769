// Starts a simulator on 127.0.0.1 with a hand-driven clock, and talks to it with global fetch.
import {createManualClock, type ManualClock} from '../../source/simulator/clock.js';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/server.js';

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const TOKEN = 'secret-token:sim-test-7f3a';

export type Answer = {status: number; headers: Headers; body: unknown; text: string};

export type TestSimulator = {
	sim: Simulator;
	clock: ManualClock;
	/**
	 * Sends a request to a path under an API root (v1 unless `version` says otherwise), with that version's
	 * token (the test token on v1, the simulator's PAT on v2) unless `token` says otherwise.
	 */
	call(path: string, options?: {method?: string; token?: string | null; body?: string; version?: 'v1' | 'v2'; redirect?: 'follow' | 'manual'}): Promise<Answer>;
};

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
	const clock = createManualClock(T0);
	const sim = await startSimulator({clock, ...options});
	return {
		sim,
		clock,
		async call(path, {method = 'GET', version = 'v1', token = version === 'v1' ? TOKEN : sim.pat, body, redirect = 'manual'} = {}) {
			const headers: Record<string, string> = token === null ? {} : {authorization: `Bearer ${token}`};
			const root = version === 'v1' ? sim.v1Root : sim.v2Root;
			const response = await fetch(`${path.startsWith('/__sim') ? new URL(root).origin : root}${path}`, {method, headers, body, redirect});
			const text = await response.text();
			let parsed: unknown;
			try {
				parsed = JSON.parse(text) as unknown;
			} catch {
				parsed = undefined;
			}

			return {status: response.status, headers: response.headers, body: parsed, text};
		},
	};
}

export type Envelope = {status: unknown; data: unknown; pagination?: Record<string, unknown>; next?: unknown};

export const envelope = (answer: Answer): Envelope => answer.body as Envelope;

export const records = (answer: Answer): Array<Record<string, unknown>> => envelope(answer).data as Array<Record<string, unknown>>;
