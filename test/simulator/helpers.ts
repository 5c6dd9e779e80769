// Starts a simulator on 127.0.0.1 with a hand-driven clock, and talks to it with global fetch.
import {createManualClock, type ManualClock} from '../../source/simulator/clock.js';
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/server.js';

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const TOKEN = 'secret-token:sim-test-7f3a';

export type Answer = {status: number; headers: Headers; body: unknown; text: string};

export type TestSimulator = {
	sim: Simulator;
	clock: ManualClock;
	/** Sends a request to a path under the API root, with the test token unless `token` says otherwise. */
	call(path: string, options?: {method?: string; token?: string | null; body?: string}): Promise<Answer>;
};

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
	const clock = createManualClock(T0);
	const sim = await startSimulator({clock, ...options});
	return {
		sim,
		clock,
		async call(path, {method = 'GET', token = TOKEN, body} = {}) {
			const headers: Record<string, string> = token === null ? {} : {authorization: `Bearer ${token}`};
			const response = await fetch(`${path.startsWith('/__sim') ? sim.url.replace('/api/v1', '') : sim.url}${path}`, {method, headers, body});
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
