// The process exit codes of census-watch, documented in --help. Scripts branch on them, so a value never
// changes meaning once released.

export const EXIT_OK = 0;
/** --exit-status: a watched run ended without completing (failed, skipped, canceled, not found). */
export const EXIT_RUN_NOT_COMPLETED = 1;
/** A bad flag or value, a broken config file, no token, an unsafe base URL. */
export const EXIT_USAGE = 2;
/** The Census API rejected the token (401/403). */
export const EXIT_TOKEN_REJECTED = 3;
/** The API root is gone (v1 retired, or no Census API at --base-url): the same code, since the fix is also the user's setup. */
export const EXIT_ROOT_GONE = EXIT_TOKEN_REJECTED;
/** The Census API could not be reached for good: no request got an answer (retries exhausted). */
export const EXIT_API_UNREACHABLE = 4;
/** --exit-status with --timeout: runs were still going when the time ran out; --once: a run had not ended. */
export const EXIT_TIMEOUT = 5;
/**
 * --once, --exit-status: the Census API answered, but for some watched runs or syncs not with anything
 * usable (a malformed or oversized body, an error status) or not at all while others answered; each is
 * named on stderr, and every run that did answer was shown.
 */
export const EXIT_INCOMPLETE = 6;
/** A bug: an uncaught exception or unhandled rejection (BSD sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

export const EXIT_CODES = {
	ok: EXIT_OK,
	runNotCompleted: EXIT_RUN_NOT_COMPLETED,
	usage: EXIT_USAGE,
	tokenRejected: EXIT_TOKEN_REJECTED,
	apiUnreachable: EXIT_API_UNREACHABLE,
	timeout: EXIT_TIMEOUT,
	incomplete: EXIT_INCOMPLETE,
	internal: EXIT_INTERNAL,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
