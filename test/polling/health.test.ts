import {describe, expect, it} from 'vitest';
import {extendStreak, healthAfterFailure} from '../../source/polling/health.js';

describe('healthAfterFailure', () => {
	const first = extendStreak(null, {status: 500, message: 'GET /sync_runs/1: 500 Internal Server Error'}, 1000);
	const second = extendStreak(first, {status: 500, message: 'GET /sync_runs/2: 500 Internal Server Error'}, 2000);

	it('leaves one failure among successes to the row', () => {
		expect(healthAfterFailure(first, null, first.message)).toBeNull();
		expect(healthAfterFailure(null, null, 'GET /sync_runs/1: no answer within 20s')).toBeNull();
	});

	it('says which status the API answers, since the first failure in a row', () => {
		expect(healthAfterFailure(second, null, second.message)).toEqual({kind: 'api_error', status: 500, since: 1000, message: second.message});
	});

	it('says "retrying" for malformed answers, which carry no error status', () => {
		const bad = extendStreak(extendStreak(null, {status: 200, message: 'x'}, 1000), {status: null, message: 'y'}, 2000);
		expect(healthAfterFailure(bad, null, 'y')).toEqual({kind: 'retrying', since: 1000, message: 'y'});
	});

	it('says unreachable only when the scheduler found that nothing answers', () => {
		expect(healthAfterFailure(null, 500, 'no answer')).toEqual({kind: 'offline', since: 500, message: 'no answer'});
	});
});
