// A small stateful Census on 127.0.0.1, written from the API contract alone (not from our simulator):
// runs whose status is a function of time since start, syncs, paginated lists, trigger and cancel, a
// fault hook and a log of every request with its arrival time and Authorization header.
import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export type FakeRun = {
	id: number;
	syncId: number;
	/** Status at `elapsedMs` since the fake started. */
	status: (elapsedMs: number) => string;
	canceled?: boolean;
};

export type FakeHit = {method: string; path: string; query: Record<string, string>; authorization: string | undefined; at: number};

export type FakeAnswer = {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	delayMs?: number;
	/** Never answer (the connection stays open until the client gives up or the fake closes). */
	hold?: boolean;
};

export type FakeCensus = {
	baseUrl: string;
	hits: FakeHit[];
	runs: Map<number, FakeRun>;
	/** Answer a request differently; null for the normal answer. `index` counts every request so far. */
	fault: ((hit: FakeHit, index: number) => FakeAnswer | null) | null;
	/** Times each run went out in an answer (single or list). */
	served: Map<number, number[]>;
	/** Date.now() when the fake started: run statuses count from here. */
	startedAt: number;
	close(): Promise<void>;
};

const ENDED = new Set(['completed', 'failed', 'skipped']);

export async function startFakeCensus(options: {token: string; runs: FakeRun[]; syncIds?: number[]}): Promise<FakeCensus> {
	const started = Date.now();
	const runs = new Map(options.runs.map(run => [run.id, run]));
	const syncIds = options.syncIds ?? [...new Set(options.runs.map(run => run.syncId))];
	const hits: FakeHit[] = [];
	const served = new Map<number, number[]>();
	let nextRunId = Math.max(1000, ...runs.keys()) + 1;

	const runJson = (run: FakeRun, at: number): Record<string, unknown> => {
		const status = run.status(at - started);
		const ended = ENDED.has(status) || run.canceled === true;
		const list = served.get(run.id) ?? [];
		list.push(at);
		served.set(run.id, list);
		return {
			id: run.id,
			sync_id: run.syncId,
			status,
			canceled: run.canceled ?? false,
			full_sync: false,
			current_step: ended ? null : 'Loading data into destination service',
			created_at: new Date(started).toISOString(),
			updated_at: new Date(at).toISOString(),
			completed_at: ended ? new Date(at).toISOString() : null,
			records_processed: 10,
			records_failed: 0,
		};
	};

	const timers = new Set<NodeJS.Timeout>();
	const send = (response: ServerResponse, answer: FakeAnswer): void => {
		const write = (): void => {
			if (response.destroyed) return;
			response.writeHead(answer.status, {'content-type': 'application/json', ...answer.headers});
			response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
		};

		if (answer.hold === true) return;
		if (answer.delayMs === undefined) {
			write();
			return;
		}

		const timer = setTimeout(() => {
			timers.delete(timer);
			write();
		}, answer.delayMs);
		timers.add(timer);
	};

	const paginated = (items: unknown[], query: Record<string, string>) => {
		const perPage = Math.min(100, Math.max(1, Number(query['per_page'] ?? 25) || 25));
		const page = Math.max(1, Number(query['page'] ?? 1) || 1);
		const lastPage = Math.max(1, Math.ceil(items.length / perPage));
		return {
			status: 'success',
			data: items.slice((page - 1) * perPage, page * perPage),
			pagination: {
				total_records: items.length,
				per_page: perPage,
				page,
				prev_page: page > 1 ? page - 1 : null,
				next_page: page < lastPage ? page + 1 : null,
				last_page: lastPage,
			},
		};
	};

	const fake: FakeCensus = {
		baseUrl: '',
		hits,
		runs,
		fault: null,
		served,
		startedAt: started,
		close: async () => {
			for (const timer of timers) clearTimeout(timer);
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};

	const server = createServer((request, response) => {
		request.resume();
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname.replace(/^\/api\/v1/, '');
		const hit: FakeHit = {
			method: request.method ?? 'GET',
			path,
			query: Object.fromEntries(url.searchParams),
			authorization: request.headers.authorization,
			at: Date.now(),
		};
		hits.push(hit);
		if (hit.authorization !== `Bearer ${options.token}`) {
			send(response, {status: 401, body: {status: 'error', message: 'Unauthorized'}});
			return;
		}

		const fault = fake.fault?.(hit, hits.length - 1) ?? null;
		if (fault) {
			send(response, fault);
			return;
		}

		let match: RegExpExecArray | null;
		if (hit.method === 'GET' && (match = /^\/sync_runs\/(\d+)$/.exec(path))) {
			const run = runs.get(Number(match[1]));
			send(response, run ? {status: 200, body: {status: 'success', data: runJson(run, hit.at)}} : {status: 404, body: {status: 404}});
		} else if (hit.method === 'GET' && (match = /^\/syncs\/(\d+)\/sync_runs$/.exec(path))) {
			const syncId = Number(match[1]);
			if (!syncIds.includes(syncId)) {
				send(response, {status: 404, body: {status: 404}});
				return;
			}

			const body = paginated(
				[...runs.values()].filter(run => run.syncId === syncId).sort((a, b) => b.id - a.id),
				hit.query,
			);
			body.data = (body.data as FakeRun[]).map(run => runJson(run, hit.at));
			send(response, {status: 200, body});
		} else if (hit.method === 'GET' && (match = /^\/syncs\/(\d+)$/.exec(path))) {
			const id = Number(match[1]);
			send(
				response,
				syncIds.includes(id) ? {status: 200, body: {status: 'success', data: {id, label: `sync ${id}`, status: 'Ready'}}} : {status: 404, body: {status: 404}},
			);
		} else if (hit.method === 'GET' && path === '/syncs') {
			send(response, {status: 200, body: paginated(syncIds.map(id => ({id, label: `sync ${id}`, status: 'Ready'})), hit.query)});
		} else if (hit.method === 'POST' && (match = /^\/syncs\/(\d+)\/trigger$/.exec(path))) {
			const id = nextRunId++;
			const at = Date.now() - started;
			runs.set(id, {id, syncId: Number(match[1]), status: elapsed => (elapsed < at + 2000 ? 'queued' : 'working')});
			send(response, {status: 200, body: {status: 'success', data: {sync_run_id: id}}});
		} else if (hit.method === 'POST' && (match = /^\/sync_runs\/(\d+)\/cancel$/.exec(path))) {
			const run = runs.get(Number(match[1]));
			if (run) run.canceled = true;
			send(response, run ? {status: 200, body: {status: 'cancelled', data: {}}} : {status: 404, body: {status: 404}});
		} else {
			send(response, {status: 404, body: {status: 404}});
		}
	});

	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
	return fake;
}
