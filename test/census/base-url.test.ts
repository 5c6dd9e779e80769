import {describe, expect, it} from 'vitest';
import {assertSafeTransport, isLoopbackHost, parseBaseUrl, resolveApiRoots} from '../../source/census/base-url.js';
import {thrown} from './helpers.js';

describe('resolveApiRoots', () => {
	it('defaults to the US host, both versions, none fixed', () => {
		expect(resolveApiRoots({})).toEqual({roots: {v1: 'https://app.getcensus.com/api/v1', v2: 'https://app.getcensus.com/api/v2'}, fixed: null});
	});

	it('maps --region eu and us to their hosts', () => {
		expect(resolveApiRoots({region: 'eu'}).roots).toEqual({v1: 'https://app-eu.getcensus.com/api/v1', v2: 'https://app-eu.getcensus.com/api/v2'});
		expect(resolveApiRoots({region: 'us'}).roots.v1).toBe('https://app.getcensus.com/api/v1');
	});

	it('lets an explicit base URL win over the region, trims trailing slashes, and reads the version it ends in', () => {
		expect(resolveApiRoots({region: 'eu', baseUrl: 'http://127.0.0.1:4010/api/v1//'})).toEqual({
			roots: {v1: 'http://127.0.0.1:4010/api/v1', v2: 'http://127.0.0.1:4010/api/v2'},
			fixed: 'v1',
		});
		expect(resolveApiRoots({baseUrl: 'http://127.0.0.1:4010/api/v2'}).fixed).toBe('v2');
		expect(resolveApiRoots({baseUrl: 'http://127.0.0.1:4010'})).toEqual({
			roots: {v1: 'http://127.0.0.1:4010/api/v1', v2: 'http://127.0.0.1:4010/api/v2'},
			fixed: null,
		});
	});

	it('rejects an unknown region as a client error', () => {
		const error = thrown(() => resolveApiRoots({region: 'ap' as 'us'}));
		expect(error.kind).toBe('client');
		expect(error.message).toBe('unknown region "ap" (use us or eu)');
	});

	it('refuses plain http to a non-loopback host as insecure', () => {
		const error = thrown(() => resolveApiRoots({baseUrl: 'http://example.com/api/v1'}));
		expect(error.kind).toBe('insecure');
		expect(error.message).toBe('refusing to send the API token over plain http to example.com; use https');
	});
});

describe('parseBaseUrl', () => {
	it.each([
		['not a url', 'not a valid URL'],
		['ftp://example.com/api', 'must start with https://'],
		['https://user:pw@example.com/api', 'must not contain a user name or password'],
		['https://example.com/api?key=1', 'must not contain ? or #'],
	])('rejects %s as a client error with a one-line message', (value, part) => {
		const error = thrown(() => parseBaseUrl(value));
		expect(error.kind).toBe('client');
		expect(error.message).toContain(part);
		expect(error.message).not.toContain('\n');
	});

	it('never echoes credentials from the rejected URL', () => {
		expect(thrown(() => parseBaseUrl('https://user:hunter2@example.com/api')).message).not.toContain('hunter2');
	});

	it('keeps the path and port and lowercases the host', () => {
		expect(parseBaseUrl('https://EXAMPLE.com:8443/census/api/v1/')).toBe('https://example.com:8443/census/api/v1');
	});
});

describe('isLoopbackHost', () => {
	it.each(['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]'])('accepts %s', host => {
		expect(isLoopbackHost(host)).toBe(true);
	});

	it.each(['128.0.0.1', '127.0.0.256', '127.0.0.1.example.com', 'localhost.example.com', '10.0.0.1', '[::2]', ''])(
		'rejects %s',
		host => {
			expect(isLoopbackHost(host)).toBe(false);
		},
	);
});

describe('assertSafeTransport', () => {
	it.each(['http://127.0.0.1:4010/api/v1', 'http://localhost:4010/api/v1', 'http://[::1]:4010/api/v1', 'https://example.com/api/v1'])(
		'allows %s',
		url => {
			expect(() => {
				assertSafeTransport(url);
			}).not.toThrow();
		},
	);

	it('refuses http to a public host, naming the host only', () => {
		const error = thrown(() => {
			assertSafeTransport('http://app.getcensus.com/api/v1');
		});
		expect(error.kind).toBe('insecure');
		expect(error.message).toBe('refusing to send the API token over plain http to app.getcensus.com; use https');
	});
});
