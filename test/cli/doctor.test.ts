import {PassThrough} from 'node:stream';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {rootsForBaseUrl} from '../../source/census/api-version.js';
import {EXIT_API_UNREACHABLE, EXIT_OK, EXIT_TOKEN_REJECTED} from '../../source/cli/exit-codes.js';
import {runDoctor, type DoctorOptions} from '../../source/cli/modes/doctor.js';
import {GROUP, PAT, startTwoVersionFake, V2_ONLY_FIELD, WORKSPACE_TOKEN, type TwoVersionFake} from '../helpers/two-version-fake.js';

// `census-watch doctor` against the two-version fake over HTTP: what it reports and how it exits.

let fake: TwoVersionFake;
beforeEach(async () => {
	fake = await startTwoVersionFake();
});
afterEach(async () => {
	await fake.close();
});

async function doctor(options: Partial<DoctorOptions> & Pick<DoctorOptions, 'token'>): Promise<{code: number; text: string}> {
	const stdout = new PassThrough();
	let text = '';
	stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
	const code = await runDoctor({roots: rootsForBaseUrl(fake.origin), api: 'auto', groupId: null, json: false, stdout, timeoutMs: 5000, ...options});
	return {code, text};
}

type JsonReport = {
	exit_code: number;
	versions: Array<{version: string; verdict: string; summary: string; steps: Array<{step: string; request: string; status: number | null; fields: {unexpected: string[]; missing: string[]} | null; headers: Record<string, string>}>}>;
};

describe('census-watch doctor', () => {
	it('with a PAT and auto: v2 works (exit 0), v1 rejects the token; four GETs on v2, never a POST, never the token', async () => {
		const {code, text} = await doctor({token: PAT});
		expect(code).toBe(EXIT_OK);
		expect(text).toContain('verdict: v2 works for watching');
		expect(text).toContain('verdict: v1 rejects this token');
		expect(text).toContain(`new: group_id, ${V2_ONLY_FIELD}`);
		expect(text).toContain('x-ratelimit-limit: 100');
		expect(text).not.toContain(PAT);
		expect(text).not.toContain('0123456789abcdef');
		expect(fake.hits.every(hit => hit.method === 'GET')).toBe(true);
		expect(fake.hitsUnder('/api/v2').map(hit => hit.path)).toEqual(['/api/v2/syncs', '/api/v2/syncs/52', '/api/v2/syncs/52/sync_runs', '/api/v2/sync_runs/94']);
	});

	it('--json: per step status, fields (sync_id missing from v2\'s run list) and headers, one verdict per version', async () => {
		const {code, text} = await doctor({token: WORKSPACE_TOKEN, json: true});
		expect(code).toBe(EXIT_OK);
		const report = JSON.parse(text) as JsonReport;
		expect(report.exit_code).toBe(0);
		expect(report.versions.map(version => [version.version, version.verdict])).toEqual([
			['v2', 'rejected'],
			['v1', 'works'],
		]);
		const v1 = report.versions[1]!;
		expect(v1.steps.map(step => [step.step, step.request, step.status])).toEqual([
			['list syncs', '/syncs?per_page=1', 200],
			['fetch sync', '/syncs/52', 200],
			['list runs', '/syncs/52/sync_runs?per_page=1', 200],
			['fetch run', '/sync_runs/94', 200],
		]);
		expect(v1.steps[0]?.headers).toEqual({deprecation: 'true', sunset: 'Fri, 15 Jan 2027 00:00:00 GMT'});
		expect(v1.steps[2]?.fields).toMatchObject({unexpected: []});
		expect(text).not.toContain('workspace0123456789');
	});

	it('says v1 is retired when it answers 410, and exits 3 when v1 was the version asked for', async () => {
		fake.retireV1();
		const {code, text} = await doctor({token: WORKSPACE_TOKEN, api: 'v1'});
		expect(code).toBe(EXIT_TOKEN_REJECTED);
		expect(text).toContain('410');
		expect(text).toContain('verdict: v1 retired');
		expect(text).not.toContain('workspace0123456789');
	});

	it('reports a run list without sync_id on v2 as missing that field', async () => {
		const {text} = await doctor({token: PAT, api: 'v2', json: true});
		const report = JSON.parse(text) as JsonReport;
		expect(report.versions[0]?.steps[2]?.fields?.missing).toContain('sync_id');
		// census-watch takes the sync id from the path: the version still works for watching.
		expect(report.versions[0]?.verdict).toBe('works');
	});

	it('with --group, tries the sync list without and with it and says which worked', async () => {
		fake.requireGroup(GROUP);
		const {code, text} = await doctor({token: PAT, api: 'v2', groupId: GROUP});
		expect(code).toBe(EXIT_OK);
		expect(text).toContain(`group ${GROUP}: the sync list worked with it`);
		expect(fake.hitsUnder('/api/v2').map(hit => hit.query['group_id'] ?? null)).toEqual([null, GROUP, null, GROUP, null]);
	});

	it('exits 4 when nothing answers', async () => {
		await fake.close();
		const {code, text} = await doctor({token: PAT});
		expect(code).toBe(EXIT_API_UNREACHABLE);
		expect(text).toContain('verdict: v2 unreachable');
		expect(text).toContain('network error');
		fake = await startTwoVersionFake();
	});
});
