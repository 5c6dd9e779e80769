import {V1_RETIRED_AT, V1_RETIRES_ON} from './api-version.js';
import type {RootGoneReason} from './errors.js';

// When an answer means "this API root is gone" rather than "this sync or run is gone": Census retires API
// v1 on 2027-01-15 and has published nothing about how a retired v1 answers, and a mistyped --base-url
// answers 404 everywhere. Reading either as "deleted" would empty the watch list, so these answers get a
// state of their own. Pure, so that each form is checked without a server.

/** Words an error message uses when it speaks of an API version going away or of v2. */
const RETIREMENT_WORDS = /\b(?:retire[ds]?|retirement|deprecat\w*|sunset\w*|decommission\w*|no longer (?:supported|available))\b|\bv2\b|\/api\/v2\b/i;

const speaksOfRetirement = (message: string | null): boolean => message !== null && RETIREMENT_WORDS.test(message);

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

const isV1Path = (pathname: string): boolean => /\/api\/v1(?:\/|$)/.test(pathname);

function pathOf(url: string, base?: string): string | null {
	try {
		return new URL(url, base).pathname;
	} catch {
		return null;
	}
}

export type AnswerFacts = {
	status: number;
	/** The URL the request went to. */
	url: string;
	/** The API root (the client's base URL). */
	root: string;
	/** The request was the sync list itself (`GET …/syncs`), which every Census API root answers. */
	syncList: boolean;
	/** The Location header of a redirect. */
	location: string | null;
	/** What the error body said, when anything. */
	message: string | null;
	/** Epoch ms now: from V1_RETIRED_AT on, a v1 root with no sync list has been retired. */
	now: number;
};

/** Why this answer means the API root is gone, or null when it is about the resource asked for (or nothing of the kind). */
export function rootGoneReason(facts: AnswerFacts): RootGoneReason | null {
	const {status, message} = facts;
	const retiredRoot = isV1Path(pathOf(facts.root) ?? '');
	if (REDIRECTS.has(status)) {
		// Redirects are never followed (one could carry the token away); one from v1 to v2 is v1's retirement.
		const from = pathOf(facts.url);
		const to = facts.location === null ? null : pathOf(facts.location, facts.url);
		return from !== null && to !== null && isV1Path(from) && /\/api\/v2(?:\/|$)/.test(to) ? 'retired' : null;
	}

	if (status === 410) return retiredRoot || speaksOfRetirement(message) ? 'retired' : 'no_api';
	if (status === 404 && facts.syncList) return speaksOfRetirement(message) || (retiredRoot && facts.now >= V1_RETIRED_AT) ? 'retired' : 'no_api';
	if ((status === 401 || status === 403) && speaksOfRetirement(message)) return 'retired';
	return null;
}

/** The one explained line for a gone root: what happened and what to do. */
export function rootGoneText(reason: RootGoneReason, root: string): string {
	return reason === 'retired'
		? `Census API v1 has been retired on ${V1_RETIRES_ON}: create an Activations personal access token and use --api v2`
		: `no Census API at ${root}: check --base-url`;
}
