// The command line, parsed and validated into typed values. meow (yargs-parser underneath) does the
// tokenising; everything it would report itself (several lines, then process.exit) is checked here first,
// so that every mistake becomes one UsageError with one line of text.
import meow from 'meow';
import {API_SETTINGS, type ApiSetting} from '../census/api-version.js';
import type {Region} from '../census/base-url.js';
import {sanitizeText} from '../text/sanitize.js';
import {truncateToWidth} from '../text/text.js';

export class UsageError extends Error {
	override readonly name = 'UsageError';
}

export type NotifyWhen = 'failures' | 'all' | 'none';

const NOTIFY_CHOICES: readonly NotifyWhen[] = ['failures', 'all', 'none'];
export const REGION_CHOICES: readonly Region[] = ['us', 'eu'];

/** `census-watch doctor` checks the API instead of watching. */
export type Command = 'watch' | 'doctor';

export type Flags = {
	command: Command;
	runIds: number[];
	syncIds: number[];
	all: boolean;
	token: string | undefined;
	region: Region | undefined;
	baseUrl: string | undefined;
	api: ApiSetting | undefined;
	groupId: string | undefined;
	profile: string | undefined;
	intervalSeconds: number | undefined;
	demo: boolean;
	readOnly: boolean;
	once: boolean;
	json: boolean;
	exitStatus: boolean;
	notify: NotifyWhen | undefined;
	animation: boolean;
	ascii: boolean;
	color: boolean;
	lowBandwidth: boolean;
	debug: boolean;
	timeoutSeconds: number | undefined;
	failFast: boolean;
	ignoreSkipped: boolean;
	mouse: boolean;
	budgetPerMinute: number | undefined;
	workspaceId: string | undefined;
	help: boolean;
	version: boolean;
	/** --history N: --once and plain output add each sync's figures over its last N runs. */
	historyRuns: number | undefined;
};

export type ParsedCommandLine = {flags: Flags; version: string};

const MIN_INTERVAL_SECONDS = 1;
const MAX_INTERVAL_SECONDS = 24 * 60 * 60;
const MAX_TIMEOUT_SECONDS = 30 * 24 * 60 * 60;
const MAX_BUDGET_PER_MINUTE = 6000;

// Every spelling accepted on the command line. yargs-parser would also take camelCase, dotted and
// `--no-` forms of any flag; only these are documented, so only these are accepted.
const KNOWN_LONG = new Set([
	'sync',
	'all',
	'token',
	'region',
	'base-url',
	'api',
	'group',
	'profile',
	'interval',
	'demo',
	'read-only',
	'once',
	'json',
	'exit-status',
	'notify',
	'no-animation',
	'ascii',
	'no-color',
	'low-bandwidth',
	'debug',
	'timeout',
	'fail-fast',
	'ignore-skipped',
	'no-mouse',
	'budget',
	'workspace-id',
	'help',
	'version',
	'history',
]);
const KNOWN_SHORT = new Set(['h']);

const meowFlags = {
	sync: {type: 'string', isMultiple: true},
	all: {type: 'boolean'},
	token: {type: 'string'},
	region: {type: 'string'},
	baseUrl: {type: 'string'},
	api: {type: 'string'},
	group: {type: 'string'},
	profile: {type: 'string'},
	interval: {type: 'string'},
	demo: {type: 'boolean'},
	readOnly: {type: 'boolean'},
	once: {type: 'boolean'},
	json: {type: 'boolean'},
	exitStatus: {type: 'boolean'},
	notify: {type: 'string'},
	animation: {type: 'boolean', default: true},
	ascii: {type: 'boolean'},
	color: {type: 'boolean', default: true},
	lowBandwidth: {type: 'boolean'},
	debug: {type: 'boolean'},
	timeout: {type: 'string'},
	failFast: {type: 'boolean'},
	ignoreSkipped: {type: 'boolean'},
	mouse: {type: 'boolean', default: true},
	budget: {type: 'string'},
	workspaceId: {type: 'string'},
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean'},
	history: {type: 'string'},
} as const;

// Longer values are not echoed: a token pasted where a run id belongs must not end up in the error.
const MAX_ECHOED_LENGTH = 16;

/** A piece of the user's command line, safe to echo in one line of an error. */
const quote = (text: string): string => {
	const clean = sanitizeText(text);
	return clean.length > MAX_ECHOED_LENGTH ? `a value of ${clean.length} characters` : JSON.stringify(clean);
};

const kebab = (camel: string): string => camel.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** The first argument that looks like a flag this program does not have, or null. */
export function findUnknownFlag(argv: readonly string[]): string | null {
	for (const argument of argv) {
		if (argument === '--') return null;
		if (argument === '-' || !argument.startsWith('-')) continue;
		if (argument.startsWith('--')) {
			const name = argument.slice(2).split('=', 1)[0] ?? '';
			if (!KNOWN_LONG.has(name)) return `--${name}`;
			continue;
		}

		const short = argument.slice(1);
		if (!KNOWN_SHORT.has(short)) return argument;
	}

	return null;
}

function positiveInteger(value: string, what: string): number {
	const trimmed = value.trim();
	const number = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
	if (!Number.isSafeInteger(number) || number <= 0) {
		throw new UsageError(`${what} must be a positive whole number, not ${quote(value)}`);
	}

	return number;
}

/** What a value looks like, for the error that says a flag needs one. */
const VALUE_EXAMPLES: Readonly<Record<string, string>> = {
	sync: '1201',
	token: 'TOKEN (better: set CENSUS_API_TOKEN)',
	region: 'eu',
	baseUrl: 'https://app.getcensus.com/api/v2',
	api: 'v2',
	group: 'wandering_aimlessly',
	profile: 'NAME',
	interval: '5',
	notify: 'failures',
	timeout: '30m',
	budget: '60',
	history: '20',
	workspaceId: '12345',
};

const needsValue = (flag: string): UsageError => {
	return new UsageError(`${flag} needs a value, e.g. ${flag} ${VALUE_EXAMPLES[camel(flag.slice(2))] ?? 'VALUE'}`);
};

/** Flags that take a value, as typed (`--base-url`): every string flag of the parser's table. */
const VALUE_FLAGS: ReadonlySet<string> = new Set(
	Object.entries(meowFlags)
		.filter(([, spec]) => spec.type === 'string')
		.map(([name]) => `--${kebab(name)}`),
);

/** An argument that is a flag rather than a value: anything long, and the known short ones. `-1` is a value. */
const isFlagLike = (argument: string): boolean => argument.startsWith('--') || KNOWN_SHORT.has(argument.slice(1));

/**
 * The command line with every `--flag VALUE` joined into `--flag=VALUE`, so that the value is the flag's
 * whatever it looks like (`--budget -1` is a bad budget, not an unknown flag `-1`), and a value-taking
 * flag followed by nothing or by another flag is an error here, the same for every flag.
 */
function joinFlagValues(argv: readonly string[]): string[] {
	const joined: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index] ?? '';
		if (argument === '--') {
			joined.push(...argv.slice(index));
			break;
		}

		const name = argument.split('=', 1)[0] ?? '';
		if (!VALUE_FLAGS.has(name)) {
			joined.push(argument);
		} else if (argument.includes('=')) {
			if (argument.slice(name.length + 1).trim() === '') throw needsValue(name);
			joined.push(argument);
		} else {
			const value = argv[index + 1];
			if (value === undefined || isFlagLike(value) || value.trim() === '') throw needsValue(name);
			joined.push(`${name}=${value}`);
			index++;
		}
	}

	return joined;
}

const DURATION_UNITS: Readonly<Record<string, number>> = {'': 1, s: 1, m: 60, h: 3600};

/** `90`, `90s`, `5m`, `1.5h` → seconds. */
export function parseDurationSeconds(value: string, flag: string): number {
	const match = /^(\d+(?:\.\d+)?)\s*([smh]?)$/i.exec(value.trim());
	const unit = DURATION_UNITS[match?.[2]?.toLowerCase() ?? ''];
	const seconds = match?.[1] === undefined || unit === undefined ? Number.NaN : Number(match[1]) * unit;
	if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
		throw new UsageError(`${flag} takes a duration such as 90, 30s, 5m or 1h, not ${quote(value)}`);
	}

	return seconds;
}

/** `--interval`: seconds, at least 1; a trailing `s` is allowed. */
export function parseIntervalSeconds(value: string): number {
	const match = /^(\d+(?:\.\d+)?)\s*s?$/i.exec(value.trim());
	const seconds = match?.[1] === undefined ? Number.NaN : Number(match[1]);
	if (!Number.isFinite(seconds) || seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS) {
		throw new UsageError(`--interval takes seconds, at least ${MIN_INTERVAL_SECONDS}, not ${quote(value)}`);
	}

	return seconds;
}

function oneOf<T extends string>(value: string | undefined, choices: readonly T[], flag: string): T | undefined {
	if (value === undefined) return undefined;
	const lower = value.trim().toLowerCase();
	const choice = choices.find(candidate => candidate === lower);
	if (choice === undefined) throw new UsageError(`${flag} must be one of ${choices.join(', ')}, not ${quote(value)}`);
	return choice;
}

function parseBudget(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const budget = positiveInteger(value, '--budget (requests per minute)');
	if (budget > MAX_BUDGET_PER_MINUTE) throw new UsageError(`--budget is at most ${MAX_BUDGET_PER_MINUTE} requests per minute`);
	return budget;
}

/** Runs a sync's history holds (one page of the sync's run list). */
const MAX_HISTORY_RUNS = 50;

function parseHistoryRuns(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const runs = positiveInteger(value, '--history (runs)');
	if (runs > MAX_HISTORY_RUNS) throw new UsageError(`--history is at most ${MAX_HISTORY_RUNS} runs`);
	return runs;
}

function parseWorkspaceId(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	return String(positiveInteger(value, '--workspace-id'));
}

/** yargs-parser gives a string flag given twice as an array; meow then throws. Say it in our words. */
function meowMessage(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const repeated = /The flag --(\w+) can only be set once/.exec(message);
	if (repeated?.[1] !== undefined) return `--${kebab(repeated[1])} can be given only once`;
	return sanitizeText(message.split('\n', 1)[0] ?? 'the command line could not be read');
}

/** `--group`: the Fivetran group id, as the API spells it (letters, digits, `_` and `-`). */
function parseGroupId(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (!/^[\w-]{1,100}$/.test(trimmed)) throw new UsageError(`--group takes a group id such as wandering_aimlessly, not ${quote(value)}`);
	return trimmed;
}

function checkConflicts(flags: Flags): void {
	if (flags.once && flags.exitStatus) throw new UsageError('--once and --exit-status cannot be used together');
	if (flags.demo) {
		const clash = (
			[
				['--token', flags.token],
				['--base-url', flags.baseUrl],
				['--region', flags.region],
				['--profile', flags.profile],
				['--api', flags.api],
				['--group', flags.groupId],
			] as const
		).find(([, value]) => value !== undefined);
		if (clash) throw new UsageError(`--demo runs its own simulator and takes no ${clash[0]}`);
	}

	if (flags.failFast && !flags.exitStatus) throw new UsageError('--fail-fast only applies to --exit-status');
	if (flags.ignoreSkipped && !flags.exitStatus) throw new UsageError('--ignore-skipped only applies to --exit-status');
	if (flags.timeoutSeconds !== undefined && !flags.exitStatus) throw new UsageError('--timeout only applies to --exit-status');
	if (flags.historyRuns !== undefined && flags.exitStatus) throw new UsageError('--history applies to --once and plain output, not --exit-status');
	if (flags.command === 'doctor') {
		const clash = (
			[
				['run ids', flags.runIds.length > 0],
				['--sync', flags.syncIds.length > 0],
				['--all', flags.all],
				['--demo', flags.demo],
				['--once', flags.once],
				['--exit-status', flags.exitStatus],
			] as const
		).find(([, given]) => given);
		if (clash) throw new UsageError(`doctor checks the API and takes no ${clash[0]}`);
	}
}

/** Parses argv (without node and the script). Throws UsageError with a one-line message. */
export function parseCommandLine(given: readonly string[]): ParsedCommandLine {
	const argv = joinFlagValues(given);
	const unknown = findUnknownFlag(argv);
	// A flag's name (the part before any `=value`) is not a secret: shown in full up to a sane width.
	if (unknown !== null) throw new UsageError(`unknown flag ${JSON.stringify(truncateToWidth(sanitizeText(unknown), 40))} (see census-watch --help)`);

	let cli;
	try {
		cli = meow({
			importMeta: import.meta,
			argv: [...argv],
			flags: meowFlags,
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			description: false,
		});
	} catch (error) {
		throw new UsageError(meowMessage(error));
	}

	const raw = cli.flags;
	const doctor = cli.input[0] === 'doctor';
	const flags: Flags = {
		command: doctor ? 'doctor' : 'watch',
		help: raw.help === true,
		version: raw.version === true,
		runIds: (doctor ? cli.input.slice(1) : cli.input).map(value => positiveInteger(value, 'a run id')),
		syncIds: (raw.sync ?? []).map(value => positiveInteger(value, '--sync')),
		all: raw.all === true,
		token: raw.token,
		region: oneOf(raw.region, REGION_CHOICES, '--region'),
		baseUrl: raw.baseUrl,
		api: oneOf(raw.api, API_SETTINGS, '--api'),
		groupId: parseGroupId(raw.group),
		profile: raw.profile,
		intervalSeconds: raw.interval === undefined ? undefined : parseIntervalSeconds(raw.interval),
		demo: raw.demo === true,
		readOnly: raw.readOnly === true,
		once: raw.once === true,
		json: raw.json === true,
		exitStatus: raw.exitStatus === true,
		notify: oneOf(raw.notify, NOTIFY_CHOICES, '--notify'),
		animation: raw.animation !== false,
		ascii: raw.ascii === true,
		color: raw.color !== false,
		lowBandwidth: raw.lowBandwidth === true,
		debug: raw.debug === true,
		timeoutSeconds: raw.timeout === undefined ? undefined : parseDurationSeconds(raw.timeout, '--timeout'),
		failFast: raw.failFast === true,
		ignoreSkipped: raw.ignoreSkipped === true,
		mouse: raw.mouse !== false,
		budgetPerMinute: parseBudget(raw.budget),
		workspaceId: parseWorkspaceId(raw.workspaceId),
		historyRuns: parseHistoryRuns(raw.history),
	};
	if (!flags.help && !flags.version) checkConflicts(flags);
	return {flags, version: typeof cli.pkg.version === 'string' ? cli.pkg.version : '0.0.0'};
}

/** Words that, first on the command line, name a subcommand instead of a run id. */
export const SUBCOMMANDS: readonly string[] = ['completion', 'doctor'];

export type FlagSpec = {
	/** The long name without dashes, as typed: 'base-url', 'no-color'. */
	name: string;
	short?: string;
	takesValue: boolean;
	/** The only values it takes, when there is a fixed set. */
	choices?: readonly string[];
};

const CHOICES: Readonly<Record<string, readonly string[]>> = {region: REGION_CHOICES, notify: NOTIFY_CHOICES};

const camel = (kebabName: string): string => kebabName.replaceAll(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** Every flag the parser accepts, from the same tables it parses with (shell completion is made from it). */
export function flagSpecs(): FlagSpec[] {
	return [...KNOWN_LONG].map(name => {
		const key = camel(name.startsWith('no-') ? name.slice(3) : name) as keyof typeof meowFlags;
		const meowFlag: {type: string; shortFlag?: string} = meowFlags[key];
		const spec: FlagSpec = {name, takesValue: meowFlag.type === 'string'};
		if (meowFlag.shortFlag !== undefined) spec.short = meowFlag.shortFlag;
		const choices = CHOICES[name];
		return choices === undefined ? spec : {...spec, choices};
	});
}
