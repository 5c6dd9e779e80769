import {describe, expect, it} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import {rootGoneReason, rootGoneText, type AnswerFacts} from '../../source/census/root-gone.js';
import {rejection, serverPerTest} from './helpers.js';

// Which answers mean "this API root is gone" (v1 retired, or no Census API at a wrong base URL) rather
// than "this sync or run is gone": pure, then through the real client against a server on 127.0.0.1.

const TOKEN = 'secret-token:root-gone-test-a1b2c3d4';
const ROOT = 'https://app.getcensus.com/api/v1';

const facts = (overrides: Partial<AnswerFacts>): AnswerFacts => ({
	status: 404,
	url: `${ROOT}/sync_runs/9`,
	root: ROOT,
	syncList: false,
	location: null,
	message: null,
	now: Date.UTC(2026, 11, 6),
	...overrides,
});

describe('rootGoneReason', () => {
	it.each<[string, Partial<AnswerFacts>, ReturnType<typeof rootGoneReason>]>([
		['410 on a v1 root', {status: 410}, 'retired'],
		['410 on another root', {status: 410, root: 'http://127.0.0.1:9/census', url: 'http://127.0.0.1:9/census/sync_runs/9'}, 'no_api'],
		['404 on the sync list', {status: 404, syncList: true, url: `${ROOT}/syncs`}, 'no_api'],
		['404 on the sync list that speaks of retirement', {status: 404, syncList: true, message: 'API v1 is retired'}, 'retired'],
		['404 on the sync list of a v1 root from the retirement day on', {status: 404, syncList: true, now: Date.UTC(2027, 0, 15)}, 'retired'],
		['404 on the sync list of another root after that day', {status: 404, syncList: true, root: 'http://127.0.0.1:9/x', now: Date.UTC(2027, 5, 1)}, 'no_api'],
		['404 on one run', {status: 404}, null],
		['a redirect from /api/v1 to /api/v2', {status: 308, location: '/api/v2/sync_runs/9'}, 'retired'],
		['an absolute redirect to v2', {status: 301, location: 'https://app.getcensus.com/api/v2/sync_runs/9'}, 'retired'],
		['a redirect elsewhere', {status: 302, location: 'https://login.example.com/'}, null],
		['401 that speaks of retirement', {status: 401, message: 'This API version has been deprecated'}, 'retired'],
		['403 that speaks of v2', {status: 403, message: 'Use the v2 API with a personal access token'}, 'retired'],
		['a plain 401', {status: 401, message: 'Unauthorized'}, null],
		['a plain 403', {status: 403, message: 'Forbidden for this workspace'}, null],
		['500', {status: 500, message: 'retired'}, null],
	])('%s', (_name, overrides, expected) => {
		expect(rootGoneReason(facts(overrides))).toBe(expected);
	});

	it('says what happened and what to do', () => {
		expect(rootGoneText('retired', ROOT)).toBe(
			'Census API v1 has been retired on 2027-01-15: create an Activations personal access token and use --api v2',
		);
		expect(rootGoneText('no_api', 'http://127.0.0.1:9/x')).toBe('no Census API at http://127.0.0.1:9/x: check --base-url');
	});
});

describe('the client', () => {
	const server = serverPerTest();

	// Before v1's retirement day, so that a bare 404 on the sync list reads as a wrong base URL whatever today is.
	const client = () =>
		createCensusClient({baseUrl: server.baseUrl, token: TOKEN, retry: {limit: 2, baseDelayMs: 1, maxDelayMs: 2}, now: () => Date.UTC(2026, 11, 6)});

	it('a 410 on any route is root_gone (retired on a v1 root), asked once', async () => {
		server.on('GET', '/sync_runs/9', {status: 410, body: {message: 'Gone'}});
		const error = await rejection(client().getSyncRun(9));
		expect(error).toMatchObject({kind: 'root_gone', rootGone: 'retired', status: 410});
		expect(server.hits).toHaveLength(1);
	});

	it('a 404 on the sync list is root_gone no_api; on one run it stays not_found', async () => {
		server.on('GET', '/syncs', {status: 404, body: {status: 404}});
		server.on('GET', '/sync_runs/9', {status: 404, body: {status: 404}});
		expect(await rejection(client().listSyncs({perPage: 1}))).toMatchObject({kind: 'root_gone', rootGone: 'no_api'});
		expect(await rejection(client().getSyncRun(9))).toMatchObject({kind: 'not_found', rootGone: null});
	});

	it('a redirect to /api/v2 is root_gone retired, and is not followed', async () => {
		server.on('GET', '/syncs/4/sync_runs', {status: 308, headers: {location: '/api/v2/syncs/4/sync_runs'}});
		expect(await rejection(client().listSyncRuns(4))).toMatchObject({kind: 'root_gone', rootGone: 'retired', status: 308});
		expect(server.hits.map(hit => hit.path)).toEqual(['/syncs/4/sync_runs']);
	});

	it('a 401 whose message speaks of retirement is root_gone; a plain 401 stays auth', async () => {
		server.on('GET', '/sync_runs/9', {status: 401, body: {status: 'error', message: 'API v1 has been retired'}});
		server.on('GET', '/sync_runs/8', {status: 401, body: {status: 'error', message: 'Unauthorized'}});
		expect(await rejection(client().getSyncRun(9))).toMatchObject({kind: 'root_gone', rootGone: 'retired'});
		expect(await rejection(client().getSyncRun(8))).toMatchObject({kind: 'auth', rootGone: null});
	});
});
