import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {rootsForBaseUrl} from '../../source/census/api-version.js';
import {rememberVersion, versionMemoryPath} from '../../source/store/version-memory.js';
import {connectApi} from '../../source/cli/api-connection.js';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';

// `auto` on v1 when v1 is retired: the next read finds v2 by itself when the token works there. The
// simulator's 401 form (a rejection that names the retirement) is the one every build reads as "not this
// version"; the 410, 404 and redirect forms need the client's gone-root classification (errors.ts).

const sims: Simulator[] = [];
afterEach(async () => {
	await Promise.all(sims.splice(0).map(async sim => sim.close()));
});

describe('auto and a retired v1', () => {
	it('moves to v2 when the remembered v1 answers that it was retired, and the token works on v2', async () => {
		const sim = await startSimulator({scenario: 'quiet', seed: 3, syncs: 1, history: 1, v1Retired: '401'});
		sims.push(sim);
		const origin = new URL(sim.url).origin;
		const memoryFile = versionMemoryPath(join(mkdtempSync(join(tmpdir(), 'cw-retired-')), 'state.json'));
		rememberVersion(memoryFile, origin, 'v1');
		const connection = await connectApi({roots: rootsForBaseUrl(origin), api: 'auto', token: sim.pat, groupId: null, memoryFile});
		expect(connection.versions.current()).toBe('v1');
		const causes: string[] = [];
		connection.versions.subscribe(change => causes.push(`${change.from}->${change.to}`));
		const syncs = await connection.pollApi.listAllSyncs();
		expect(syncs.length).toBeGreaterThan(0);
		expect(connection.versions.current()).toBe('v2');
		expect(causes).toEqual(['v1->v2']);
		expect(sim.requests.filter(request => request.version === 'v1')).toHaveLength(1);
	});
});
