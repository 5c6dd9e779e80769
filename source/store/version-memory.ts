// `--api auto` remembers which version each API host answered on, so that the next start sends no probe.
// A small JSON file next to state.json: `{"version": 1, "hosts": {"https://app.getcensus.com": "v2"}}`.
// It holds hosts and version names only, never the token. Reading never throws (a broken file is no
// memory); reading and writing never follow a symlink, and writing goes through an atomic temp-and-rename,
// mode 0600, in a directory that others cannot write to (like the state file's).
import {dirname, join} from 'node:path';
import {ensurePrivateDirectory, readFileNoFollow, writeFileAtomically} from './safe-files.js';
import type {ApiVersion} from '../census/api-version.js';

const FILE_NAME = 'api-version.json';
/** Far more hosts than anyone watches; the oldest are forgotten first. */
const MAX_HOSTS = 50;
/** Fifty hosts take a few KB; anything far larger is not ours to parse. */
const MAX_FILE_BYTES = 64 * 1024;

type Memory = {version: 1; hosts: Record<string, ApiVersion>};

export const versionMemoryPath = (stateFile: string): string => join(dirname(stateFile), FILE_NAME);

const isVersion = (value: unknown): value is ApiVersion => value === 'v1' || value === 'v2';

function readMemory(file: string): Memory {
	try {
		const parsed = JSON.parse(readFileNoFollow(file, MAX_FILE_BYTES)) as unknown;
		const hosts = typeof parsed === 'object' && parsed !== null && 'hosts' in parsed ? parsed.hosts : null;
		if (typeof hosts !== 'object' || hosts === null) return {version: 1, hosts: {}};
		return {version: 1, hosts: Object.fromEntries(Object.entries(hosts).filter(([, version]) => isVersion(version))) as Record<string, ApiVersion>};
	} catch {
		return {version: 1, hosts: {}};
	}
}

/** The version `host` answered on last time, or null. */
export function rememberedVersion(file: string, host: string): ApiVersion | null {
	const {hosts} = readMemory(file);
	return Object.hasOwn(hosts, host) ? (hosts[host] ?? null) : null;
}

/** Records the answer; false when the file could not be written (the next start probes again, no more). */
export function rememberVersion(file: string, host: string, version: ApiVersion): boolean {
	const {hosts} = readMemory(file);
	delete hosts[host];
	const entries = [...Object.entries(hosts), [host, version] as const].slice(-MAX_HOSTS);
	try {
		ensurePrivateDirectory(dirname(file));
		writeFileAtomically(file, `${JSON.stringify({version: 1, hosts: Object.fromEntries(entries)}, null, '\t')}\n`, '.api-version.json.tmp');
		return true;
	} catch {
		return false;
	}
}
