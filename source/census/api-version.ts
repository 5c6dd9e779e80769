// Everything that differs between Census API v1 and v2, in one place: the roots per region and version,
// the paths, and what census-watch assumes about v2. v2's public reference covers only part of what a
// watcher needs, so each line says whether it is confirmed (published) or inferred; when Census confirms
// or contradicts an inference, that line is the only one to change.
import type {Region} from './base-url.js';

export type ApiVersion = 'v1' | 'v2';
/** What the user asked for: a version, or `auto` (probe v2, fall back to v1, remember per host). */
export type ApiSetting = ApiVersion | 'auto';

export const API_VERSIONS: readonly ApiVersion[] = ['v1', 'v2'];
export const API_SETTINGS: readonly ApiSetting[] = ['auto', 'v1', 'v2'];

export const API_ROOTS: Readonly<Record<ApiVersion, Readonly<Record<Region, string>>>> = {
	v1: {
		us: 'https://app.getcensus.com/api/v1', // confirmed
		eu: 'https://app-eu.getcensus.com/api/v1', // confirmed
	},
	v2: {
		us: 'https://app.getcensus.com/api/v2', // confirmed
		eu: 'https://app-eu.getcensus.com/api/v2', // inferred: Census's own v2 client knows one root only
	},
};

/** Paths relative to a root (ky's prefixUrl wants no leading slash). */
export type CensusPaths = {
	syncs(): string;
	sync(syncId: number): string;
	syncRuns(syncId: number): string;
	syncRun(runId: number): string;
	trigger(syncId: number): string;
	cancel(runId: number): string;
};

const V1_PATHS: CensusPaths = {
	syncs: () => 'syncs',
	sync: syncId => `syncs/${syncId}`,
	syncRuns: syncId => `syncs/${syncId}/sync_runs`,
	syncRun: runId => `sync_runs/${runId}`,
	trigger: syncId => `syncs/${syncId}/trigger`,
	cancel: runId => `sync_runs/${runId}/cancel`,
};

const V2_PATHS: CensusPaths = {
	syncs: () => 'syncs', // inferred: v1's path under /api/v2
	sync: syncId => `syncs/${syncId}`, // inferred: v1's path under /api/v2
	syncRuns: syncId => `syncs/${syncId}/sync_runs`, // inferred: v1's path under /api/v2
	syncRun: runId => `sync_runs/${runId}`, // inferred: v1's path under /api/v2
	trigger: syncId => `syncs/${syncId}/trigger`, // confirmed
	cancel: runId => `sync_runs/${runId}/cancel`, // confirmed
};

export const API_PATHS: Readonly<Record<ApiVersion, CensusPaths>> = {v1: V1_PATHS, v2: V2_PATHS};

/** What a version's list requests may carry beyond paging. */
export const LIST_QUERY: Readonly<Record<ApiVersion, {groupId: boolean}>> = {
	v1: {groupId: false},
	// inferred: the migration guide says some v2 requests "now require group_id" without saying which
	v2: {groupId: true},
};

/** The last day v1 answers: the official migration guide. */
export const V1_RETIRES_ON = '2027-01-15'; // confirmed
/** The in-app warning starts this many days before. */
const V1_WARNING_DAYS = 45;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The start of v1's retirement day in UTC, as epoch ms. */
export const V1_RETIRED_AT = Date.parse(`${V1_RETIRES_ON}T00:00:00Z`);
const V1_WARNING_FROM_MS = V1_RETIRED_AT - V1_WARNING_DAYS * DAY_MS;

export const V1_RETIREMENT_WARNING = `Census API v1 retires on ${V1_RETIRES_ON}: create an Activations personal access token (web app → user settings → personal access tokens) and run with --api v2`;

/** The warning to show once while on v1, from 45 days before its retirement; null otherwise. */
export const v1RetirementWarning = (version: ApiVersion | null, now: number): string | null =>
	version === 'v1' && now >= V1_WARNING_FROM_MS ? V1_RETIREMENT_WARNING : null;

const VERSION_SUFFIX = /\/api\/(v1|v2)$/;

/**
 * An explicit base URL (already normalised by parseBaseUrl) split into the part before `/api/vN` and the
 * version it names; a URL without that suffix names no version and gets `/api/v1` or `/api/v2` appended.
 */
export function splitBaseUrl(baseUrl: string): {base: string; version: ApiVersion | null} {
	const match = VERSION_SUFFIX.exec(baseUrl);
	if (match === null) return {base: baseUrl, version: null};
	return {base: baseUrl.slice(0, match.index), version: match[1] === 'v2' ? 'v2' : 'v1'};
}

/** The root of each version for an explicit base URL. */
export function rootsForBaseUrl(baseUrl: string): Record<ApiVersion, string> {
	const {base} = splitBaseUrl(baseUrl);
	return {v1: `${base}/api/v1`, v2: `${base}/api/v2`};
}

export const rootsForRegion = (region: Region): Record<ApiVersion, string> => ({v1: API_ROOTS.v1[region], v2: API_ROOTS.v2[region]});

/** The version an API root serves, read from its path; null when it does not say. */
export const versionOfRoot = (root: string): ApiVersion | null => splitBaseUrl(root).version;

export const isApiSetting = (value: string): value is ApiSetting => (API_SETTINGS as readonly string[]).includes(value);
