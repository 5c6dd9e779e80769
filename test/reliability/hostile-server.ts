import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

// A Census API on 127.0.0.1 that misbehaves on demand, one route at a time: written from the API contract
// alone, so that the app is tested against answers our own simulator would never give. Healthy routes
// answer a working run (or its sync, or its sync's run list) at once; a fault set for a route replaces
// that answer, and a poisoned run is poisoned in every answer that carries it. New faults are new
// `Fault` kinds handled in `answerWith`.

export type Fault =
	/** Accept the request and never send the status line. */
	| {kind: 'stall-headers'}
	/** Send 200 and the start of a JSON body, then nothing more. */
	| {kind: 'stall-body'}
	/** Send 200 and the start of a JSON body, then one byte every `everyMs`, never finishing. */
	| {kind: 'trickle'; everyMs: number}
	/** 200 with a body of `bytes` bytes (a JSON string that is never closed at that size). */
	| {kind: 'huge'; bytes: number}
	/** Any status with any body and headers. */
	| {kind: 'answer'; status: number; body: string; headers?: Record<string, string>};

export type Hit = {method: string; path: string; at: number};

export type HostileServer = {
	/** The API root: http://127.0.0.1:PORT/api/v1 */
	url: string;
	/** Every request, in arrival order. */
	hits: Hit[];
	/** Requests to one path so far. */
	hitsTo(path: string): number;
	/** Answers to a path (e.g. `/sync_runs/7`) with a fault from now on; null restores the healthy answer. */
	setFault(path: string, fault: Fault | null): void;
	/**
	 * From now on the run, wherever it is answered (alone or in its sync's list), has a `nested` field of
	 * `depth` levels of arrays; null makes it ordinary again.
	 */
	poison(runId: number, depth: number | null): void;
	/** Connections the client closed before an answer was complete. */
	abandoned(): number;
	close(): Promise<void>;
};

export type HostileOptions = {
	/** Runs that exist (working), by id, with their sync id. */
	runs: ReadonlyArray<{id: number; syncId: number}>;
	token?: string;
};

const JSON_HEADERS = {'content-type': 'application/json'};

const runObject = (id: number, syncId: number, at: number): Record<string, unknown> => ({
	id,
	sync_id: syncId,
	status: 'working',
	canceled: false,
	full_sync: false,
	current_step: 'Loading data into destination service',
	created_at: new Date(at - 60_000).toISOString(),
	// Changes with every answer, so that a healthy run's freshness shows in the store.
	updated_at: new Date(at).toISOString(),
	completed_at: null,
	records_processed: 10,
	records_failed: 0,
});

/** `depth` nested arrays, built as text: the server must not overflow its own stack making them. */
const nestedText = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

export async function startHostileServer(options: HostileOptions): Promise<HostileServer> {
	const runs = new Map(options.runs.map(run => [run.id, run.syncId]));
	const syncIds = [...new Set(runs.values())];
	const faults = new Map<string, Fault>();
	const poisoned = new Map<number, number>();
	const hits: Hit[] = [];
	const timers = new Set<NodeJS.Timeout>();
	let abandoned = 0;

	const every = (ms: number, tick: () => void): NodeJS.Timeout => {
		const timer = setInterval(tick, ms);
		timers.add(timer);
		return timer;
	};

	function answerWith(fault: Fault, response: ServerResponse): void {
		switch (fault.kind) {
			case 'stall-headers': {
				return;
			}

			case 'stall-body': {
				response.writeHead(200, JSON_HEADERS);
				response.write('{"status":"success","data":{"id":');
				return;
			}

			case 'trickle': {
				response.writeHead(200, JSON_HEADERS);
				response.write('{"status":"success","data":');
				const timer = every(fault.everyMs, () => {
					if (!response.destroyed) response.write(' ');
				});
				response.on('close', () => {
					clearInterval(timer);
					timers.delete(timer);
				});
				return;
			}

			case 'huge': {
				response.writeHead(200, JSON_HEADERS);
				const chunk = 'x'.repeat(64 * 1024);
				response.write('{"status":"success","data":"');
				let sent = 0;
				const more = (): void => {
					while (sent < fault.bytes && !response.destroyed) {
						sent += chunk.length;
						if (!response.write(chunk)) {
							response.once('drain', more);
							return;
						}
					}

					if (!response.destroyed) response.end();
				};

				more();
				return;
			}

			case 'answer': {
				response.writeHead(fault.status, {...JSON_HEADERS, ...fault.headers});
				response.end(fault.body);
			}
		}
	}

	/** A run as JSON text: a poisoned one is built as text, since stringifying it would overflow here too. */
	function runText(id: number, syncId: number, at: number): string {
		const text = JSON.stringify(runObject(id, syncId, at));
		const depth = poisoned.get(id);
		return depth === undefined ? text : `${text.slice(0, -1)},"nested":${nestedText(depth)}}`;
	}

	function healthy(method: string, path: string, response: ServerResponse, at: number): void {
		const send = (status: number, body: unknown): void => {
			response.writeHead(status, JSON_HEADERS);
			response.end(typeof body === 'string' ? body : JSON.stringify(body));
		};

		let match: RegExpExecArray | null;
		if (method === 'GET' && (match = /^\/sync_runs\/(\d+)$/.exec(path))) {
			const id = Number(match[1]);
			const syncId = runs.get(id);
			send(syncId === undefined ? 404 : 200, syncId === undefined ? {status: 'not_found'} : `{"status":"success","data":${runText(id, syncId, at)}}`);
		} else if (method === 'GET' && (match = /^\/syncs\/(\d+)\/sync_runs$/.exec(path))) {
			const syncId = Number(match[1]);
			const ids = [...runs].filter(([, sync]) => sync === syncId).map(([id]) => id);
			const pagination = JSON.stringify({page: 1, per_page: 100, next_page: null, last_page: 1, total_records: ids.length});
			send(200, `{"status":"success","data":[${ids.map(id => runText(id, syncId, at)).join(',')}],"pagination":${pagination}}`);
		} else if (method === 'GET' && (match = /^\/syncs\/(\d+)$/.exec(path))) {
			const syncId = Number(match[1]);
			send(200, {status: 'success', data: {id: syncId, label: `sync ${syncId}`, status: 'Ready'}});
		} else if (method === 'GET' && path === '/syncs') {
			const data = syncIds.map(id => ({id, label: `sync ${id}`, status: 'Ready'}));
			send(200, {status: 'success', data, pagination: {page: 1, per_page: 100, next_page: null, last_page: 1, total_records: data.length}});
		} else {
			send(404, {status: 'not_found'});
		}
	}

	const server = createServer((request: IncomingMessage, response: ServerResponse) => {
		request.resume();
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname.replace(/^\/api\/v1/, '');
		const method = request.method ?? 'GET';
		const at = Date.now();
		hits.push({method, path, at});
		response.on('close', () => {
			if (!response.writableFinished) abandoned++;
		});
		if (options.token !== undefined && request.headers.authorization !== `Bearer ${options.token}`) {
			answerWith({kind: 'answer', status: 401, body: '{"status":"error","message":"Unauthorized"}'}, response);
			return;
		}

		const fault = faults.get(path);
		if (fault === undefined) healthy(method, path, response, at);
		else answerWith(fault, response);
	});

	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});

	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
		hits,
		hitsTo: path => hits.filter(hit => hit.path === path).length,
		setFault(path, fault) {
			if (fault === null) faults.delete(path);
			else faults.set(path, fault);
		},
		poison(runId, depth) {
			if (depth === null) poisoned.delete(runId);
			else poisoned.set(runId, depth);
		},
		abandoned: () => abandoned,
		async close() {
			for (const timer of timers) clearInterval(timer);
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}
