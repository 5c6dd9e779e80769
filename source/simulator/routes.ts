// Which Census endpoint a request is for, and under which API version. Paths are relative to the API
// root (/api/v1 or /api/v2): every v2 path Census confirms keeps v1's path under /api/v2, and the
// simulator serves the inferred ones (fetch and list) there too.
export type ApiVersion = 'v1' | 'v2';

export const API_VERSIONS: readonly ApiVersion[] = ['v1', 'v2'];

export type ApiRoute =
	| {route: 'syncs'}
	| {route: 'sync' | 'sync_runs' | 'trigger'; syncId: number}
	| {route: 'sync_run' | 'cancel'; runId: number};

export const apiRootPath = (version: ApiVersion): string => `/api/${version}`;

/** The version and the path under its root (e.g. `/syncs`), or null for a path under neither root. */
export function splitApiPath(pathname: string): {version: ApiVersion; path: string} | null {
	for (const version of API_VERSIONS) {
		const root = apiRootPath(version);
		if (pathname === root || pathname.startsWith(`${root}/`)) {
			return {version, path: pathname.slice(root.length)};
		}
	}

	return null;
}

const id = (text: string | undefined): number | null => {
	if (text === undefined || !/^[1-9]\d{0,15}$/.test(text)) {
		return null;
	}

	const value = Number(text);
	return Number.isSafeInteger(value) ? value : null;
};

/** The endpoint for a method and a path under the API root, or null (answered 404). */
export function matchRoute(method: string, path: string): ApiRoute | null {
	const parts = path.replace(/\/+$/, '').split('/').slice(1);
	const [collection, rawId, action] = parts;
	if (parts.length > 3) {
		return null;
	}

	if (collection === 'syncs') {
		if (rawId === undefined) {
			return method === 'GET' ? {route: 'syncs'} : null;
		}

		const syncId = id(rawId);
		if (syncId === null) {
			return null;
		}

		if (action === undefined) {
			return method === 'GET' ? {route: 'sync', syncId} : null;
		}

		if (action === 'sync_runs') {
			return method === 'GET' ? {route: 'sync_runs', syncId} : null;
		}

		return action === 'trigger' && method === 'POST' ? {route: 'trigger', syncId} : null;
	}

	if (collection === 'sync_runs') {
		const runId = id(rawId);
		if (runId === null) {
			return null;
		}

		if (action === undefined) {
			return method === 'GET' ? {route: 'sync_run', runId} : null;
		}

		return action === 'cancel' && method === 'POST' ? {route: 'cancel', runId} : null;
	}

	return null;
}
