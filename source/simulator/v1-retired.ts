// What a request under /api/v1 receives once v1 is retired (the `v1Retired` fault knob), in each form a
// retired v1 might take. Census has published none of them; each is answered before the token is checked,
// as a gateway in front of a removed API would.
import type {V1RetiredForm} from './faults.js';

export type RetiredAnswer = {status: number; headers: Record<string, string>; body: unknown};

const V1_RETIRED_DATE = '2027-01-15';

/** `v2Location`: the same path and query under /api/v2 (an absolute URL). */
export function v1RetiredAnswer(form: V1RetiredForm, method: string, v2Location: string): RetiredAnswer {
	switch (form) {
		case '410': {
			return {
				status: 410,
				headers: {},
				body: {status: 410, message: `Census API v1 was retired on ${V1_RETIRED_DATE}. Use API v2 (/api/v2) with a personal access token.`},
			};
		}

		case '404': {
			return {status: 404, headers: {}, body: {status: 404}};
		}

		case 'redirect': {
			// 301 for reads as most servers send; 308 keeps a POST a POST.
			const status = method === 'GET' || method === 'HEAD' ? 301 : 308;
			return {status, headers: {location: v2Location}, body: null};
		}

		case '401': {
			return {
				status: 401,
				headers: {'www-authenticate': 'Bearer'},
				body: {status: 401, message: 'Census API v1 has been retired: use API v2 (/api/v2) with a personal access token.'},
			};
		}
	}
}
