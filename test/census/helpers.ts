// A scripted Census stand-in on 127.0.0.1: per method+path queues of answers and a log of every hit
// with its headers and arrival time, so that tests can check what the client actually sent and when.
import {createServer, type IncomingHttpHeaders} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, beforeEach} from 'vitest';
import type {CensusApi, RequestEvent} from '../../source/census/api.js';
import {createCensusClient} from '../../source/census/client.js';
import {CensusError} from '../../source/census/errors.js';

export type Scripted = {
	status?: number;
	headers?: Record<string, string>;
	/** A string is sent as is; anything else as JSON. */
	body?: unknown;
	/** Answer only after this long (the socket stays open meanwhile). */
	delayMs?: number;
	/** Drop the connection instead of answering. */
	destroy?: boolean;
	/** Send the status line, headers and this start of the body, then nothing more. */
	stallAfter?: string;
};

export type Hit = {
	method: string;
	/** Relative to the API root, e.g. /sync_runs/9. */
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Date.now() when the request arrived. */
	at: number;
};

export type TestServer = {
	/** e.g. http://127.0.0.1:PORT/api/v1 */
	baseUrl: string;
	hits: Hit[];
	/** Queue answers for a method and path; the last one repeats once the queue is down to it. */
	on(method: string, path: string, ...answers: Scripted[]): void;
	hitsOf(method: string, path: string): Hit[];
	close(): Promise<void>;
};

export const API_PREFIX = '/api/v1';

export const success = (data: unknown, extra: Record<string, unknown> = {}): Scripted => ({
	body: {status: 'success', data, ...extra},
});

export async function startServer(): Promise<TestServer> {
	const queues = new Map<string, Scripted[]>();
	const hits: Hit[] = [];
	const timers = new Set<NodeJS.Timeout>();

	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
		const method = request.method ?? 'GET';
		hits.push({method, path, query: Object.fromEntries(url.searchParams), headers: request.headers, at: Date.now()});
		request.resume();

		const queue = queues.get(`${method} ${path}`);
		const answer: Scripted = (queue !== undefined && queue.length > 1 ? queue.shift() : queue?.[0]) ?? {
			status: 418,
			body: `unscripted ${method} ${path}`,
		};

		const send = (): void => {
			if (answer.destroy === true) {
				request.socket.destroy();
				return;
			}

			if (answer.stallAfter !== undefined) {
				response.writeHead(answer.status ?? 200, {'content-type': 'application/json', ...answer.headers});
				response.write(answer.stallAfter);
				return;
			}

			const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
			response.writeHead(answer.status ?? 200, {'content-type': 'application/json', ...answer.headers});
			response.end(body);
		};

		if (answer.delayMs === undefined) {
			send();
		} else {
			const timer = setTimeout(() => {
				timers.delete(timer);
				send();
			}, answer.delayMs);
			timers.add(timer);
		}
	});

	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
		hits,
		on(method, path, ...answers) {
			queues.set(`${method} ${path}`, answers);
		},
		hitsOf: (method, path) => hits.filter(hit => hit.method === method && hit.path === path),
		async close() {
			for (const timer of timers) {
				clearTimeout(timer);
			}

			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

/**
 * Call at a test file's (or a describe's) top level: a fresh scripted server for each test, closed after
 * it, with `setup` applied to it first. The object returned always stands for the current test's server.
 */
export function serverPerTest(setup: (server: TestServer) => void = () => undefined): TestServer {
	let current: TestServer | null = null;
	beforeEach(async () => {
		current = await startServer();
		setup(current);
	});
	afterEach(async () => {
		await current?.close();
		current = null;
	});
	const server = (): TestServer => {
		if (!current) throw new Error('the test server is only there during a test');
		return current;
	};

	return {
		get baseUrl() {
			return server().baseUrl;
		},
		get hits() {
			return server().hits;
		},
		on: (method, path, ...answers) => server().on(method, path, ...answers),
		hitsOf: (method, path) => server().hitsOf(method, path),
		close: async () => server().close(),
	};
}

/** The CensusError `run` throws (fails the test if it returns or throws anything else). */
export function thrown(run: () => unknown): CensusError {
	try {
		run();
	} catch (error) {
		if (error instanceof CensusError) {
			return error;
		}

		throw error;
	}

	throw new Error('expected a CensusError');
}

/** A client as the engine tests use one: no retries, a 5 s timeout, and every request it sends in `sent`. */
export function recordingClient(baseUrl: string, token: string): {api: CensusApi; sent: RequestEvent[]} {
	const sent: RequestEvent[] = [];
	const api = createCensusClient({
		baseUrl,
		token,
		retry: {limit: 0},
		timeoutMs: 5000,
		onRequest(event) {
			sent.push(event);
		},
	});
	return {api, sent};
}

/** An API root on 127.0.0.1 where nothing listens any more. */
export async function refusingBaseUrl(): Promise<string> {
	const server = await startServer();
	await server.close();
	return server.baseUrl;
}

/** The CensusError a promise rejects with (fails the test if it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<CensusError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof CensusError) {
			return error;
		}

		throw error;
	}

	throw new Error('expected the promise to reject with a CensusError');
}
