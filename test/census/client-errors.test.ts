import {describe, expect, it} from 'vitest';
import {createCensusClient, type CensusClientOptions} from '../../source/census/client.js';
import {runJson} from '../helpers/builders.js';
import {refusingBaseUrl, rejection, serverPerTest, startServer, success} from './helpers.js';

const TOKEN = 'secret-token:errors-test-a1b2c3d4e5';

const server = serverPerTest();

const client = (overrides: Partial<CensusClientOptions> = {}) =>
	createCensusClient({baseUrl: server.baseUrl, token: TOKEN, retry: {limit: 0}, ...overrides});

describe('HTTP failures become typed errors', () => {
	it('401 is auth, naming the request and the status', async () => {
		server.on('GET', '/sync_runs/9', {status: 401, body: ''});
		const error = await rejection(client().getSyncRun(9));
		expect(error.kind).toBe('auth');
		expect(error.status).toBe(401);
		expect(error.message).toBe('GET /sync_runs/9: the API rejected the token (401 Unauthorized)');
	});

	it('403 is auth', async () => {
		server.on('GET', '/syncs/4', {status: 403, body: {status: 'error', message: 'Forbidden for this workspace'}});
		const error = await rejection(client().getSync(4));
		expect(error.kind).toBe('auth');
		expect(error.message).toBe('GET /syncs/4: the token has no access to this (403 Forbidden): Forbidden for this workspace');
	});

	it('404 with a bare {"status": 404} body is not_found', async () => {
		server.on('GET', '/sync_runs/9', {status: 404, body: {status: 404}});
		const error = await rejection(client().getSyncRun(9));
		expect(error.kind).toBe('not_found');
		expect(error.message).toBe('GET /sync_runs/9: 404 not found');
	});

	it('a write endpoint error carries the API message', async () => {
		server.on('POST', '/syncs/52/trigger', {status: 422, body: {status: 'error', message: 'Sync is paused'}});
		const error = await rejection(client().triggerSync(52));
		expect(error.kind).toBe('client');
		expect(error.message).toBe('POST /syncs/52/trigger: 422 Unprocessable Entity: Sync is paused');
	});

	it('a 2xx whose envelope says error is a client error', async () => {
		server.on('POST', '/sync_runs/9/cancel', {body: {status: 'error', message: 'Run already finished'}});
		const error = await rejection(client().cancelSyncRun(9));
		expect(error.kind).toBe('client');
		expect(error.message).toBe('POST /sync_runs/9/cancel: the API refused: Run already finished');
	});

	it.each([500, 503])('%i is server, with the body text', async status => {
		server.on('GET', '/syncs', {status, body: 'upstream\n down', headers: {'content-type': 'text/plain'}});
		const error = await rejection(client().listSyncs());
		expect(error.kind).toBe('server');
		expect(error.status).toBe(status);
		expect(error.message).toMatch(new RegExp(`^GET /syncs: ${status} [A-Za-z ]+: upstream down$`));
	});

	it.each([502, 503])('%i with a proxy\'s HTML page says so in one line, without its markup', async status => {
		const page = `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head>\n<body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`;
		server.on('GET', '/syncs', {status, body: page, headers: {'content-type': 'text/html'}});
		const error = await rejection(client().listSyncs());
		expect(error.kind).toBe('server');
		expect(error.message).toMatch(new RegExp(`^GET /syncs: ${status} [A-Za-z ]+: an HTML error page$`));
		expect(error.message).not.toMatch(/[<>]/);
	});

	it('reads an error body with an integer status and a message', async () => {
		server.on('GET', '/syncs', {status: 401, body: {status: 401, message: 'Invalid API token'}});
		const error = await rejection(client().listSyncs());
		expect(error.kind).toBe('auth');
		expect(error.message).toBe('GET /syncs: the API rejected the token (401 Unauthorized): Invalid API token');
	});

	it('reads a 429 with an empty body and Retry-After: 0 as a short rate-limit pause', async () => {
		server.on('GET', '/syncs', {status: 429, body: '', headers: {'retry-after': '0'}});
		const error = await rejection(client().listSyncs());
		expect(error.kind).toBe('rate_limited');
		expect(error.retryAfterMs).toBe(0);
		expect(error.message).toBe('GET /syncs: 429 rate limited; pausing all requests for 1s');
	});

	it('uses the standard reason phrase, not the one the server sends', async () => {
		server.on('GET', '/syncs', {status: 500, body: ''});
		const error = await rejection(client().listSyncs());
		expect(error.message).toBe('GET /syncs: 500 Internal Server Error');
	});

	it('a redirect is bad_response and is not followed', async () => {
		const elsewhere = await startServer();
		try {
			server.on('GET', '/sync_runs/9', {status: 302, headers: {location: `${elsewhere.baseUrl}/sync_runs/9`}});
			const error = await rejection(client().getSyncRun(9));
			expect(error.kind).toBe('bad_response');
			expect(error.message).toBe('GET /sync_runs/9: unexpected redirect (302 Found)');
			expect(elsewhere.hits).toHaveLength(0);
		} finally {
			await elsewhere.close();
		}
	});
});

describe('429', () => {
	it('with Retry-After in seconds: rate_limited carrying it', async () => {
		server.on('POST', '/syncs/52/trigger', {status: 429, headers: {'retry-after': '7'}, body: ''});
		const clock = 1_800_000_000_000;
		const api = client({now: () => clock});
		const error = await rejection(api.triggerSync(52));
		expect(error.kind).toBe('rate_limited');
		expect(error.retryAfterMs).toBe(7000);
		expect(error.message).toBe('POST /syncs/52/trigger: 429 rate limited; pausing all requests for 7s');
		expect(api.rateLimitedUntil()).toBe(clock + 7000);
	});

	it('with Retry-After as an HTTP date: rate_limited carrying the time left', async () => {
		const clock = Date.parse('2026-03-01T12:00:00Z');
		server.on('POST', '/syncs/52/trigger', {status: 429, headers: {'retry-after': 'Sun, 01 Mar 2026 12:01:30 GMT'}, body: ''});
		const api = client({now: () => clock});
		const error = await rejection(api.triggerSync(52));
		expect(error.retryAfterMs).toBe(90_000);
		expect(api.rateLimitedUntil()).toBe(clock + 90_000);
	});

	it('without Retry-After: rate_limited with no retryAfterMs, paused by a backoff of a few seconds', async () => {
		server.on('POST', '/syncs/52/trigger', {status: 429, body: {message: 'slow down'}});
		const clock = 1_800_000_000_000;
		const api = client({now: () => clock, random: () => 0.5});
		const error = await rejection(api.triggerSync(52));
		expect(error.kind).toBe('rate_limited');
		expect(error.retryAfterMs).toBeNull();
		expect(error.message).toBe('POST /syncs/52/trigger: 429 rate limited; pausing all requests for 4s: slow down');
		expect(api.rateLimitedUntil()).toBe(clock + 3750);
	});
});

describe('bad responses', () => {
	it('a body that is not JSON is bad_response', async () => {
		server.on('GET', '/sync_runs/9', {body: 'Service temporarily unavailable', headers: {'content-type': 'text/plain'}});
		const error = await rejection(client().getSyncRun(9));
		expect(error.kind).toBe('bad_response');
		expect(error.status).toBe(200);
		expect(error.message).toBe('GET /sync_runs/9: the answer is not JSON: Service temporarily unavailable');
	});

	it('truncated JSON is bad_response', async () => {
		server.on('GET', '/sync_runs/9', {body: JSON.stringify(success(runJson()).body).slice(0, 80)});
		const error = await rejection(client().getSyncRun(9));
		expect(error.kind).toBe('bad_response');
		expect(error.message).toBe('GET /sync_runs/9: the answer is truncated JSON');
	});

	it('a run with a wrong-type id is bad_response naming the field', async () => {
		server.on('GET', '/sync_runs/9', success(runJson({id: '9'})));
		const error = await rejection(client().getSyncRun(9));
		expect(error.kind).toBe('bad_response');
		expect(error.message).toBe('GET /sync_runs/9: sync run: "id" is missing or not a positive integer');
	});

	it('a trigger answer without sync_run_id is bad_response', async () => {
		server.on('POST', '/syncs/52/trigger', success({}));
		expect((await rejection(client().triggerSync(52))).kind).toBe('bad_response');
	});
});

describe('network failures', () => {
	it('connection refused is network', async () => {
		const api = createCensusClient({baseUrl: await refusingBaseUrl(), token: TOKEN, retry: {limit: 0}});
		const error = await rejection(api.getSyncRun(9));
		expect(error.kind).toBe('network');
		expect(error.status).toBeNull();
		expect(error.message).toBe('GET /sync_runs/9: network error (ECONNREFUSED)');
	});

	it('a socket destroyed before the answer is network', async () => {
		server.on('GET', '/sync_runs/9', {destroy: true});
		const error = await rejection(client().getSyncRun(9));
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/^GET \/sync_runs\/9: network error \(.+\)$/);
	});

	it('a server slower than the timeout is timeout', async () => {
		server.on('GET', '/sync_runs/9', {delayMs: 10_000, ...success(runJson())});
		const error = await rejection(client({timeoutMs: 150}).getSyncRun(9));
		expect(error.kind).toBe('timeout');
		expect(error.message).toBe('GET /sync_runs/9: no answer within 150 ms');
	});

	it('a body that stalls after the headers is timeout too', async () => {
		server.on('GET', '/sync_runs/9', {stallAfter: '{"status": "success", "data": {"id": 9,'});
		const error = await rejection(client({timeoutMs: 150}).getSyncRun(9));
		expect(error.kind).toBe('timeout');
		expect(error.status).toBe(200);
	});
});

describe('the token never leaks', () => {
	it('is redacted from an error body that echoes it', async () => {
		server.on('GET', '/syncs', {status: 500, body: {message: `bad header: Bearer ${TOKEN} (secret ${TOKEN.slice('secret-token:'.length)})`}});
		const error = await rejection(client().listSyncs());
		expect(error.message).not.toContain(TOKEN.slice('secret-token:'.length));
		expect(error.message).toBe('GET /syncs: 500 Internal Server Error: bad header: Bearer [redacted] (secret [redacted])');
	});

	it('keeps the message short for a 1 MB body, even with the token at the cut', async () => {
		const body = `${'x'.repeat(180)}${TOKEN}${'y'.repeat(1024 * 1024)}`;
		server.on('GET', '/syncs', {status: 502, body, headers: {'content-type': 'text/plain'}});
		const error = await rejection(client().listSyncs());
		expect(error.message.length).toBeLessThan(300);
		expect(error.message).not.toContain(TOKEN.slice('secret-token:'.length, 'secret-token:'.length + 4));
	});

	it('is redacted from API text in a successful answer', async () => {
		server.on('GET', '/sync_runs/9', success(runJson({id: 9, error_detail: `token was ${TOKEN}`})));
		const run = await client().getSyncRun(9);
		expect(run.errorDetail).toBe('token was [redacted]');
		expect(JSON.stringify(run.raw)).not.toContain(TOKEN);
	});

	it('appears in no message of any failure kind', async () => {
		server.on('GET', '/sync_runs/1', {status: 401, body: TOKEN});
		server.on('GET', '/sync_runs/2', {status: 404, body: {status: 404, message: TOKEN}});
		server.on('GET', '/sync_runs/3', {body: `not json ${TOKEN}`});
		server.on('POST', '/sync_runs/4/cancel', {body: {status: TOKEN}});
		const api = client();
		const errors = await Promise.all([
			rejection(api.getSyncRun(1)),
			rejection(api.getSyncRun(2)),
			rejection(api.getSyncRun(3)),
			rejection(api.cancelSyncRun(4)),
		]);
		expect(errors.map(error => error.kind)).toEqual(['auth', 'not_found', 'bad_response', 'bad_response']);
		for (const error of errors) {
			expect(error.message).not.toContain(TOKEN.slice('secret-token:'.length));
		}
	});
});

describe('transport safety', () => {
	it('refuses plain http to a non-loopback host at construction, before any request', () => {
		expect(() => createCensusClient({baseUrl: 'http://example.com/api/v1', token: TOKEN})).toThrow(
			expect.objectContaining({kind: 'insecure', message: 'refusing to send the API token over plain http to example.com; use https'}),
		);
	});

	it.each(['http://127.0.0.1:4010/api/v1', 'http://localhost:4010/api/v1', 'http://[::1]:4010/api/v1', 'https://app.getcensus.com/api/v1'])(
		'allows %s',
		baseUrl => {
			expect(createCensusClient({baseUrl, token: TOKEN}).baseUrl).toBe(baseUrl);
		},
	);

	it('refuses a token that cannot be sent in a header, without quoting it', () => {
		expect(() => createCensusClient({baseUrl: server.baseUrl, token: `${TOKEN}\n`})).toThrow(
			expect.objectContaining({kind: 'client', message: 'the API token contains line breaks or control characters; copy it again'}),
		);
	});
});
