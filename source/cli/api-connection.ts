// The Census clients of one launch, on the version the setting, the memory or a first look chose: v2 first
// with `auto`, v1 when v2 rejects the token, the answer remembered per host so that the next start sends
// no probe. The clients switch version by themselves when the one in use stops answering (version-switch).
import type {CensusApi, RequestEvent} from '../census/api.js';
import {splitBaseUrl, type ApiSetting, type ApiVersion} from '../census/api-version.js';
import {createCensusClient} from '../census/client.js';
import {rememberedVersion, rememberVersion} from '../store/version-memory.js';
import {createSwitchingApi, createVersionSwitch, decideVersion, probeVersion, type VersionDecision, type VersionSwitch} from '../census/version-switch.js';

export type ApiConnectionOptions = {
	roots: Record<ApiVersion, string>;
	api: ApiSetting;
	token: string;
	groupId: string | null;
	/** Where `auto` remembers its answers; null remembers nothing (the demo). */
	memoryFile: string | null;
	onRequest?: (event: RequestEvent) => void;
	/** Client options for tests (timeouts, backoff). */
	client?: {timeoutMs?: number; retry?: {baseDelayMs?: number; maxDelayMs?: number}};
};

export type ApiConnection = {
	/** The poller's: no retries inside a call, because the scheduler retries with its own backoff and budget. */
	pollApi: CensusApi;
	/**
	 * The modes' direct looks: the client's own retries, so one dropped connection at launch is not an exit,
	 * except after a timeout, which would make a look at a hanging API last three timeouts.
	 */
	lookApi: CensusApi;
	/** Which API version answers; with `auto` it may change while the app runs. */
	versions: VersionSwitch;
	/** What the memory and the shared budget key on: the roots without /api/vN (never the token). */
	host: string;
};

export async function connectApi(options: ApiConnectionOptions): Promise<ApiConnection> {
	const {roots, token, groupId} = options;
	const host = splitBaseUrl(roots.v1).base;
	const clientFor = (retries: boolean) => (version: ApiVersion) =>
		createCensusClient({
			baseUrl: roots[version],
			token,
			version,
			groupId,
			onRequest: options.onRequest,
			timeoutMs: options.client?.timeoutMs,
			retry: {...options.client?.retry, ...(retries ? {timeouts: false} : {limit: 0})},
		});
	const lookClients = new Map<ApiVersion, CensusApi>();
	const lookClient = (version: ApiVersion): CensusApi => {
		const client = lookClients.get(version) ?? clientFor(true)(version);
		lookClients.set(version, client);
		return client;
	};

	const decide = async (): Promise<VersionDecision> => {
		const decision = await decideVersion(async version => probeVersion(lookClient(version)));
		if (decision.settled && options.memoryFile !== null) rememberVersion(options.memoryFile, host, decision.version);
		return decision;
	};

	let initial: ApiVersion;
	if (options.api === 'auto') {
		initial = (options.memoryFile === null ? null : rememberedVersion(options.memoryFile, host)) ?? (await decide()).version;
	} else {
		initial = options.api;
	}

	const versions = createVersionSwitch({setting: options.api, initial, decide});
	return {pollApi: createSwitchingApi(versions, clientFor(false)), lookApi: createSwitchingApi(versions, lookClient), versions, host};
}
