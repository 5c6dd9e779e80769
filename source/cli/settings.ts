// Flags, environment, profile and defaults resolved into one typed Settings object, with no I/O: the
// precedence rules (flag, then environment, then profile, then default) live here and nowhere else.
import {splitBaseUrl, type ApiSetting, type ApiVersion} from '../census/api-version.js';
import {isLoopbackHost, resolveApiRoots, type Region} from '../census/base-url.js';
import {isCensusError} from '../census/errors.js';
import {supportsHyperlinks} from '../terminal/terminal-sequences.js';
import type {WatchList} from '../runs/model.js';
import type {Config, Env, Profile} from './config.js';
import {UsageError, type Flags, type NotifyWhen} from './flags.js';

const TOKEN_ENV = 'CENSUS_API_TOKEN';
const DEFAULT_INTERVAL_SECONDS = 5;
/** A profile named this is used when neither --profile nor default_profile picks one. */
const FALLBACK_PROFILE = 'default';

export type OutputMode = 'tui' | 'once' | 'exit-status' | 'plain' | 'doctor';

export type TokenSource = 'flag' | 'env' | 'profile' | 'profile-env';

export type Connection =
	| {kind: 'demo'}
	| {
			kind: 'census';
			/** The root of each API version for the region or base URL. */
			roots: Record<ApiVersion, string>;
			/** A version, or auto; a base URL ending in /api/v1 or /api/v2 has fixed it. */
			api: ApiSetting;
			/** --group: sent as group_id on v2 list requests. */
			groupId: string | null;
			region: Region | null;
			token: string;
			tokenSource: TokenSource;
	  };

export type Settings = {
	mode: OutputMode;
	json: boolean;
	connection: Connection;
	/** What the command line asked to watch; empty means resume (see chooseWatchList). */
	targets: WatchList;
	intervalMs: number;
	readOnly: boolean;
	notify: NotifyWhen;
	animation: boolean;
	ascii: boolean;
	color: boolean;
	hyperlinks: boolean;
	lowBandwidth: boolean;
	debug: boolean;
	/** --exit-status: give up after this long (exit 5); null waits for ever. */
	timeoutMs: number | null;
	failFast: boolean;
	/** --ignore-skipped: --exit-status counts a skipped run as no failure. */
	ignoreSkipped: boolean;
	/** The TUI takes the wheel and clicks (--no-mouse: off). */
	mouse: boolean;
	/** Requests per minute; null keeps the scheduler's default. */
	budgetPerMinute: number | null;
	workspaceId: string | null;
	/** --history N: each sync's figures over its last N runs in --once and plain output; null: none. */
	historyRuns: number | null;
	profileName: string | null;
	/** Where the app is looking, for the header: profile and region or host. Never holds the token. */
	workspaceLabel: string;
};

export type SettingsInput = {
	flags: Flags;
	env: Env;
	config: Config | null;
	/** Where the config file is (or would be), for messages. */
	configFile: string;
	stdoutIsTTY: boolean;
};

const nonEmpty = (value: string | undefined): string | undefined => {
	const trimmed = value?.trim();
	return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};

/**
 * Over SSH every byte crosses a link that may be slow, metered or shared, so the app economises by itself
 * there (no animation, fewer frames, coarser clocks), as it does with --low-bandwidth. sshd sets
 * SSH_CONNECTION for every session and SSH_TTY when it allocates a terminal.
 */
const inSshSession = (env: Env): boolean => (env.SSH_CONNECTION ?? '') !== '' || (env.SSH_TTY ?? '') !== '';

/** NO_COLOR counts when set to anything but the empty string (no-color.org). */
const colorDisabledByEnv = (env: Env): boolean => (env.NO_COLOR ?? '') !== '';

function selectProfile(flags: Flags, config: Config | null, configFile: string): {name: string | null; profile: Profile} {
	if (flags.profile !== undefined) {
		if (config === null) throw new UsageError(`--profile ${flags.profile} needs a config file at ${configFile}`);
		const profile = Object.hasOwn(config.profiles, flags.profile) ? config.profiles[flags.profile] : undefined;
		if (profile === undefined) {
			const names = Object.keys(config.profiles);
			const known = names.length === 0 ? 'it has none' : `it has ${names.join(', ')}`;
			throw new UsageError(`no profile ${JSON.stringify(flags.profile)} in ${config.path} (${known})`);
		}

		return {name: flags.profile, profile};
	}

	const name = config?.defaultProfile ?? (config && Object.hasOwn(config.profiles, FALLBACK_PROFILE) ? FALLBACK_PROFILE : null);
	const profile = name === null ? undefined : config?.profiles[name];
	return profile === undefined || name === null ? {name: null, profile: {}} : {name, profile};
}

function resolveToken(flags: Flags, env: Env, profile: Profile, profileName: string | null, configFile: string): {token: string; source: TokenSource} {
	const fromFlag = nonEmpty(flags.token);
	if (fromFlag !== undefined) return {token: fromFlag, source: 'flag'};
	const fromEnv = nonEmpty(env[TOKEN_ENV]);
	if (fromEnv !== undefined) return {token: fromEnv, source: 'env'};
	if (profile.token !== undefined) return {token: profile.token, source: 'profile'};
	if (profile.tokenEnv !== undefined) {
		const fromProfileEnv = nonEmpty(env[profile.tokenEnv]);
		if (fromProfileEnv !== undefined) return {token: fromProfileEnv, source: 'profile-env'};
		throw new UsageError(
			`no Census API token: profile ${JSON.stringify(profileName)} reads it from $${profile.tokenEnv}, which is not set; set it or ${TOKEN_ENV}, or try --demo`,
		);
	}

	throw new UsageError(
		`no Census API token: set ${TOKEN_ENV} to a workspace API token (or add a profile to ${configFile}), or try --demo to see the app without one`,
	);
}

type Where = {roots: Record<ApiVersion, string>; api: ApiSetting; region: Region | null};

function resolveWhere(flags: Flags, profile: Profile): Where {
	// The first explicit choice wins, flags before the profile; within each, a base URL before a region.
	const choice =
		flags.baseUrl !== undefined
			? {baseUrl: flags.baseUrl}
			: flags.region !== undefined
				? {region: flags.region}
				: profile.baseUrl !== undefined
					? {baseUrl: profile.baseUrl}
					: {region: profile.region ?? 'us'};
	let resolved;
	try {
		resolved = resolveApiRoots(choice);
	} catch (error) {
		if (isCensusError(error)) throw new UsageError(error.message);
		throw error;
	}

	const asked = flags.api ?? profile.api ?? 'auto';
	const {fixed} = resolved;
	if (fixed !== null && asked !== 'auto' && asked !== fixed) {
		throw new UsageError(`the base URL ends in /api/${fixed} but --api asks for ${asked}; drop one of them`);
	}

	return {roots: resolved.roots, api: fixed ?? asked, region: choice.region ?? null};
}

function hostLabel(roots: Record<ApiVersion, string>, region: Region | null): string {
	if (region !== null) return region.toUpperCase();
	const url = new URL(splitBaseUrl(roots.v1).base);
	return isLoopbackHost(url.hostname) ? `local ${url.host}` : url.host;
}

function outputMode(flags: Flags, stdoutIsTTY: boolean): OutputMode {
	if (flags.command === 'doctor') return 'doctor';
	if (flags.once) return 'once';
	if (flags.exitStatus) return 'exit-status';
	return flags.json || !stdoutIsTTY ? 'plain' : 'tui';
}

/** The settings for one launch. Throws UsageError (exit 2) for anything that makes launching pointless. */
export function resolveSettings(input: SettingsInput): Settings {
	const {flags, env, config, configFile} = input;
	const demo = flags.demo;
	const {name: profileName, profile} = demo ? {name: null, profile: {} as Profile} : selectProfile(flags, config, configFile);
	let connection: Connection = {kind: 'demo'};
	let workspaceLabel = 'DEMO';
	const lowBandwidth = flags.lowBandwidth || inSshSession(env);
	if (!demo) {
		const {token, source} = resolveToken(flags, env, profile, profileName, configFile);
		const {roots, api, region} = resolveWhere(flags, profile);
		connection = {kind: 'census', roots, api, groupId: flags.groupId ?? profile.groupId ?? null, region, token, tokenSource: source};
		const where = hostLabel(roots, region);
		workspaceLabel = profileName === null ? where : `${profileName} · ${where}`;
	}

	return {
		mode: outputMode(flags, input.stdoutIsTTY),
		json: flags.json,
		connection,
		targets: {runIds: [...new Set(flags.runIds)], syncIds: [...new Set(flags.syncIds)], all: flags.all},
		intervalMs: (flags.intervalSeconds ?? profile.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS) * 1000,
		readOnly: flags.readOnly || profile.readOnly === true,
		notify: flags.notify ?? 'failures',
		animation: flags.animation && !lowBandwidth,
		ascii: flags.ascii,
		color: flags.color && !colorDisabledByEnv(env),
		hyperlinks: supportsHyperlinks(env),
		lowBandwidth,
		debug: flags.debug,
		timeoutMs: flags.timeoutSeconds === undefined ? null : flags.timeoutSeconds * 1000,
		failFast: flags.failFast,
		ignoreSkipped: flags.ignoreSkipped,
		mouse: flags.mouse,
		budgetPerMinute: flags.budgetPerMinute ?? null,
		workspaceId: flags.workspaceId ?? profile.workspaceId ?? null,
		historyRuns: flags.historyRuns ?? null,
		profileName,
		workspaceLabel,
	};
}

const isEmptyWatchList = (watch: WatchList): boolean => watch.runIds.length === 0 && watch.syncIds.length === 0 && !watch.all;

/**
 * What to watch: the command line's targets when it names any; otherwise the saved watch list; otherwise
 * the whole workspace.
 */
export function chooseWatchList(targets: WatchList, saved: WatchList | null): {watch: WatchList; source: 'args' | 'saved' | 'workspace'} {
	if (!isEmptyWatchList(targets)) return {watch: targets, source: 'args'};
	if (saved !== null && !isEmptyWatchList(saved)) return {watch: saved, source: 'saved'};
	return {watch: {runIds: [], syncIds: [], all: true}, source: 'workspace'};
}
