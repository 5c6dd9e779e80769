// Which Census endpoint a request is for. Paths are relative to the API root (/api/v1).
export type ApiRoute =
	| {route: 'syncs'}
	| {route: 'sync' | 'sync_runs' | 'trigger'; syncId: number}
	| {route: 'sync_run' | 'cancel'; runId: number};

export const API_ROOT_PATH = '/api/v1';

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
