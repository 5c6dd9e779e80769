import {describe, expect, it} from 'vitest';
import {createFaults, decideFault, parseFaultRequest, type FaultSpec} from '../../source/simulator/faults.js';
import {mulberry32, type Random} from '../../source/simulator/random.js';

const never: Random = () => {
	throw new Error('random() must not be drawn');
};

const kinds = (spec: FaultSpec, count: number, random: Random = never): string[] =>
	Array.from({length: count}, (_, at) => decideFault(spec, at + 1, random).kind);

describe('decideFault', () => {
	it('answers normally, drawing no random number, when no knob is set', () => {
		expect(kinds({}, 5)).toEqual(['none', 'none', 'none', 'none', 'none']);
	});

	it('hits exactly every Nth request', () => {
		expect(kinds({serverErrorEvery: 3}, 7)).toEqual(['none', 'none', 'server_error', 'none', 'none', 'server_error', 'none']);
		expect(kinds({rateLimitEvery: 2}, 4)).toEqual(['none', 'rate_limit', 'none', 'rate_limit']);
		expect(kinds({dropEvery: 1}, 2)).toEqual(['drop', 'drop']);
	});

	it('hits about the given share of requests', () => {
		const random = mulberry32(42);
		const hits = kinds({serverErrorRate: 0.3}, 2000, random).filter(kind => kind === 'server_error').length;
		expect(hits).toBeGreaterThan(500);
		expect(hits).toBeLessThan(700);
		expect(kinds({malformedRate: 1}, 3, mulberry32(1))).toEqual(['malformed', 'malformed', 'malformed']);
		expect(kinds({truncatedRate: 0}, 3)).toEqual(['none', 'none', 'none']);
	});

	it('rotates 500, 502 and 503 unless a status is given', () => {
		const statuses = [1, 2, 3].map(index => {
			const decision = decideFault({serverErrorEvery: 1}, index, never);
			return decision.kind === 'server_error' ? decision.status : null;
		});
		expect(new Set(statuses)).toEqual(new Set([500, 502, 503]));
		expect(decideFault({serverErrorEvery: 1, serverErrorStatus: 504}, 1, never)).toEqual({kind: 'server_error', latencyMs: 0, status: 504});
	});

	it('sends Retry-After of 1 s by default, the given one, or none for null', () => {
		expect(decideFault({rateLimitEvery: 1}, 1, never)).toEqual({kind: 'rate_limit', latencyMs: 0, retryAfterSeconds: 1, emptyBody: false});
		expect(decideFault({rateLimitEvery: 1, retryAfterSeconds: 7}, 1, never)).toMatchObject({retryAfterSeconds: 7});
		expect(decideFault({rateLimitEvery: 1, retryAfterSeconds: null}, 1, never)).toMatchObject({retryAfterSeconds: null});
		expect(decideFault({rateLimitEvery: 1, retryAfterSeconds: 0, rateLimitEmptyBody: true}, 1, never)).toMatchObject({retryAfterSeconds: 0, emptyBody: true});
	});

	it('drops before answering 5xx, and answers 5xx before 429', () => {
		expect(decideFault({dropEvery: 1, serverErrorEvery: 1, rateLimitEvery: 1}, 1, never).kind).toBe('drop');
		expect(decideFault({serverErrorEvery: 1, rateLimitEvery: 1}, 1, never).kind).toBe('server_error');
	});

	it('carries the latency with every decision', () => {
		expect(decideFault({latencyMs: 250}, 1, never)).toEqual({kind: 'none', latencyMs: 250});
		expect(decideFault({latencyMs: 250, dropEvery: 1}, 1, never)).toEqual({kind: 'drop', latencyMs: 250});
	});
});

describe('createFaults', () => {
	it('lets a route override the overall knobs field by field', () => {
		const faults = createFaults();
		faults.set({latencyMs: 100, serverErrorEvery: 2});
		faults.set({serverErrorEvery: 1}, 'sync_run');

		expect(faults.specFor('sync_run')).toEqual({latencyMs: 100, serverErrorEvery: 1});
		expect(faults.specFor('syncs')).toEqual({latencyMs: 100, serverErrorEvery: 2});
	});

	it('counts requests per route and starts counting again when the knobs change', () => {
		const faults = createFaults();
		faults.set({serverErrorEvery: 2});
		const take = (route: 'syncs' | 'sync_run'): string => faults.take(route, never).kind;

		expect([take('syncs'), take('sync_run'), take('syncs'), take('sync_run')]).toEqual(['none', 'none', 'server_error', 'server_error']);
		expect(take('syncs')).toBe('none');
		faults.set({serverErrorEvery: 2});
		expect([take('syncs'), take('syncs')]).toEqual(['none', 'server_error']);
		faults.clear();
		expect([take('syncs'), take('syncs')]).toEqual(['none', 'none']);
	});
});

describe('parseFaultRequest', () => {
	it('reads knobs and an optional route', () => {
		expect(parseFaultRequest({route: 'trigger', dropRate: 0.5, rateLimitEvery: 3, retryAfterSeconds: null})).toEqual({
			route: 'trigger',
			spec: {dropRate: 0.5, rateLimitEvery: 3, retryAfterSeconds: null},
		});
		expect(parseFaultRequest({latencyMs: 20})).toEqual({spec: {latencyMs: 20}});
		expect(parseFaultRequest({v1Retired: 'redirect', rateLimitEmptyBody: true})).toEqual({spec: {v1Retired: 'redirect', rateLimitEmptyBody: true}});
		expect(parseFaultRequest({v1Retired: null})).toEqual({spec: {}});
	});

	it.each([
		[[], 'expected a JSON object'],
		[{dropRatee: 0.5}, 'unknown fault knob "dropRatee"'],
		[{dropRate: 1.5}, 'dropRate must be a number from 0 to 1'],
		[{serverErrorEvery: 0}, 'serverErrorEvery must be an integer ≥ 1'],
		[{latencyMs: '10'}, 'latencyMs must be'],
		[{serverErrorStatus: 404}, 'serverErrorStatus must be an integer from 500 to 599'],
		[{route: 'workspaces'}, 'route must be one of'],
		[{v1Retired: 410}, 'v1Retired must be one of "410", "404", "redirect", "401" or null'],
		[{v1Retired: 'gone'}, 'v1Retired must be one of'],
		[{rateLimitEmptyBody: 'yes'}, 'rateLimitEmptyBody must be true or false'],
	])('rejects %j', (input, message) => {
		expect(() => parseFaultRequest(input)).toThrow(message);
	});
});
