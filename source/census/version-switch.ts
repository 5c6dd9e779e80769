// `--api auto`: which API version a token works on, decided by asking (v2 first, v1 when v2 rejects the
// token or has no API), and a client whose version can change under the app's feet. The poller and the
// modes keep one CensusApi; when the version in use stops answering (the token is rejected, or the root is
// gone: v1 retired), the failed read is asked again on whatever a fresh decision finds, and the app never
// sees the failure. Nothing here knows about files or screens: main remembers the answer and tells the user.
import type {CensusApi, RequestOptions} from './api.js';
import type {ApiSetting, ApiVersion} from './api-version.js';
import {isCensusError, type CensusError} from './errors.js';

/** What one look at a version's sync list says about it. */
export type VersionProbe = 'works' | 'rejected' | 'gone' | 'unreachable';

/** A decision; `settled` when a version answered (worth remembering), not when the choice is a guess. */
export type VersionDecision = {version: ApiVersion; settled: boolean};

export type VersionChange = {from: ApiVersion; to: ApiVersion; cause: CensusError};

/** One sync, one page: the cheapest read that needs the token and the root both to work. */
export async function probeVersion(api: CensusApi, signal?: AbortSignal): Promise<VersionProbe> {
	try {
		await api.listSyncs({perPage: 1}, {signal});
		return 'works';
	} catch (error) {
		if (!isCensusError(error)) throw error;
		if (error.kind === 'aborted') throw error;
		if (error.kind === 'auth') return 'rejected';
		// A 404 on the sync list itself means there is no such API here.
		if (error.kind === 'root_gone' || error.kind === 'not_found') return 'gone';
		return 'unreachable';
	}
}

/**
 * v2 when it answers; v1 when v2 rejects the token (a workspace token) or has no API and v1 answers.
 * When neither answers the guess is the version whose failure tells the user most: v1 when it is gone
 * (its retirement notice says what to do) or v2 has no API at all, v2 otherwise.
 */
export async function decideVersion(probe: (version: ApiVersion) => Promise<VersionProbe>): Promise<VersionDecision> {
	const v2 = await probe('v2');
	if (v2 === 'works') return {version: 'v2', settled: true};
	if (v2 === 'unreachable') return {version: 'v2', settled: false};
	const v1 = await probe('v1');
	if (v1 === 'works') return {version: 'v1', settled: true};
	return {version: v2 === 'gone' || v1 === 'gone' ? 'v1' : 'v2', settled: false};
}

export type VersionSwitch = {
	readonly setting: ApiSetting;
	current(): ApiVersion;
	/**
	 * After a read on `on` failed with `error`: the version to ask again on, or null to let the error stand.
	 * With `auto`, a rejected token or a gone root leads to a fresh decision (one at a time, at most one per
	 * `minRedecideMs`); a settled decision for another version switches to it.
	 */
	recover(error: CensusError, on: ApiVersion): Promise<ApiVersion | null>;
	subscribe(listener: (change: VersionChange) => void): () => void;
};

export type VersionSwitchOptions = {
	setting: ApiSetting;
	initial: ApiVersion;
	decide: () => Promise<VersionDecision>;
	now?: () => number;
	/** A token rejected on both versions is asked about again only this often. */
	minRedecideMs?: number;
};

const DEFAULT_MIN_REDECIDE_MS = 60_000;

/** The failures that say "this version is not the one": anything else is about the request or the network. */
const meansWrongVersion = (error: CensusError): boolean => error.kind === 'auth' || error.kind === 'root_gone';

export function createVersionSwitch(options: VersionSwitchOptions): VersionSwitch {
	const now = options.now ?? Date.now;
	const minRedecideMs = options.minRedecideMs ?? DEFAULT_MIN_REDECIDE_MS;
	let version = options.initial;
	let lastDecisionAt = Number.NEGATIVE_INFINITY;
	let inFlight: Promise<VersionDecision> | null = null;
	const listeners = new Set<(change: VersionChange) => void>();

	return {
		setting: options.setting,
		current: () => version,
		async recover(error, on) {
			if (options.setting !== 'auto' || !meansWrongVersion(error)) return null;
			// Another read already found the way while this one was failing.
			if (version !== on) return version;
			if (inFlight === null) {
				if (now() - lastDecisionAt < minRedecideMs) return null;
				lastDecisionAt = now();
				inFlight = options.decide().finally(() => {
					inFlight = null;
				});
			}

			const decision = await inFlight;
			if (!decision.settled) return null;
			if (decision.version !== version) {
				const from = version;
				version = decision.version;
				for (const listener of listeners) listener({from, to: version, cause: error});
			}

			return version === on ? null : version;
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/**
 * A CensusApi on whichever version `versions` says, with one client per version made on first use. A read
 * that fails because the version is wrong is asked once more on the version a fresh decision finds;
 * trigger and cancel are never sent twice.
 */
export function createSwitchingApi(versions: VersionSwitch, clientFor: (version: ApiVersion) => CensusApi): CensusApi {
	const clients = new Map<ApiVersion, CensusApi>();
	const client = (version: ApiVersion): CensusApi => {
		let api = clients.get(version);
		if (api === undefined) {
			api = clientFor(version);
			clients.set(version, api);
		}

		return api;
	};

	async function read<T>(perform: (api: CensusApi) => Promise<T>): Promise<T> {
		const on = versions.current();
		try {
			return await perform(client(on));
		} catch (error) {
			if (!isCensusError(error)) throw error;
			const next = await versions.recover(error, on);
			if (next === null) throw error;
			return perform(client(next));
		}
	}

	const current = (): CensusApi => client(versions.current());
	return {
		get baseUrl() {
			return current().baseUrl;
		},
		listSyncs: async (query, options?: RequestOptions) => read(api => api.listSyncs(query, options)),
		listAllSyncs: async options => read(api => api.listAllSyncs(options)),
		getSync: async (syncId, options) => read(api => api.getSync(syncId, options)),
		listSyncRuns: async (syncId, query, options) => read(api => api.listSyncRuns(syncId, query, options)),
		getSyncRun: async (runId, options) => read(api => api.getSyncRun(runId, options)),
		triggerSync: async (syncId, options) => current().triggerSync(syncId, options),
		cancelSyncRun: async (runId, options) => current().cancelSyncRun(runId, options),
		rateLimitedUntil: () => current().rateLimitedUntil(),
	};
}
