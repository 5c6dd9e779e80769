import {isCensusError, type CensusError, type RootGoneReason} from '../../census/errors.js';
import {rootGoneText} from '../../census/root-gone.js';
import {sanitizeText} from '../../text/sanitize.js';
import {truncateToWidth} from '../../text/text.js';
import type {ConnectionHealth} from '../../runs/model.js';
import {isoSeconds} from '../../text/format.js';
import {EXIT_API_UNREACHABLE, EXIT_INCOMPLETE, EXIT_ROOT_GONE, EXIT_TIMEOUT, EXIT_TOKEN_REJECTED, type ExitCode} from '../exit-codes.js';
import type {Snapshot} from './snapshot.js';
import type {ModeContext, ModeStream} from './types.js';

// The one-line messages the non-interactive modes write to stderr. Error text from the client never holds
// the token (the client redacts it) but may quote the API, so it is sanitised and cut like any API text.

const PREFIX = 'census-watch:';
const MAX_DETAIL_WIDTH = 200;

export const writeLine = (stream: ModeStream, line: string): void => {
	stream.write(`${line}\n`);
};

const detail = (text: string): string => truncateToWidth(sanitizeText(text).trim(), MAX_DETAIL_WIDTH);

/** The line for a rejected token; `status` when known (401, 403), else what the client said. */
export function tokenRejectedLine(status: number | null, message: string): string {
	if (status === 401) return `${PREFIX} the Census API rejected the token (401 Unauthorized)`;
	if (status === 403) return `${PREFIX} the Census API refused this token access (403 Forbidden): use the workspace's API token`;
	return `${PREFIX} the Census API rejected the token: ${detail(message)}`;
}

/** The HTTP status a client message names, for health states that keep only the message. */
const statusInMessage = (message: string): number | null => {
	const match = /\((401|403) /.exec(message);
	return match?.[1] === undefined ? null : Number(match[1]);
};

export const tokenRejectedLineFromHealth = (message: string): string => tokenRejectedLine(statusInMessage(message), message);

/** The line for a gone API root: what happened and what to do. */
export const rootGoneLine = (reason: RootGoneReason, root: string): string => `${PREFIX} ${rootGoneText(reason, root)}`;

/** What a failure of the first look means for the process: its exit code and its line. */
export function fatalApiError(error: CensusError, root = 'this --base-url'): {code: ExitCode; line: string} {
	if (error.kind === 'auth') return {code: EXIT_TOKEN_REJECTED, line: tokenRejectedLine(error.status, error.message)};
	if (error.kind === 'root_gone') return {code: EXIT_ROOT_GONE, line: rootGoneLine(error.rootGone ?? 'no_api', root)};
	// "Unreachable" only when nothing answered; an answer that was no use is another matter.
	if (error.kind !== 'timeout' && error.kind !== 'network') {
		return {code: EXIT_INCOMPLETE, line: `${PREFIX} the Census API gave no usable answer: ${detail(error.message)}`};
	}

	return {code: EXIT_API_UNREACHABLE, line: `${PREFIX} could not get an answer from the Census API: ${detail(error.message)}`};
}

const syncNotFoundLine = (syncId: number): string => `${PREFIX} sync ${syncId} was not found`;
const syncWithoutRunsLine = (syncId: number): string => `${PREFIX} sync ${syncId} has no runs yet`;

/**
 * Lines about followed syncs that show nothing: not found, or (when followed by name, not as part of the
 * whole workspace, where idle syncs are normal) without runs.
 */
function followedSyncLines(snapshot: Snapshot, explicit: readonly number[]): string[] {
	const lines: string[] = [];
	for (const [syncId, ids] of snapshot.followed) {
		if (ids === 'not_found') lines.push(syncNotFoundLine(syncId));
		else if (ids.length === 0 && explicit.includes(syncId)) lines.push(syncWithoutRunsLine(syncId));
	}

	return lines;
}

/**
 * One line per run or followed sync the first look could not read, and why; one line in all when the API
 * answered none of them.
 */
function lookFailureLines(snapshot: Snapshot): string[] {
	const [first] = snapshot.failures;
	if (first === undefined) return [];
	if (snapshot.answered === 0) return [`${PREFIX} could not get an answer from the Census API: ${detail(first.reason)}`];
	return snapshot.failures.map(failure => `${PREFIX} ${failure.what} ${failure.id} could not be read: ${detail(failure.reason)}`);
}

/**
 * What the first look's failures mean for the exit code: null when everything was read; "unreachable"
 * when nothing answered at all; else "incomplete" (what did answer is shown).
 */
function lookFailureCode(snapshot: Snapshot): ExitCode | null {
	if (snapshot.failures.length === 0) return null;
	return snapshot.answered === 0 ? EXIT_API_UNREACHABLE : EXIT_INCOMPLETE;
}

/**
 * Says on stderr what the first look could not read and which followed syncs show nothing, and gives the
 * exit code that means (null when everything was read). On EXIT_API_UNREACHABLE nothing was seen: the
 * caller stops there.
 */
export function reportLookProblems(ctx: ModeContext, snapshot: Snapshot, followedSyncIds: readonly number[]): ExitCode | null {
	for (const line of [...lookFailureLines(snapshot), ...followedSyncLines(snapshot, followedSyncIds)]) writeLine(ctx.stderr, line);
	return lookFailureCode(snapshot);
}

/** Reports a failure of the first look and gives its exit code; anything that is not an API failure is a bug and goes on up. */
export function reportLookFailure(ctx: ModeContext, error: unknown): ExitCode {
	if (!isCensusError(error)) throw error;
	// Interrupted before anything was seen: whatever was running may still be.
	if (error.kind === 'aborted') return EXIT_TIMEOUT;
	const {code, line} = fatalApiError(error, ctx.api.baseUrl);
	writeLine(ctx.stderr, line);
	return code;
}


type Announced = 'ok' | 'offline' | 'api_error' | 'rate_limited';

/**
 * Lines for connection trouble and its end, each said once: offline, rate-limited, back online. Brief
 * retries are not announced (they usually heal before anyone could act); a rejected token is the
 * caller's to report, since it ends the watch.
 */
export function createHealthReporter(): (health: ConnectionHealth) => string | null {
	let announced: Announced = 'ok';
	return health => {
		switch (health.kind) {
			case 'offline': {
				if (announced === 'offline') return null;
				announced = 'offline';
				return `${PREFIX} offline: ${detail(health.message)}; still trying`;
			}

			case 'api_error': {
				if (announced === 'api_error') return null;
				announced = 'api_error';
				return `${PREFIX} the Census API answers ${health.status} since ${isoSeconds(health.since)}: ${detail(health.message)}; still trying`;
			}

			case 'rate_limited': {
				if (announced === 'rate_limited') return null;
				announced = 'rate_limited';
				return `${PREFIX} rate-limited by the Census API; no requests until ${isoSeconds(health.until)}`;
			}

			case 'live': {
				if (announced === 'ok') return null;
				announced = 'ok';
				return `${PREFIX} back online`;
			}

			case 'connecting':
			case 'retrying':
			case 'token_rejected':
			case 'root_gone': {
				return null;
			}
		}
	};
}
