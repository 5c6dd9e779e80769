import {mkdtempSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {rootsForBaseUrl} from '../../source/census/api-version.js';
import {versionMemoryPath} from '../../source/store/version-memory.js';
import {connectApi, type ApiConnectionOptions} from '../../source/cli/api-connection.js';
import {GROUP, PAT, RUN_ID, startTwoVersionFake, V2_ONLY_FIELD, WORKSPACE_TOKEN, type TwoVersionFake} from '../helpers/two-version-fake.js';

let fake: TwoVersionFake;
let memoryFile: string;
beforeEach(async () => {
	fake = await startTwoVersionFake();
	memoryFile = versionMemoryPath(join(mkdtempSync(join(tmpdir(), 'cw-version-')), 'state.json'));
});
afterEach(async () => {
	await fake.close();
});

const connect = async (token: string, extra: Partial<ApiConnectionOptions> = {}) =>
	connectApi({roots: rootsForBaseUrl(fake.origin), api: 'auto', token, groupId: null, memoryFile, client: {retry: {baseDelayMs: 1}}, ...extra});

describe('--api auto', () => {
	it('picks v2 for a personal access token and remembers it for the host, never the token', async () => {
		const connection = await connect(PAT);
		expect(connection.versions.current()).toBe('v2');
		expect(fake.hitsUnder('/api/v1')).toHaveLength(0);
		expect(fake.hitsUnder('/api/v2')).toMatchObject([{method: 'GET', path: '/api/v2/syncs', query: {per_page: '1'}}]);
		const saved = readFileSync(memoryFile, 'utf8');
		expect(JSON.parse(saved)).toEqual({version: 1, hosts: {[fake.origin]: 'v2'}});
		expect(saved).not.toContain(PAT);
		expect(statSync(memoryFile).mode & 0o777).toBe(0o600);
		await expect(connection.pollApi.getSyncRun(RUN_ID)).resolves.toMatchObject({id: RUN_ID});
		expect(connection.lookApi.baseUrl).toBe(`${fake.origin}/api/v2`);
	});

	it('picks v1 for a workspace token that v2 rejects, and the next start sends no probe', async () => {
		const first = await connect(WORKSPACE_TOKEN);
		expect(first.versions.current()).toBe('v1');
		expect(fake.hits.map(hit => `${hit.method} ${hit.path}`)).toEqual(['GET /api/v2/syncs', 'GET /api/v1/syncs']);

		fake.hits.length = 0;
		const second = await connect(WORKSPACE_TOKEN);
		expect(second.versions.current()).toBe('v1');
		expect(fake.hits).toHaveLength(0);
		await second.lookApi.getSyncRun(RUN_ID);
		expect(fake.hits.map(hit => hit.path)).toEqual([`/api/v1/sync_runs/${RUN_ID}`]);
	});

	it('decides again when the remembered version rejects the token, and asks the failed read again there', async () => {
		await connect(PAT);
		const connection = await connect(WORKSPACE_TOKEN);
		// Remembered v2 from the PAT: no probe at start.
		expect(connection.versions.current()).toBe('v2');
		const changes: string[] = [];
		connection.versions.subscribe(change => changes.push(`${change.from}->${change.to}`));
		await expect(connection.pollApi.getSyncRun(RUN_ID)).resolves.toMatchObject({id: RUN_ID, syncId: 52});
		expect(connection.versions.current()).toBe('v1');
		expect(changes).toEqual(['v2->v1']);
		expect(JSON.parse(readFileSync(memoryFile, 'utf8'))).toMatchObject({hosts: {[fake.origin]: 'v1'}});
	});
});

describe('a fixed version', () => {
	it('never switches, even when its root is gone', async () => {
		const onV1 = await connectApi({roots: rootsForBaseUrl(fake.origin), api: 'v1', token: WORKSPACE_TOKEN, groupId: null, memoryFile: null});
		fake.retireV1();
		await expect(onV1.pollApi.listSyncs()).rejects.toMatchObject({status: 410});
		expect(fake.hitsUnder('/api/v2')).toHaveLength(0);
	});

	it('sends no probe and goes to the version the base URL ends in', async () => {
		const connection = await connectApi({roots: rootsForBaseUrl(`${fake.origin}/api/v2`), api: 'v2', token: PAT, groupId: null, memoryFile});
		expect(fake.hits).toHaveLength(0);
		await connection.lookApi.getSyncRun(RUN_ID);
		expect(fake.hits.map(hit => hit.path)).toEqual([`/api/v2/sync_runs/${RUN_ID}`]);
	});

	it('sends --group as group_id on v2 list requests only', async () => {
		fake.requireGroup(GROUP);
		const v2 = await connectApi({roots: rootsForBaseUrl(fake.origin), api: 'v2', token: PAT, groupId: GROUP, memoryFile: null});
		await v2.lookApi.listSyncs({perPage: 1});
		const page = await v2.lookApi.listSyncRuns(52, {perPage: 1});
		await v2.lookApi.getSyncRun(RUN_ID);
		expect(fake.hits.map(hit => [hit.path, hit.query['group_id'] ?? null])).toEqual([
			['/api/v2/syncs', GROUP],
			['/api/v2/syncs/52/sync_runs', GROUP],
			[`/api/v2/sync_runs/${RUN_ID}`, null],
		]);
		// v2's run list leaves sync_id out: the path's sync id stands in, the API's object stays untouched.
		expect(page.items[0]).toMatchObject({syncId: 52, groupId: GROUP, triggerReason: {uiTag: 'Triggered by API', uiDetail: null}});
		expect(page.items[0]?.raw).not.toHaveProperty('sync_id');
		expect(page.items[0]?.raw[V2_ONLY_FIELD]).toBe('api');

		fake.hits.length = 0;
		const v1 = await connectApi({roots: rootsForBaseUrl(fake.origin), api: 'v1', token: WORKSPACE_TOKEN, groupId: GROUP, memoryFile: null});
		await v1.lookApi.listSyncs({perPage: 1});
		expect(fake.hits[0]?.query).toEqual({per_page: '1'});
	});

	it('triggers and cancels on the /api/v2 paths', async () => {
		const connection = await connectApi({roots: rootsForBaseUrl(fake.origin), api: 'v2', token: PAT, groupId: null, memoryFile: null});
		await expect(connection.pollApi.triggerSync(52, {fullSync: true})).resolves.toEqual({syncRunId: RUN_ID + 1});
		await connection.pollApi.cancelSyncRun(RUN_ID);
		expect(fake.hits.map(hit => `${hit.method} ${hit.path}`)).toEqual(['POST /api/v2/syncs/52/trigger', `POST /api/v2/sync_runs/${RUN_ID}/cancel`]);
		expect(fake.hits[0]?.query).toEqual({force_full_sync: 'true'});
	});
});
