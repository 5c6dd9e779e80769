// An independent Census fake on 127.0.0.1 serving /api/v1 and /api/v2 as the published material describes
// them: v1 takes only the workspace token, v2 only the personal access token (the wrong kind answers 401);
// v2 bodies carry `group_id` and a field v1 never had; v1 can be retired (410 on every route). Every hit
// is logged with its query and headers so tests can count probes and check paths.
import {createServer, type IncomingHttpHeaders} from 'node:http';
import type {AddressInfo} from 'node:net';

export const WORKSPACE_TOKEN = 'secret-token:workspace0123456789';
export const PAT = 'pat-0123456789abcdefSECRET';
export const GROUP = 'wandering_aimlessly';
/** A v2 field v1 never had. */
export const V2_ONLY_FIELD = 'activation_trigger_source';

export type FakeHit = {method: string; path: string; query: Record<string, string>; headers: IncomingHttpHeaders};

export type TwoVersionFake = {
	/** The origin, e.g. http://127.0.0.1:PORT (no /api/vN). */
	origin: string;
	hits: FakeHit[];
	hitsUnder(prefix: '/api/v1' | '/api/v2'): FakeHit[];
	retireV1(): void;
	/** v2 answers its sync list only with this group_id (the guide's "now require group_id"). */
	requireGroup(group: string | null): void;
	close(): Promise<void>;
};

const SYNC_ID = 52;
export const RUN_ID = 94;

function syncBody(v2: boolean): Record<string, unknown> {
	return {
		id: SYNC_ID,
		label: 'Users → Salesforce',
		status: 'Ready',
		paused: false,
		operation: 'upsert',
		source_attributes: {connection_id: 7, object: {type: 'model', name: 'users_model'}},
		destination_attributes: {connection_id: v2 ? 'act_9f2c' : 9, object: 'contact'},
		...(v2 ? {group_id: GROUP} : {}),
	};
}

function runBody(v2: boolean, id = RUN_ID, status = 'working'): Record<string, unknown> {
	return {
		id,
		// v2's run list leaves the sync id out (as v2's test_status run object does).
		...(v2 ? {} : {sync_id: SYNC_ID}),
		status,
		canceled: false,
		full_sync: false,
		current_step: 'Unloading data from warehouse',
		created_at: '2021-10-20T02:51:07.546Z',
		updated_at: '2021-10-20T02:52:29.236Z',
		completed_at: status === 'working' ? null : '2021-10-20T02:55:07.546Z',
		records_processed: 10,
		sync_trigger_reason: v2 ? 'Triggered by API' : {ui_tag: 'Manual', ui_detail: 'Manually triggered by a@b.com'},
		...(v2 ? {group_id: GROUP, [V2_ONLY_FIELD]: 'api'} : {}),
	};
}

const PAGINATION = {total_records: 1, per_page: 1, page: 1, prev_page: null, next_page: null, last_page: 1};

export async function startTwoVersionFake(): Promise<TwoVersionFake> {
	const hits: FakeHit[] = [];
	let v1Retired = false;
	let requiredGroup: string | null = null;
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const method = request.method ?? 'GET';
		hits.push({method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers});
		request.resume();
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			response.writeHead(status, {'content-type': 'application/json', ...headers});
			response.end(JSON.stringify(body));
		};

		const match = /^\/api\/(v1|v2)(\/.*)$/.exec(url.pathname);
		if (match === null) {
			send(404, {status: 404});
			return;
		}

		const v2 = match[1] === 'v2';
		const path = match[2] ?? '';
		if (!v2 && v1Retired) {
			send(410, {status: 'error', message: 'API v1 has been retired; use API v2'});
			return;
		}

		const expected = v2 ? PAT : WORKSPACE_TOKEN;
		if (request.headers.authorization !== `Bearer ${expected}`) {
			send(401, {status: 401, message: 'Unauthorized'});
			return;
		}

		const headers: Record<string, string> = v2 ? {'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99'} : {deprecation: 'true', sunset: 'Fri, 15 Jan 2027 00:00:00 GMT'};
		if (method === 'GET' && path === '/syncs') {
			if (v2 && requiredGroup !== null && url.searchParams.get('group_id') !== requiredGroup) {
				send(400, {status: 'error', message: 'group_id is required'});
				return;
			}

			send(200, {status: 'success', data: [syncBody(v2)], pagination: PAGINATION}, headers);
		} else if (method === 'GET' && path === `/syncs/${SYNC_ID}`) {
			send(200, {status: 'success', data: syncBody(v2)}, headers);
		} else if (method === 'GET' && path === `/syncs/${SYNC_ID}/sync_runs`) {
			send(200, {status: 'success', data: [runBody(v2)], pagination: PAGINATION}, headers);
		} else if (method === 'GET' && path === `/sync_runs/${RUN_ID}`) {
			send(200, {status: 'success', data: {...runBody(v2), sync_id: SYNC_ID}}, headers);
		} else if (method === 'POST' && path === `/syncs/${SYNC_ID}/trigger`) {
			send(200, {status: 'success', data: {sync_run_id: RUN_ID + 1}});
		} else if (method === 'POST' && path === `/sync_runs/${RUN_ID}/cancel`) {
			send(200, {status: 'cancelled', data: {}});
		} else {
			send(404, {status: 404});
		}
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		hits,
		hitsUnder: prefix => hits.filter(hit => hit.path.startsWith(`${prefix}/`)),
		retireV1() {
			v1Retired = true;
		},
		requireGroup(group) {
			requiredGroup = group;
		},
		close: async () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
