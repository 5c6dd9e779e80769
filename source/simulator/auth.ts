// Census's workspace endpoints want `Authorization: Bearer <token>`. The simulator accepts any
// non-empty token unless it was given one, and says how a request presented itself without keeping
// the token.
import {createHash, timingSafeEqual} from 'node:crypto';

export type Authorization = 'bearer' | 'none' | 'wrong';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** A check bound to the expected token (or to "any non-empty token"); keeps only its digest. */
export function createAuthCheck(token: string | undefined): (header: string | undefined) => Authorization {
	const expected = token === undefined ? null : digest(token);
	return header => {
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

		return expected === null || timingSafeEqual(digest(presented), expected) ? 'bearer' : 'wrong';
	};
}
