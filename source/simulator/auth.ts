// Census wants `Authorization: Bearer <token>`, and the kind of token depends on the API version: v1's
// workspace endpoints take a workspace API token, v2 only an Activations personal access token (PAT).
// The simulator tells the kinds apart by the tokens it was given (a v1 token it was not given is any
// non-empty token but the PAT), and says how a request presented itself without keeping the token.
import {createHash, timingSafeEqual} from 'node:crypto';
import type {ApiVersion} from './routes.js';

/** `wrong_kind`: a valid token of the other version's kind (a PAT on v1, a workspace token on v2). */
export type Authorization = 'bearer' | 'none' | 'wrong' | 'wrong_kind';

/**
 * The PAT v2 accepts unless the simulator is given another (`--pat`), for the demo and tests. The format
 * of a real PAT is not published; this one is deliberately unlike a workspace token (`secret-token:…`).
 */
export const DEFAULT_PAT = 'sim-pat-demo-4b1d9e27c3a85f60';

const WORKSPACE_TOKEN_PREFIX = 'secret-token:';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

const same = (presented: Buffer, expected: Buffer | null): boolean => expected !== null && timingSafeEqual(presented, expected);

export type AuthCheck = (version: ApiVersion, header: string | undefined) => Authorization;

/**
 * A check bound to the workspace token (undefined: any non-empty token that is not the PAT) and to the
 * PAT; keeps only their digests.
 */
export function createAuthCheck({token, pat}: {token?: string | undefined; pat: string}): AuthCheck {
	const workspaceDigest = token === undefined ? null : digest(token);
	const patDigest = digest(pat);
	return (version, header) => {
		if (header === undefined || header.trim() === '') {
			return 'none';
		}

		const match = /^Bearer(?: +(.*))?$/i.exec(header.trim());
		if (match === null) {
			return 'wrong';
		}

		const presented = (match[1] ?? '').trim();
		if (presented === '') {
			return 'none';
		}

		const presentedDigest = digest(presented);
		const isPat = same(presentedDigest, patDigest);
		const isWorkspace = workspaceDigest === null ? !isPat : same(presentedDigest, workspaceDigest);
		if (version === 'v1') {
			return isWorkspace ? 'bearer' : isPat ? 'wrong_kind' : 'wrong';
		}

		if (isPat) {
			return 'bearer';
		}

		return (isWorkspace && workspaceDigest !== null) || presented.startsWith(WORKSPACE_TOKEN_PREFIX) ? 'wrong_kind' : 'wrong';
	};
}

/**
 * The 401 body for a refused request, in Census's error form (an integer status). The texts avoid
 * "v2" and "retired" on purpose: a client reads those words in a 401 as "this API root is gone".
 */
export function unauthorizedBody(authorization: Exclude<Authorization, 'bearer'>, version: ApiVersion): {status: 401; message: string} {
	switch (authorization) {
		case 'none': {
			return {status: 401, message: 'Missing API token: send Authorization: Bearer <token>'};
		}

		case 'wrong': {
			return {status: 401, message: 'Unauthorized: the API token is invalid or has been revoked'};
		}

		case 'wrong_kind': {
			return {
				status: 401,
				message:
					version === 'v1'
						? 'Unauthorized: this endpoint takes a workspace API token, not a personal access token'
						: 'Unauthorized: this endpoint takes a personal access token, not a workspace API token',
			};
		}
	}
}
