// Fault injection: what can go wrong between the app and Census. Knobs apply to every route or to one
// (a route's knobs override the overall ones field by field). The decision for a request is a pure
// function of the knobs, the request's 1-based index on its route and a random source, so tests can
// reason about "every Nth" exactly and about rates with a seeded source.
import type {Random} from './random.js';

const FAULT_ROUTES = ['syncs', 'sync', 'sync_runs', 'sync_run', 'trigger', 'cancel'] as const;

export type FaultRoute = (typeof FAULT_ROUTES)[number];

/**
 * How a retired API v1 might answer (Census has not published it): 410 Gone, 404 on every route, a
 * permanent redirect to the same path under /api/v2, or a 401 whose message says v1 was retired.
 */
export const V1_RETIRED_FORMS = ['410', '404', 'redirect', '401'] as const;

export type V1RetiredForm = (typeof V1_RETIRED_FORMS)[number];

export const isV1RetiredForm = (value: unknown): value is V1RetiredForm =>
	typeof value === 'string' && (V1_RETIRED_FORMS as readonly string[]).includes(value);

export type FaultSpec = {
	/** Added before answering (real ms). */
	latencyMs?: number;
	/** Share (0..1) of requests answered 5xx. */
	serverErrorRate?: number;
	/** Every Nth request answered 5xx. */
	serverErrorEvery?: number;
	/** The 5xx status to use; by default 500, 502 and 503 in turn. */
	serverErrorStatus?: number;
	rateLimitRate?: number;
	rateLimitEvery?: number;
	/** Retry-After on 429s, in seconds; null sends none. Default 1. */
	retryAfterSeconds?: number | null;
	/** 429s come with an empty body (one of Census's forms) rather than a JSON error body. */
	rateLimitEmptyBody?: boolean;
	/** Share of requests answered 200 with a body that is not JSON. */
	malformedRate?: number;
	/** Share of requests whose JSON body is cut off halfway. */
	truncatedRate?: number;
	/** Share of requests whose connection is dropped without an answer. */
	dropRate?: number;
	dropEvery?: number;
	/** Every request under /api/v1 answers as a retired v1 does; /api/v2 is untouched. */
	v1Retired?: V1RetiredForm;
};

export type FaultDecision =
	| {kind: 'none'; latencyMs: number}
	| {kind: 'drop'; latencyMs: number}
	| {kind: 'server_error'; latencyMs: number; status: number}
	| {kind: 'rate_limit'; latencyMs: number; retryAfterSeconds: number | null; emptyBody: boolean}
	| {kind: 'malformed'; latencyMs: number}
	| {kind: 'truncated'; latencyMs: number};

export type Faults = {
	/** Replaces the knobs for one route, or the overall ones; resets the request counts. */
	set(spec: FaultSpec, route?: FaultRoute): void;
	/** Removes every knob and resets the request counts. */
	clear(): void;
	/** The knobs in force for a route. */
	specFor(route: FaultRoute): FaultSpec;
	/** How v1 answers on a route, or on a path that is no route (null: the overall knob). */
	v1RetiredFor(route: FaultRoute | null): V1RetiredForm | undefined;
	decide(route: FaultRoute, requestIndex: number, random: Random): FaultDecision;
	/** Counts a request on the route and decides its fate. */
	take(route: FaultRoute, random: Random): FaultDecision;
};

const ROTATING_SERVER_ERRORS = [500, 502, 503] as const;

const hits = (every: number | undefined, index: number): boolean => every !== undefined && every >= 1 && index % every === 0;

/** Draws only for knobs that are set, so that unset knobs do not shift the random sequence. */
const rolls = (rate: number | undefined, random: Random): boolean => rate !== undefined && rate > 0 && random() < rate;

export function decideFault(spec: FaultSpec, requestIndex: number, random: Random): FaultDecision {
	const latencyMs = Math.max(0, spec.latencyMs ?? 0);
	if (hits(spec.dropEvery, requestIndex) || rolls(spec.dropRate, random)) {
		return {kind: 'drop', latencyMs};
	}

	if (hits(spec.serverErrorEvery, requestIndex) || rolls(spec.serverErrorRate, random)) {
		const rotating = ROTATING_SERVER_ERRORS[requestIndex % ROTATING_SERVER_ERRORS.length] ?? 500;
		return {kind: 'server_error', latencyMs, status: spec.serverErrorStatus ?? rotating};
	}

	if (hits(spec.rateLimitEvery, requestIndex) || rolls(spec.rateLimitRate, random)) {
		return {
			kind: 'rate_limit',
			latencyMs,
			retryAfterSeconds: spec.retryAfterSeconds === undefined ? 1 : spec.retryAfterSeconds,
			emptyBody: spec.rateLimitEmptyBody === true,
		};
	}

	if (rolls(spec.malformedRate, random)) {
		return {kind: 'malformed', latencyMs};
	}

	if (rolls(spec.truncatedRate, random)) {
		return {kind: 'truncated', latencyMs};
	}

	return {kind: 'none', latencyMs};
}

export function createFaults(): Faults {
	let overall: FaultSpec = {};
	const perRoute = new Map<FaultRoute, FaultSpec>();
	const counts = new Map<FaultRoute, number>();

	const specFor = (route: FaultRoute): FaultSpec => ({...overall, ...perRoute.get(route)});

	return {
		set(spec, route) {
			if (route === undefined) {
				overall = {...spec};
			} else {
				perRoute.set(route, {...spec});
			}

			counts.clear();
		},
		clear() {
			overall = {};
			perRoute.clear();
			counts.clear();
		},
		specFor,
		v1RetiredFor: route => (route === null ? overall.v1Retired : specFor(route).v1Retired),
		decide: (route, requestIndex, random) => decideFault(specFor(route), requestIndex, random),
		take(route, random) {
			const index = (counts.get(route) ?? 0) + 1;
			counts.set(route, index);
			return decideFault(specFor(route), index, random);
		},
	};
}

const RATE_KEYS = ['serverErrorRate', 'rateLimitRate', 'malformedRate', 'truncatedRate', 'dropRate'] as const;
const EVERY_KEYS = ['serverErrorEvery', 'rateLimitEvery', 'dropEvery'] as const;

const isFaultRoute = (value: unknown): value is FaultRoute =>
	typeof value === 'string' && (FAULT_ROUTES as readonly string[]).includes(value);

/**
 * Reads `{route?, ...knobs}` as sent to POST /__sim/faults. Throws a RangeError naming the first bad
 * field, so that a typo in a knob is an error rather than a silent no-op.
 */
export function parseFaultRequest(value: unknown): {spec: FaultSpec; route?: FaultRoute} {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new RangeError('expected a JSON object of fault knobs');
	}

	const input = value as Record<string, unknown>;
	const spec: FaultSpec = {};
	const number = (key: string, ok: (n: number) => boolean, rule: string): number => {
		const field = input[key];
		if (typeof field !== 'number' || !Number.isFinite(field) || !ok(field)) {
			throw new RangeError(`${key} must be ${rule}`);
		}

		return field;
	};

	for (const key of Object.keys(input)) {
		if (key === 'route') {
			continue;
		}

		if ((RATE_KEYS as readonly string[]).includes(key)) {
			spec[key as (typeof RATE_KEYS)[number]] = number(key, n => n >= 0 && n <= 1, 'a number from 0 to 1');
		} else if ((EVERY_KEYS as readonly string[]).includes(key)) {
			spec[key as (typeof EVERY_KEYS)[number]] = number(key, n => Number.isInteger(n) && n >= 1, 'an integer ≥ 1');
		} else if (key === 'latencyMs') {
			spec.latencyMs = number(key, n => n >= 0 && n <= 600_000, 'a number of ms from 0 to 600000');
		} else if (key === 'serverErrorStatus') {
			spec.serverErrorStatus = number(key, n => Number.isInteger(n) && n >= 500 && n <= 599, 'an integer from 500 to 599');
		} else if (key === 'retryAfterSeconds') {
			spec.retryAfterSeconds = input[key] === null ? null : number(key, n => n >= 0, 'a number ≥ 0 or null');
		} else if (key === 'rateLimitEmptyBody') {
			const flag = input[key];
			if (typeof flag !== 'boolean') {
				throw new RangeError(`${key} must be true or false`);
			}

			spec.rateLimitEmptyBody = flag;
		} else if (key === 'v1Retired') {
			const form = input[key];
			if (form !== null && !isV1RetiredForm(form)) {
				throw new RangeError(`v1Retired must be one of ${V1_RETIRED_FORMS.map(item => `"${item}"`).join(', ')} or null`);
			}

			if (form !== null) {
				spec.v1Retired = form;
			}
		} else {
			throw new RangeError(`unknown fault knob "${key.slice(0, 40)}"`);
		}
	}

	if (input['route'] === undefined) {
		return {spec};
	}

	if (!isFaultRoute(input['route'])) {
		throw new RangeError(`route must be one of ${FAULT_ROUTES.join(', ')}`);
	}

	return {spec, route: input['route']};
}
