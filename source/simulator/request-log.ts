// A bounded record of the API requests the simulator received, newest last, for tests and benchmarks
// ("how many requests per run per minute"). It never holds a token, only how a request authorized.
import type {Authorization} from './auth.js';
import type {FaultRoute} from './faults.js';
import type {ApiVersion} from './routes.js';

export type RequestLogEntry = {
	method: string;
	/** The API root the request went to (/api/v1 or /api/v2); null for a path under neither. */
	version: ApiVersion | null;
	/** Relative to the API root (e.g. /sync_runs/425249733) for API paths; the full path otherwise. */
	path: string;
	/** The endpoint, or null for a path that is none. */
	route: FaultRoute | null;
	query: Record<string, string>;
	/** The HTTP status sent, or null while unanswered or when the connection was dropped. */
	status: number | null;
	/** Sim time of arrival (ms). */
	at: number;
	authorization: Authorization;
};

export type RequestLog = {
	/** Live array: the same one for the log's whole life, trimmed from the front. */
	readonly entries: RequestLogEntry[];
	add(entry: RequestLogEntry): void;
	clear(): void;
};

export function createRequestLog(limit: number): RequestLog {
	const entries: RequestLogEntry[] = [];
	return {
		entries,
		add(entry) {
			entries.push(entry);
			if (entries.length > limit) {
				entries.splice(0, entries.length - limit);
			}
		},
		clear() {
			entries.length = 0;
		},
	};
}
