// The config file: named profiles for several workspaces. Parsing is strict about types (a wrong type
// is a usage error that names the file and the key) and lenient about unknown keys (a warning, so that a
// typo does not pass silently and a newer file still loads).
import {readFileSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {API_SETTINGS, isApiSetting, type ApiSetting} from '../census/api-version.js';
import type {Region} from '../census/base-url.js';
import {sanitizeText} from '../text/sanitize.js';
import {truncateToWidth} from '../text/text.js';
import {REGION_CHOICES, UsageError} from './flags.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type Profile = {
	region?: Region;
	baseUrl?: string;
	/** `api`: v1, v2 or auto. */
	api?: ApiSetting;
	/** `group_id`: sent with v2 list requests (--group). */
	groupId?: string;
	/** A token written in the file itself. */
	token?: string;
	/** The name of an environment variable that holds the token. */
	tokenEnv?: string;
	workspaceId?: string;
	intervalSeconds?: number;
	readOnly?: boolean;
};

export type Config = {
	path: string;
	defaultProfile: string | null;
	profiles: Record<string, Profile>;
};

export type LoadedConfig = {config: Config | null; warnings: string[]};

const APP_DIR = 'census-watch';
// Far more than any hand-written profile list; a bigger file is not a config file.
const MAX_CONFIG_BYTES = 1024 * 1024;
const PROFILE_KEYS = new Set(['region', 'base_url', 'api', 'group_id', 'token', 'token_env', 'workspace_id', 'interval', 'read_only']);
const TOP_KEYS = new Set(['profiles', 'default_profile']);

const quote = (text: string): string => JSON.stringify(truncateToWidth(sanitizeText(text), 40));

/** An XDG base directory from `variable`, or `fallback` under home; relative values are ignored (XDG spec). */
export function xdgDir(env: Env, variable: 'XDG_CONFIG_HOME' | 'XDG_STATE_HOME', fallback: string, home = env.HOME || homedir()): string {
	const value = env[variable];
	return value !== undefined && path.isAbsolute(value) ? value : path.join(home, fallback);
}

export const configPath = (env: Env): string => path.join(xdgDir(env, 'XDG_CONFIG_HOME', '.config'), APP_DIR, 'config.json');

export const stateDir = (env: Env): string => path.join(xdgDir(env, 'XDG_STATE_HOME', path.join('.local', 'state')), APP_DIR);

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isRegion = (value: string): value is Region => (REGION_CHOICES as readonly string[]).includes(value);

// POSIX shells accept these as variable names; anything else in token_env is a mistake.
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parseProfile(value: unknown, where: string, warnings: string[]): Profile {
	const fail = (message: string): never => {
		throw new UsageError(`${where}: ${message}`);
	};

	if (!isRecord(value)) fail('a profile must be an object');
	const entries = value as Record<string, unknown>;
	const profile: Profile = {};
	for (const [key, field] of Object.entries(entries)) {
		if (!PROFILE_KEYS.has(key)) {
			warnings.push(`${where}: unknown key ${quote(key)} ignored`);
			continue;
		}

		if (field === null || field === undefined) continue;
		switch (key) {
			case 'region': {
				const region = typeof field === 'string' ? field.trim().toLowerCase() : '';
				if (!isRegion(region)) fail(`region must be ${REGION_CHOICES.join(' or ')}`);
				else profile.region = region;
				break;
			}

			case 'base_url': {
				if (typeof field !== 'string' || field.trim() === '') fail('base_url must be a URL such as https://app.getcensus.com/api/v1');
				else profile.baseUrl = field.trim();
				break;
			}

			case 'api': {
				const api = typeof field === 'string' ? field.trim().toLowerCase() : '';
				if (!isApiSetting(api)) fail(`api must be ${API_SETTINGS.join(', ')}`);
				else profile.api = api;
				break;
			}

			case 'group_id': {
				if (typeof field !== 'string' || !/^[\w-]{1,100}$/.test(field.trim())) fail('group_id must be a group id such as wandering_aimlessly');
				else profile.groupId = field.trim();
				break;
			}

			case 'token': {
				if (typeof field !== 'string' || field.trim() === '') fail('token must be a non-empty string');
				else profile.token = field.trim();
				break;
			}

			case 'token_env': {
				if (typeof field !== 'string' || !ENV_NAME.test(field)) fail('token_env must be the name of an environment variable, e.g. CENSUS_API_TOKEN');
				else profile.tokenEnv = field;
				break;
			}

			case 'workspace_id': {
				const text = typeof field === 'number' ? String(field) : typeof field === 'string' ? field.trim() : '';
				if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) <= 0) fail('workspace_id must be a positive whole number');
				else profile.workspaceId = String(Number(text));
				break;
			}

			case 'interval': {
				if (typeof field !== 'number' || !Number.isFinite(field) || field < 1) fail('interval must be a number of seconds, at least 1');
				else profile.intervalSeconds = field;
				break;
			}

			case 'read_only': {
				if (typeof field !== 'boolean') fail('read_only must be true or false');
				else profile.readOnly = field;
				break;
			}
		}
	}

	return profile;
}

/** Parses the text of a config file. Throws UsageError naming the file for anything unusable. */
export function parseConfig(text: string, file: string): LoadedConfig {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const detail = error instanceof SyntaxError ? `: ${sanitizeText(error.message)}` : '';
		throw new UsageError(`${file} is not valid JSON${truncateToWidth(detail, 80)}`);
	}

	if (!isRecord(json)) throw new UsageError(`${file} must hold a JSON object with "profiles"`);
	const warnings: string[] = [];
	for (const key of Object.keys(json)) {
		if (!TOP_KEYS.has(key)) warnings.push(`${file}: unknown key ${quote(key)} ignored`);
	}

	const rawProfiles = json['profiles'] ?? {};
	if (!isRecord(rawProfiles)) throw new UsageError(`${file}: "profiles" must be an object of named profiles`);
	// fromEntries defines own properties, so a profile named "__proto__" stays a profile.
	const profiles: Record<string, Profile> = Object.fromEntries(
		Object.entries(rawProfiles).map(([name, value]) => [name, parseProfile(value, `${file}: profile ${quote(name)}`, warnings)]),
	);

	const defaultProfile = json['default_profile'] ?? null;
	if (defaultProfile !== null && (typeof defaultProfile !== 'string' || !Object.hasOwn(profiles, defaultProfile))) {
		throw new UsageError(`${file}: default_profile must name one of the profiles`);
	}

	return {config: {path: file, defaultProfile, profiles}, warnings};
}

/** A warning when the file holds a token and its mode lets group or others read it, else null. */
export function permissionWarning(config: Config, mode: number): string | null {
	const holdsToken = Object.values(config.profiles).some(profile => profile.token !== undefined);
	if (!holdsToken || (mode & 0o077) === 0) return null;
	return `${config.path} holds an API token and other users can read it; run: chmod 600 ${config.path}`;
}

/** Reads the config file; a missing file is no config (null), anything else unreadable is a usage error. */
export function loadConfig(file: string): LoadedConfig {
	let text: string;
	let mode: number;
	try {
		const stats = statSync(file);
		if (!stats.isFile()) throw new UsageError(`${file} is not a file`);
		if (stats.size > MAX_CONFIG_BYTES) throw new UsageError(`${file} is too large for a config file`);
		mode = stats.mode;
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if (error instanceof UsageError) throw error;
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {config: null, warnings: []};
		throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
	}

	const loaded = parseConfig(text, file);
	const warning = loaded.config === null ? null : permissionWarning(loaded.config, mode);
	return warning === null ? loaded : {config: loaded.config, warnings: [...loaded.warnings, warning]};
}
