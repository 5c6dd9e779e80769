import type {FakeAnswer, FakeHit} from '../polling/fake-census.js';

// The answers that say something about the connection rather than about one run, as fault hooks for the
// fake Census of test/polling (a real HTTP server on 127.0.0.1): the API root gone in each form we know
// of (410, 404 everywhere, a redirect to /api/v2, a 401 that speaks of retirement), a 401 or 403 on one
// resource or on all, a 500 forever, an absurd Retry-After, and one run whose answer never comes.

export type HealthFault = (hit: FakeHit, index: number) => FakeAnswer | null;

/** Each way a retired v1 (or a base URL with no Census API behind it) may answer. */
export const ROOT_GONE_FORMS: Readonly<Record<'410' | '404 everywhere' | 'redirect to v2' | '401 retired', HealthFault>> = {
	'410': () => ({status: 410, body: {status: 'error', message: 'Gone'}}),
	'404 everywhere': () => ({status: 404, body: {status: 404, message: 'Not Found'}}),
	'redirect to v2': hit => ({status: 308, headers: {location: `/api/v2${hit.path}`}, body: {}}),
	'401 retired': () => ({status: 401, body: {status: 'error', message: 'API v1 has been retired; use API v2 with a personal access token'}}),
};

export const serverErrorForever: HealthFault = () => ({status: 500, body: {status: 'error', message: 'Internal Server Error'}});

export const retryAfterADay: HealthFault = () => ({status: 429, headers: {'retry-after': '86400'}, body: {status: 'error', message: 'Too Many Requests'}});

/** A plain 401 (a revoked token, say), with nothing about retirement. */
export const tokenRejected: HealthFault = () => ({status: 401, body: {status: 'error', message: 'Unauthorized'}});

export const onRun =
	(runId: number, answer: FakeAnswer): HealthFault =>
	hit =>
		hit.path === `/sync_runs/${runId}` ? answer : null;

export const forbidden: FakeAnswer = {status: 403, body: {status: 'error', message: 'Forbidden'}};
/** Headers never come: the client's timeout ends the request. */
export const stall: FakeAnswer = {status: 200, hold: true};
