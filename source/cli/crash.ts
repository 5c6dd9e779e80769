// What happens on a bug: the terminal is restored first (or the message would land on the alternate
// screen and vanish with it), the error with its stack goes to a log file under the state directory with
// the token taken out, and the user gets one line pointing at that file. No stack trace on the terminal.
import {closeSync, fstatSync, renameSync, writeSync} from 'node:fs';
import path from 'node:path';
import {inspect} from 'node:util';
import {sanitizeText} from '../text/sanitize.js';
import {truncateToWidth} from '../text/text.js';
import {ensurePrivateDirectory, openForAppend} from '../store/safe-files.js';
import {EXIT_INTERNAL} from './exit-codes.js';

const LOG_FILE_NAME = 'census-watch.log';
/** Past this the log is moved to `<name>.1` (replacing the previous one) and a new one is started. */
const MAX_LOG_BYTES = 1024 * 1024;
const MAX_LINE_MESSAGE_WIDTH = 200;
// Secret parts shorter than this are too likely to occur in ordinary text to be worth replacing alone.
const MIN_SECRET_PART = 8;

export const logFilePath = (stateDirectory: string): string => path.join(stateDirectory, LOG_FILE_NAME);

/**
 * Replaces every occurrence of the token in text, and of its secret part after a `secret-token:`-style
 * prefix (so that a message quoting only that part is covered too).
 */
export function redact(text: string, token: string | null | undefined): string {
	if (token === null || token === undefined || token === '') return text;
	const colon = token.indexOf(':');
	const secret = colon === -1 ? '' : token.slice(colon + 1);
	let result = text.replaceAll(token, '[redacted]');
	if (secret.length >= MIN_SECRET_PART) result = result.replaceAll(secret, '[redacted]');
	return result;
}

const redactAll = (text: string, secrets: readonly string[]): string => secrets.reduce((result, secret) => redact(result, secret), text);

/** The error as the log keeps it: stack, cause chain and own properties, as Node prints them. */
const describeForLog = (error: unknown): string => inspect(error, {depth: 4, breakLength: 120});

function headline(error: unknown): string {
	const message = error instanceof Error ? error.message : typeof error === 'string' ? error : inspect(error, {depth: 1});
	const first = message.split('\n').find(line => line.trim() !== '') ?? '';
	return first.trim() === '' ? (error instanceof Error ? error.name : 'unknown error') : first;
}

/** The error's headline as the terminal may show it: token taken out, sanitised, one bounded line. */
const shownHeadline = (error: unknown, secrets: readonly string[]): string =>
	truncateToWidth(sanitizeText(redactAll(headline(error), secrets)), MAX_LINE_MESSAGE_WIDTH);

/**
 * Appends to the log, first moving it to `.1` when this entry would take it past maxBytes. The log is
 * never opened through a symlink (ELOOP), and not in a directory others can write to.
 */
export function appendRotated(file: string, entry: string, maxBytes = MAX_LOG_BYTES): void {
	ensurePrivateDirectory(path.dirname(file));
	let fd = openForAppend(file);
	const size = fstatSync(fd).size;
	if (size > 0 && size + Buffer.byteLength(entry) > maxBytes) {
		closeSync(fd);
		// A rename moves a symlink itself, never what it points to.
		renameSync(file, `${file}.1`);
		fd = openForAppend(file);
	}

	try {
		writeSync(fd, entry);
	} finally {
		closeSync(fd);
	}
}

export type CrashReportOptions = {
	logFile: string;
	/** Tokens to take out of everything written. */
	secrets: () => readonly string[];
	/** Leaves the alternate screen etc.; must not throw. */
	restoreTerminal: () => void;
	writeStderr: (text: string) => void;
	now?: () => Date;
	/** Shown in the log entry's heading; asked at the crash, since it may not be known when installing. */
	version?: () => string | null;
	maxLogBytes?: number;
};

/** Restores the terminal, logs the error, prints one line. Returns the exit code to use. */
export function reportCrash(error: unknown, options: CrashReportOptions): number {
	try {
		options.restoreTerminal();
	} catch {
		// Reporting the original error matters more.
	}

	const secrets = options.secrets().filter(secret => secret !== '');
	const when = (options.now ?? (() => new Date()))().toISOString();
	const version = options.version?.() ?? null;
	const heading = `[${when}] census-watch${version === null ? '' : ` ${version}`} (node ${process.version}, pid ${process.pid}) internal error`;
	const entry = `${heading}\n${sanitizeText(redactAll(describeForLog(error), secrets), {multiline: true})}\n\n`;
	let where: string;
	try {
		appendRotated(options.logFile, entry, options.maxLogBytes);
		where = `details in ${options.logFile}`;
	} catch (logError) {
		where = `no log written: ${(logError as NodeJS.ErrnoException).code ?? 'error'}`;
	}

	const message = shownHeadline(error, secrets);
	options.writeStderr(`census-watch: internal error: ${message} (${where})\n`);
	return EXIT_INTERNAL;
}

/**
 * Routes uncaught exceptions and unhandled rejections to reportCrash, then exits. Returns a function that
 * removes the handlers. A second error while reporting the first exits at once. `lastWords` runs first,
 * with the error's one-line headline (token taken out), to leave what the next start needs to know.
 */
export function installCrashHandlers(
	options: CrashReportOptions & {exit: (code: number) => void; lastWords?: (error: unknown, headline: string) => void},
): () => void {
	let crashing = false;
	const handle = (error: unknown) => {
		if (crashing) {
			options.exit(EXIT_INTERNAL);
			return;
		}

		crashing = true;
		try {
			options.lastWords?.(error, shownHeadline(error, options.secrets()));
		} catch {
			// The report matters more.
		}

		options.exit(reportCrash(error, options));
	};

	process.on('uncaughtException', handle);
	process.on('unhandledRejection', handle);
	return () => {
		process.off('uncaughtException', handle);
		process.off('unhandledRejection', handle);
	};
}
