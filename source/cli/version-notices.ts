// What the user is told about the API version: the switch `auto` made by itself, and, while on v1, once,
// that v1 retires (from 45 days before). The same texts go to the TUI's notice line and to stderr.
import {v1RetirementWarning, type ApiVersion} from '../census/api-version.js';
import type {VersionChange} from '../census/version-switch.js';

export function switchNotice({from, to, cause}: VersionChange): string {
	if (cause.kind === 'root_gone' && from === 'v1') return `Census API v1 has been retired; switched to API ${to}, which accepts this token.`;
	if (cause.kind === 'root_gone') return `No Census API ${from} at this address; switched to API ${to}.`;
	return `The token is not accepted by Census API ${from}; switched to API ${to}, which accepts it.`;
}

/** Calls `warn` the first time the version in use is v1 on or after the warning date; later calls say nothing. */
export function createRetirementAnnouncer(now: () => number, warn: (text: string) => void): (version: ApiVersion) => void {
	let warned = false;
	return version => {
		const warning = warned ? null : v1RetirementWarning(version, now());
		if (warning === null) return;
		warned = true;
		warn(warning);
	};
}
