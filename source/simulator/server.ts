// The simulator over real HTTP (node:http on loopback): Census's endpoints and envelopes backed by one
// World, served under /api/v1 (workspace tokens) and /api/v2 (personal access tokens), fault injection in
// front of them, a request log, and control routes under /__sim for manual experiments and other
// processes. No timers of its own keep the process alive: the world moves only when a request arrives.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {answerApi, type ApiAnswer} from './api-answers.js';
import {createAuthCheck, DEFAULT_PAT, unauthorizedBody} from './auth.js';
import {createRealClock, type SimClock} from './clock.js';
import {createFaults, parseFaultRequest, type FaultDecision, type Faults, type V1RetiredForm} from './faults.js';
import {hashNumbers, mulberry32} from './random.js';
import {createRequestLog, type RequestLogEntry} from './request-log.js';
import {apiRootPath, matchRoute, splitApiPath, type ApiVersion} from './routes.js';
import {v1RetiredAnswer} from './v1-retired.js';
import {answerWebPage} from './web-page.js';
import {createWorld, type World, type WorldOptions} from './world.js';

export type {RequestLogEntry} from './request-log.js';
export type {ApiVersion} from './routes.js';
export type {V1RetiredForm} from './faults.js';
export {DEFAULT_PAT} from './auth.js';

export type SimulatorOptions = Omit<WorldOptions, 'now'> & {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	/** How much faster than the wall clock sim time runs (ignored when `clock` is given). */
	speed?: number;
	/** v1's workspace token: when set, only this one is accepted; otherwise any non-empty token but the PAT. */
	token?: string;
	/** v2's personal access token, the only one v2 accepts (default DEFAULT_PAT). */
	pat?: string;
	/** Start with v1 retired in this form (the `v1Retired` fault knob). */
	v1Retired?: V1RetiredForm;
	clock?: SimClock;
	/** How many requests the log keeps. */
	requestLogLimit?: number;
};

export type Simulator = {
	/** The v1 API root, e.g. http://127.0.0.1:4010/api/v1 (the same as v1Root). */
	url: string;
	v1Root: string;
	/** The v2 API root, e.g. http://127.0.0.1:4010/api/v2 */
	v2Root: string;
	/** The workspace token v1 accepts; null when it accepts any non-empty token but the PAT. */
	token: string | null;
	/** The personal access token v2 accepts. */
	pat: string;
	port: number;
	world: World;
	faults: Faults;
	clock: SimClock;
	/** Newest last, bounded; the same array for the simulator's life. */
	requests: RequestLogEntry[];
	clearRequests(): void;
	/** Stops listening and drops open connections: the API is gone until resume(). */
	suspend(): Promise<void>;
	/** Listens again on the same port. */
	resume(): Promise<void>;
	close(): Promise<void>;
};

const CONTROL_PREFIX = '/__sim/';
const CONTROL_BODY_LIMIT = 64 * 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

const MALFORMED_BODY = '<!DOCTYPE html>\n<html><head><title>Census</title></head><body><h1>We will be right back</h1></body></html>\n';

const BAD_GATEWAY_BODY = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers});
	response.end(text);
}

function sendText(response: ServerResponse, status: number, type: string, text: string): void {
	response.writeHead(status, {'content-type': type, 'content-length': Buffer.byteLength(text)});
	response.end(text);
}

/** The answer with the body cut halfway; the response ends cleanly, so only parsing fails. */
function sendTruncated(response: ServerResponse, answer: ApiAnswer): void {
	const text = JSON.stringify(answer.body);
	response.writeHead(answer.status, {'content-type': JSON_TYPE});
	response.end(text.slice(0, Math.floor(text.length / 2)));
}

function sendFault(response: ServerResponse, decision: FaultDecision): number | null {
	switch (decision.kind) {
		case 'server_error': {
			if (decision.status === 502) {
				sendText(response, 502, 'text/html', BAD_GATEWAY_BODY);
			} else {
				sendJson(response, decision.status, {status: decision.status, message: decision.status === 503 ? 'Service Unavailable' : 'Internal Server Error'});
			}

			return decision.status;
		}

		case 'rate_limit': {
			const headers: Record<string, string> =
				decision.retryAfterSeconds === null ? {} : {'retry-after': String(Math.ceil(decision.retryAfterSeconds))};
			if (decision.emptyBody) {
				response.writeHead(429, {...headers, 'content-length': 0});
				response.end();
			} else {
				sendJson(response, 429, {status: 429, message: 'Too Many Requests'}, headers);
			}

			return 429;
		}

		default: {
			return null;
		}
	}
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
	let size = 0;
	const chunks: Buffer[] = [];
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > limit) {
			throw new RangeError(`body larger than ${limit} bytes`);
		}

		chunks.push(buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const {
		host = '127.0.0.1',
		port: wantedPort = 0,
		seed = 1,
		speed = 1,
		token,
		pat = DEFAULT_PAT,
		v1Retired,
		clock: givenClock,
		requestLogLimit = 1000,
		...worldOptions
	} = options;
	if (pat.trim() === '' || token?.trim() === '' || token === pat) {
		throw new RangeError('the workspace token and the PAT must be non-empty and differ');
	}

	const clock = givenClock ?? createRealClock({speed});
	const world = createWorld({...worldOptions, seed, now: clock.now()});
	const faults = createFaults();
	if (v1Retired !== undefined) {
		faults.set({v1Retired});
	}

	const random = mulberry32(hashNumbers([seed, 0x5e_ed]));
	const log = createRequestLog(requestLogLimit);
	const authorize = createAuthCheck({token, pat});
	const sleeping = new Set<NodeJS.Timeout>();
	let origin = '';
	const rootOf = (version: ApiVersion): string => `${origin}${apiRootPath(version)}`;

	const sleep = async (ms: number): Promise<void> =>
		new Promise(resolve => {
			const timer = setTimeout(() => {
				sleeping.delete(timer);
				resolve();
			}, ms);
			sleeping.add(timer);
		});

	async function control(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
		const method = request.method ?? 'GET';
		if (path === '/__sim/faults' && method === 'POST') {
			try {
				const {spec, route} = parseFaultRequest(JSON.parse(await readBody(request, CONTROL_BODY_LIMIT)) as unknown);
				faults.set(spec, route);
				sendJson(response, 200, {status: 'success', data: {route: route ?? null, spec}});
			} catch (error) {
				sendJson(response, 400, {status: 'error', message: error instanceof Error ? error.message : 'bad request'});
			}

			return;
		}

		request.resume();
		if (path === '/__sim/faults' && method === 'DELETE') {
			faults.clear();
			sendJson(response, 200, {status: 'success', data: {}});
		} else if (path === '/__sim/requests' && method === 'GET') {
			sendJson(response, 200, {status: 'success', data: log.entries});
		} else {
			sendJson(response, 404, {status: 404});
		}
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://simulator.invalid');
		if (url.pathname.startsWith(CONTROL_PREFIX)) {
			await control(request, response, url.pathname);
			return;
		}

		if (answerWebPage(request.method, url, world, response)) return;
		request.resume();
		const method = request.method ?? 'GET';
		const api = splitApiPath(url.pathname);
		const version = api?.version ?? null;
		const path = api?.path ?? url.pathname;
		const route = api === null ? null : matchRoute(method, api.path);
		const authorization = authorize(version ?? 'v1', request.headers.authorization);
		const entry: RequestLogEntry = {
			method,
			version,
			path,
			route: route?.route ?? null,
			query: Object.fromEntries(url.searchParams),
			status: null,
			at: clock.now(),
			authorization,
		};
		log.add(entry);

		const decision: FaultDecision = route === null ? {kind: 'none', latencyMs: 0} : faults.take(route.route, random);
		if (decision.latencyMs > 0) {
			await sleep(decision.latencyMs);
		}

		if (decision.kind === 'drop') {
			request.socket.destroy();
			return;
		}

		const retired = version === 'v1' ? faults.v1RetiredFor(route?.route ?? null) : undefined;
		if (retired !== undefined) {
			const answer = v1RetiredAnswer(retired, method, `${rootOf('v2')}${path}${url.search}`);
			entry.status = answer.status;
			if (answer.body === null) {
				response.writeHead(answer.status, {...answer.headers, 'content-length': 0});
				response.end();
			} else {
				sendJson(response, answer.status, answer.body, answer.headers);
			}

			return;
		}

		const faultStatus = sendFault(response, decision);
		if (faultStatus !== null) {
			entry.status = faultStatus;
			return;
		}

		if (version !== null && authorization !== 'bearer') {
			entry.status = 401;
			sendJson(response, 401, unauthorizedBody(authorization, version), {'www-authenticate': 'Bearer'});
			return;
		}

		world.advanceTo(clock.now());
		const answer: ApiAnswer =
			route === null || version === null
				? {status: 404, body: {status: 404}}
				: answerApi(
						world,
						route,
						url.searchParams,
						(page, pageRequest) => {
							const next = new URL(`${rootOf(version)}${path}`);
							next.searchParams.set('page', String(page));
							next.searchParams.set('per_page', String(pageRequest.perPage));
							next.searchParams.set('order', pageRequest.order);
							return next.toString();
						},
						version,
					);
		entry.status = answer.status;
		if (decision.kind === 'malformed') {
			entry.status = 200;
			sendText(response, 200, JSON_TYPE, MALFORMED_BODY);
		} else if (decision.kind === 'truncated') {
			sendTruncated(response, answer);
		} else {
			sendJson(response, answer.status, answer.body);
		}
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			if (!response.headersSent) {
				sendJson(response, 500, {status: 'error', message: error instanceof Error ? error.message.slice(0, 200) : 'internal error'});
			} else {
				response.destroy();
			}
		});
	});

	const listen = async (port: number): Promise<number> =>
		new Promise((resolve, reject) => {
			const onError = (error: Error): void => reject(error);
			server.once('error', onError);
			server.listen(port, host, () => {
				server.off('error', onError);
				resolve((server.address() as AddressInfo).port);
			});
		});

	const stopListening = async (): Promise<void> =>
		new Promise(resolve => {
			server.close(() => resolve());
			server.closeAllConnections();
		});

	const port = await listen(wantedPort);
	origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	let state: 'listening' | 'suspended' | 'closed' = 'listening';

	const dropSleepers = (): void => {
		for (const timer of sleeping) {
			clearTimeout(timer);
		}

		sleeping.clear();
	};

	return {
		url: rootOf('v1'),
		v1Root: rootOf('v1'),
		v2Root: rootOf('v2'),
		token: token ?? null,
		pat,
		port,
		world,
		faults,
		clock,
		requests: log.entries,
		clearRequests: () => log.clear(),
		async suspend() {
			if (state !== 'listening') {
				return;
			}

			state = 'suspended';
			dropSleepers();
			await stopListening();
		},
		async resume() {
			if (state !== 'suspended') {
				return;
			}

			await listen(port);
			state = 'listening';
		},
		async close() {
			const was = state;
			state = 'closed';
			dropSleepers();
			if (was === 'listening') {
				await stopListening();
			}
		},
	};
}
