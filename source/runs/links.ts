import {API_ROOTS} from '../census/api-version.js';
import type {Region} from '../census/base-url.js';

// Links into the Census web app, for the error inspector and the plain output. The web app lives on the
// API's origin (app.getcensus.com, app-eu.getcensus.com), so the host is derived from the same API root
// the client uses: the region's, or an explicit base URL such as the simulator's http://127.0.0.1:4010.
// A run's history needs the workspace id, which a workspace token cannot look up (it comes from config);
// without it the links fall back to the paths the web app redirects from.

export type WebAppTarget = {
	region?: Region;
	/** An explicit API root; wins over region. */
	baseUrl?: string;
	workspaceId?: string | number | null;
};

const isId = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/** The web app's origin for an API root, or null when the root is not an http(s) URL. */
export function webAppOrigin(target: WebAppTarget): string | null {
	const root = target.baseUrl ?? API_ROOTS.v2[target.region ?? 'us'];
	if (typeof root !== 'string') return null;
	try {
		const url = new URL(root);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
	} catch {
		return null;
	}
}

const workspaceSegment = (workspaceId: WebAppTarget['workspaceId']): string | null => {
	const text = workspaceId === null || workspaceId === undefined ? '' : String(workspaceId).trim();
	return text === '' ? null : encodeURIComponent(text);
};

/**
 * A sync's run history: `/workspaces/{ws}/syncs/{id}/sync-history` with a workspace id, otherwise
 * `/syncs/{id}/overview`. Null for an id that is not a positive integer or an unusable root.
 */
export function syncWebUrl(target: WebAppTarget & {syncId: number}): string | null {
	const origin = webAppOrigin(target);
	if (origin === null || !isId(target.syncId)) return null;
	const workspace = workspaceSegment(target.workspaceId);
	return workspace === null
		? `${origin}/syncs/${target.syncId}/overview`
		: `${origin}/workspaces/${workspace}/syncs/${target.syncId}/sync-history`;
}

/**
 * Where to see one run: its sync's run history with a workspace id, otherwise (best effort, undocumented)
 * `/syncs/{sync}/history?sync_run_id={run}`. Null for ids that are not positive integers or an unusable root.
 */
export function runWebUrl(target: WebAppTarget & {syncId: number; runId: number}): string | null {
	if (!isId(target.runId)) return null;
	if (workspaceSegment(target.workspaceId) !== null) return syncWebUrl(target);
	const origin = webAppOrigin(target);
	if (origin === null || !isId(target.syncId)) return null;
	return `${origin}/syncs/${target.syncId}/history?sync_run_id=${target.runId}`;
}

/**
 * A URL on lines of `width` cells, whole: cut between characters only where it is wider than the line
 * (URLs are ASCII once made usable), so that it can be selected or read in full, never with an ellipsis.
 */
export function urlLines(url: string, width: number): string[] {
	const room = Math.max(1, Math.floor(width));
	const lines: string[] = [];
	for (let start = 0; start < url.length; start += room) lines.push(url.slice(start, start + room));
	return lines.length === 0 ? [''] : lines;
}
