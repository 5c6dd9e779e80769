import {describe, expect, it} from 'vitest';
import type {CensusApi} from '../../source/census/api.js';
import type {ApiVersion} from '../../source/census/api-version.js';
import {CensusError} from '../../source/census/errors.js';
import type {Page, Sync} from '../../source/census/types.js';
import {createSwitchingApi, createVersionSwitch, decideVersion, type VersionProbe} from '../../source/census/version-switch.js';

// The switching logic on its own, with clients that answer from a table (the HTTP side is covered by
// test/cli/api-connection.test.ts against a two-version fake).

type Behaviour = 'works' | CensusError;

function tableClient(version: ApiVersion, behaviour: () => Behaviour, log: string[]): CensusApi {
	const answer = async <T>(what: string, value: T): Promise<T> => {
		log.push(`${version} ${what}`);
		const result = behaviour();
		if (result !== 'works') throw result;
		return value;
	};

	const page: Page<Sync> = {items: [], pagination: null};
	return {
		baseUrl: `http://127.0.0.1/api/${version}`,
		listSyncs: async () => answer('listSyncs', page),
		listAllSyncs: async () => answer('listAllSyncs', []),
		getSync: async () => answer('getSync', {} as Sync),
		listSyncRuns: async () => answer('listSyncRuns', {items: [], pagination: null}),
		getSyncRun: async () => answer('getSyncRun', {} as never),
		triggerSync: async () => answer('triggerSync', {syncRunId: 1}),
		cancelSyncRun: async () => answer('cancelSyncRun', undefined),
		rateLimitedUntil: () => null,
	};
}

const retired = new CensusError('root_gone', 'GET /syncs: 410 Gone', {status: 410, rootGone: 'retired'});
const rejected = new CensusError('auth', 'GET /syncs: the API rejected the token (401 Unauthorized)', {status: 401});

describe('decideVersion', () => {
	const decide = async (v2: VersionProbe, v1: VersionProbe) => decideVersion(async version => (version === 'v2' ? v2 : v1));

	it('prefers v2, falls back to v1, and settles only on a version that answered', async () => {
		expect(await decide('works', 'works')).toEqual({version: 'v2', settled: true});
		expect(await decide('rejected', 'works')).toEqual({version: 'v1', settled: true});
		expect(await decide('gone', 'works')).toEqual({version: 'v1', settled: true});
		expect(await decide('unreachable', 'works')).toEqual({version: 'v2', settled: false});
		// A workspace token after v1's retirement: v1's own notice says what to do.
		expect(await decide('rejected', 'gone')).toEqual({version: 'v1', settled: false});
		expect(await decide('rejected', 'rejected')).toEqual({version: 'v2', settled: false});
	});
});

describe('a switching client', () => {
	function setup(v1: () => Behaviour, v2: () => Behaviour, setting: 'auto' | 'v1' = 'auto') {
		const log: string[] = [];
		let clock = 0;
		const clients = {v1: tableClient('v1', v1, log), v2: tableClient('v2', v2, log)};
		const probe = async (version: ApiVersion): Promise<VersionProbe> => {
			try {
				await clients[version].listSyncs();
				return 'works';
			} catch (error) {
				return (error as CensusError).kind === 'auth' ? 'rejected' : 'gone';
			}
		};

		const versions = createVersionSwitch({setting, initial: 'v1', decide: async () => decideVersion(probe), now: () => clock});
		const changes: string[] = [];
		versions.subscribe(change => changes.push(`${change.from}->${change.to} (${change.cause.kind})`));
		const api = createSwitchingApi(versions, version => clients[version]);
		return {api, versions, log, changes, advance: (ms: number) => (clock += ms)};
	}

	it('moves from a retired v1 to v2 when v2 takes the token, and asks the failed read there', async () => {
		let v1Retired = false;
		const {api, versions, log, changes} = setup(() => (v1Retired ? retired : 'works'), () => 'works');
		await api.getSyncRun(1);
		v1Retired = true;
		await expect(api.getSyncRun(1)).resolves.toBeDefined();
		expect(versions.current()).toBe('v2');
		expect(changes).toEqual(['v1->v2 (root_gone)']);
		expect(log).toEqual(['v1 getSyncRun', 'v1 getSyncRun', 'v2 listSyncs', 'v2 getSyncRun']);
		expect(api.baseUrl).toBe('http://127.0.0.1/api/v2');
	});

	it('lets the error stand when v2 rejects the token too, and asks again at most once a minute', async () => {
		const {api, versions, log, changes, advance} = setup(() => retired, () => rejected);
		await expect(api.listSyncRuns(5)).rejects.toBe(retired);
		await expect(api.listSyncRuns(5)).rejects.toBe(retired);
		expect(log.filter(line => line === 'v2 listSyncs')).toHaveLength(1);
		advance(60_000);
		await expect(api.listSyncRuns(5)).rejects.toBe(retired);
		expect(log.filter(line => line === 'v2 listSyncs')).toHaveLength(2);
		expect(versions.current()).toBe('v1');
		expect(changes).toEqual([]);
	});

	it('decides once for many reads failing together', async () => {
		const {api, log} = setup(() => retired, () => 'works');
		await Promise.all([api.getSyncRun(1), api.getSyncRun(2), api.getSync(3)]);
		expect(log.filter(line => line === 'v2 listSyncs')).toHaveLength(1);
	});

	it('never switches a fixed version, and never sends trigger or cancel twice', async () => {
		const fixed = setup(() => retired, () => 'works', 'v1');
		await expect(fixed.api.getSyncRun(1)).rejects.toBe(retired);
		expect(fixed.log).toEqual(['v1 getSyncRun']);

		const auto = setup(() => rejected, () => 'works');
		await expect(auto.api.triggerSync(1)).rejects.toBe(rejected);
		await expect(auto.api.cancelSyncRun(1)).rejects.toBe(rejected);
		expect(auto.log).toEqual(['v1 triggerSync', 'v1 cancelSyncRun']);
	});

	it('does not call a network failure a wrong version', async () => {
		const offline = new CensusError('network', 'GET /syncs: network error (ECONNREFUSED)');
		const {api, log} = setup(() => offline, () => 'works');
		await expect(api.getSync(1)).rejects.toBe(offline);
		expect(log).toEqual(['v1 getSync']);
	});
});
