// Where requests go, and whether it is safe to send the token there. The hosts and version prefixes
// themselves live in api-version.ts.
import {API_ROOTS, rootsForBaseUrl, rootsForRegion, splitBaseUrl, type ApiVersion} from './api-version.js';
import {CensusError} from './errors.js';

export type Region = 'us' | 'eu';

const EXAMPLE_ROOT = API_ROOTS.v2.us;

const isRegion = (value: string): value is Region => Object.hasOwn(API_ROOTS.v1, value);

/** 127.0.0.0/8, localhost and ::1 (bare or bracketed, as URL.hostname gives it). */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	if (host === 'localhost' || host === '::1' || host === '[::1]') {
		return true;
	}

	const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	return octets !== null && octets.slice(1).every(octet => Number(octet) <= 255);
}

/**
 * Checks and normalises an explicit API root: http(s) only, no credentials, query or fragment (they would
 * be glued to every path), trailing slashes trimmed. The value is not echoed in errors: it came from the
 * user's flags or config and may hold something they did not mean to show.
 */
export function parseBaseUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new CensusError('client', `the API base URL is not a valid URL (expected e.g. ${EXAMPLE_ROOT})`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new CensusError('client', `the API base URL must start with https:// (expected e.g. ${EXAMPLE_ROOT})`);
	}

	if (url.username !== '' || url.password !== '') {
		throw new CensusError('client', 'the API base URL must not contain a user name or password');
	}

	if (url.search !== '' || url.hash !== '') {
		throw new CensusError('client', `the API base URL must not contain ? or # (expected e.g. ${EXAMPLE_ROOT})`);
	}

	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Throws `insecure` when the token would cross the network in clear text. */
export function assertSafeTransport(baseUrl: string): void {
	const url = new URL(baseUrl);
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new CensusError('insecure', `refusing to send the API token over plain http to ${url.hostname}; use https`);
	}
}

export type ApiRoots = {
	/** The root of each version. */
	roots: Record<ApiVersion, string>;
	/** The version a base URL ending in /api/v1 or /api/v2 fixes; null when it leaves the choice open. */
	fixed: ApiVersion | null;
};

/** The API roots for `--region` / `--base-url`; an explicit base URL wins, US is the default. */
export function resolveApiRoots(options: {region?: Region; baseUrl?: string}): ApiRoots {
	if (options.baseUrl !== undefined) {
		const baseUrl = parseBaseUrl(options.baseUrl);
		assertSafeTransport(baseUrl);
		return {roots: rootsForBaseUrl(baseUrl), fixed: splitBaseUrl(baseUrl).version};
	}

	const region: string = options.region ?? 'us';
	if (!isRegion(region)) {
		throw new CensusError('client', `unknown region ${JSON.stringify(region.slice(0, 20))} (use us or eu)`);
	}

	return {roots: rootsForRegion(region), fixed: null};
}
