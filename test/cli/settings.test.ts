import {describe, expect, it} from 'vitest';
import type {Config} from '../../source/cli/config.js';
import {parseCommandLine, UsageError} from '../../source/cli/flags.js';
import {chooseWatchList, resolveSettings, type SettingsInput} from '../../source/cli/settings.js';

const FILE = '/h/.config/census-watch/config.json';

const config = (profiles: Config['profiles'], defaultProfile: string | null = null): Config => ({path: FILE, defaultProfile, profiles});

const settings = (argv: string[], options: Partial<Omit<SettingsInput, 'flags'>> = {}) =>
	resolveSettings({
		flags: parseCommandLine(argv).flags,
		env: {},
		config: null,
		configFile: FILE,
		stdoutIsTTY: true,
		...options,
	});

const census = (argv: string[], options: Partial<Omit<SettingsInput, 'flags'>> = {}) => {
	const {connection} = settings(argv, options);
	if (connection.kind !== 'census') throw new Error('expected a Census connection');
	return connection;
};

describe('token precedence', () => {
	const profiles = config({p: {token: 'from-profile', tokenEnv: 'P_TOKEN'}}, 'p');

	it('takes --token over everything', () => {
		expect(census(['--token', 'from-flag'], {env: {CENSUS_API_TOKEN: 'from-env', P_TOKEN: 'x'}, config: profiles})).toMatchObject({
			token: 'from-flag',
			tokenSource: 'flag',
		});
	});

	it('takes CENSUS_API_TOKEN over the profile', () => {
		expect(census([], {env: {CENSUS_API_TOKEN: 'from-env'}, config: profiles})).toMatchObject({token: 'from-env', tokenSource: 'env'});
	});

	it("takes the profile's token over its token_env", () => {
		expect(census([], {env: {P_TOKEN: 'from-p-env'}, config: profiles})).toMatchObject({token: 'from-profile', tokenSource: 'profile'});
	});

	it("reads the variable named by the profile's token_env", () => {
		expect(census([], {env: {P_TOKEN: ' from-p-env\n'}, config: config({p: {tokenEnv: 'P_TOKEN'}}, 'p')})).toMatchObject({
			token: 'from-p-env',
			tokenSource: 'profile-env',
		});
	});

	it('treats an empty CENSUS_API_TOKEN as unset', () => {
		expect(census([], {env: {CENSUS_API_TOKEN: '  '}, config: profiles})).toMatchObject({tokenSource: 'profile'});
	});

	it('without any token names CENSUS_API_TOKEN and --demo', () => {
		expect(() => settings([])).toThrow(UsageError);
		expect(() => settings([])).toThrow(/CENSUS_API_TOKEN.*--demo/);
	});

	it("names the profile's variable when it is not set", () => {
		expect(() => settings([], {config: config({p: {tokenEnv: 'P_TOKEN'}}, 'p')})).toThrow(/\$P_TOKEN, which is not set.*CENSUS_API_TOKEN.*--demo/);
	});
});

describe('where requests go', () => {
	const env = {CENSUS_API_TOKEN: 't'};

	it('defaults to the US host and auto', () => {
		expect(census([], {env})).toMatchObject({
			roots: {v1: 'https://app.getcensus.com/api/v1', v2: 'https://app.getcensus.com/api/v2'},
			api: 'auto',
			groupId: null,
			region: 'us',
		});
	});

	it('takes flags over the profile, and a base URL over a region at the same level', () => {
		const profile = config({p: {region: 'eu', baseUrl: 'https://profile.example/api/v1'}}, 'p');
		expect(census(['--region', 'us'], {env, config: profile}).roots.v1).toBe('https://app.getcensus.com/api/v1');
		expect(census(['--region', 'us', '--base-url', 'https://flag.example/api/v1/'], {env, config: profile}).roots.v1).toBe('https://flag.example/api/v1');
		expect(census([], {env, config: profile}).roots.v1).toBe('https://profile.example/api/v1');
		expect(census([], {env, config: config({p: {region: 'eu'}}, 'p')}).roots).toEqual({
			v1: 'https://app-eu.getcensus.com/api/v1',
			v2: 'https://app-eu.getcensus.com/api/v2',
		});
	});

	it('lets a base URL ending in /api/v1 or /api/v2 fix the version, and appends both to one that does not', () => {
		expect(census(['--base-url', 'https://proxy.example/census/api/v2'], {env})).toMatchObject({
			api: 'v2',
			roots: {v1: 'https://proxy.example/census/api/v1', v2: 'https://proxy.example/census/api/v2'},
		});
		expect(census(['--base-url', 'https://proxy.example/api/v1', '--api', 'auto'], {env}).api).toBe('v1');
		expect(census(['--base-url', 'https://proxy.example/census'], {env})).toMatchObject({
			api: 'auto',
			roots: {v1: 'https://proxy.example/census/api/v1', v2: 'https://proxy.example/census/api/v2'},
		});
		expect(() => settings(['--base-url', 'https://proxy.example/api/v1', '--api', 'v2'], {env})).toThrow(/ends in \/api\/v1 but --api asks for v2/);
	});

	it('takes --api and --group over the profile\'s api and group_id', () => {
		const profile = config({p: {api: 'v1', groupId: 'from_profile'}}, 'p');
		expect(census([], {env, config: profile})).toMatchObject({api: 'v1', groupId: 'from_profile'});
		expect(census(['--api', 'v2', '--group', 'wandering_aimlessly'], {env, config: profile})).toMatchObject({api: 'v2', groupId: 'wandering_aimlessly'});
	});

	it('refuses a plain-http base URL that is not loopback', () => {
		expect(() => settings(['--base-url', 'http://census.example/api/v1'], {env})).toThrow(UsageError);
		expect(() => settings(['--base-url', 'http://census.example/api/v1'], {env})).toThrow(/refusing to send the API token over plain http/);
	});

	it('allows plain http to loopback', () => {
		expect(census(['--base-url', 'http://127.0.0.1:4010/api/v1'], {env}).roots.v1).toBe('http://127.0.0.1:4010/api/v1');
	});

	it('reports a malformed base URL as a usage error', () => {
		expect(() => settings(['--base-url', 'not a url'], {env})).toThrow(UsageError);
	});
});

describe('profiles', () => {
	const env = {CENSUS_API_TOKEN: 't'};
	const profiles = config({
		prod: {region: 'eu', workspaceId: '42', intervalSeconds: 10, readOnly: true},
		default: {region: 'us'},
	});

	it('uses --profile', () => {
		const result = settings(['--profile', 'prod'], {env, config: profiles});
		expect(result).toMatchObject({profileName: 'prod', workspaceId: '42', intervalMs: 10_000, readOnly: true, workspaceLabel: 'prod · EU'});
	});

	it('falls back to default_profile, then to a profile named default', () => {
		expect(settings([], {env, config: {...profiles, defaultProfile: 'prod'}}).profileName).toBe('prod');
		expect(settings([], {env, config: profiles}).profileName).toBe('default');
		expect(settings([], {env, config: config({other: {}})}).profileName).toBeNull();
	});

	it('lets flags override the profile', () => {
		const result = settings(['--profile', 'prod', '--interval', '3', '--workspace-id', '7'], {env, config: profiles});
		expect(result).toMatchObject({intervalMs: 3000, workspaceId: '7'});
	});

	it('rejects an unknown profile, listing the known ones', () => {
		expect(() => settings(['--profile', 'nope'], {env, config: profiles})).toThrow('no profile "nope" in /h/.config/census-watch/config.json (it has prod, default)');
	});

	it('rejects --profile without a config file', () => {
		expect(() => settings(['--profile', 'prod'], {env})).toThrow(`--profile prod needs a config file at ${FILE}`);
	});

	it('does not take a profile named like an Object.prototype key', () => {
		expect(() => settings(['--profile', 'constructor'], {env, config: profiles})).toThrow(UsageError);
	});
});

describe('other settings', () => {
	const env = {CENSUS_API_TOKEN: 't'};

	it('has sensible defaults', () => {
		expect(settings([], {env})).toMatchObject({
			mode: 'tui',
			json: false,
			intervalMs: 5000,
			readOnly: false,
			notify: 'failures',
			animation: true,
			ascii: false,
			color: true,
			timeoutMs: null,
			failFast: false,
			budgetPerMinute: null,
			workspaceId: null,
			profileName: null,
			workspaceLabel: 'US',
			targets: {runIds: [], syncIds: [], all: false},
		});
	});

	it('picks the output mode', () => {
		expect(settings(['--once'], {env}).mode).toBe('once');
		expect(settings(['--exit-status'], {env}).mode).toBe('exit-status');
		expect(settings([], {env, stdoutIsTTY: false}).mode).toBe('plain');
		expect(settings(['--json'], {env}).mode).toBe('plain');
		expect(settings(['--once', '--json'], {env, stdoutIsTTY: false})).toMatchObject({mode: 'once', json: true});
	});

	it('honours NO_COLOR when it is not empty, and --no-color', () => {
		expect(settings([], {env: {...env, NO_COLOR: '1'}}).color).toBe(false);
		expect(settings([], {env: {...env, NO_COLOR: ''}}).color).toBe(true);
		expect(settings(['--no-color'], {env}).color).toBe(false);
	});

	it('turns animation off for --low-bandwidth', () => {
		expect(settings(['--low-bandwidth'], {env})).toMatchObject({animation: false, lowBandwidth: true});
	});

	it('saves bandwidth by itself over SSH', () => {
		expect(settings([], {env: {...env, SSH_CONNECTION: '10.0.0.2 51234 10.0.0.1 22'}})).toMatchObject({animation: false, lowBandwidth: true});
		expect(settings([], {env: {...env, SSH_TTY: '/dev/pts/3'}})).toMatchObject({animation: false, lowBandwidth: true});
		expect(settings([], {env: {...env, SSH_CONNECTION: '', SSH_TTY: ''}})).toMatchObject({animation: true, lowBandwidth: false});
	});

	it('converts --timeout and keeps --budget', () => {
		expect(settings(['--exit-status', '--timeout', '2m', '--budget', '30'], {env})).toMatchObject({timeoutMs: 120_000, budgetPerMinute: 30});
	});

	it('de-duplicates targets', () => {
		expect(settings(['5', '5', '--sync', '2', '--sync', '2', '--all'], {env}).targets).toEqual({runIds: [5], syncIds: [2], all: true});
	});

	it('labels a custom host by its host, a loopback one as local', () => {
		expect(settings(['--base-url', 'https://census.example/api/v1'], {env}).workspaceLabel).toBe('census.example');
		expect(settings(['--base-url', 'http://127.0.0.1:4010/api/v1'], {env}).workspaceLabel).toBe('local 127.0.0.1:4010');
	});

	it('needs no token and ignores the config in demo mode', () => {
		const result = settings(['--demo'], {config: config({p: {tokenEnv: 'UNSET'}}, 'p')});
		expect(result).toMatchObject({connection: {kind: 'demo'}, workspaceLabel: 'DEMO', profileName: null});
	});

	it('never puts the token in the workspace label', () => {
		expect(settings(['--token', 'secret-token:zzz'], {config: config({zzz: {}}, 'zzz')}).workspaceLabel).not.toContain('secret');
	});
});

describe('chooseWatchList', () => {
	const none = {runIds: [], syncIds: [], all: false};
	const saved = {runIds: [1], syncIds: [2], all: false};

	it('takes the command line when it names anything', () => {
		expect(chooseWatchList({...none, runIds: [9]}, saved)).toEqual({watch: {...none, runIds: [9]}, source: 'args'});
		expect(chooseWatchList({...none, all: true}, saved).source).toBe('args');
	});

	it('resumes the saved list otherwise', () => {
		expect(chooseWatchList(none, saved)).toEqual({watch: saved, source: 'saved'});
	});

	it('follows the workspace when nothing is saved', () => {
		expect(chooseWatchList(none, null)).toEqual({watch: {...none, all: true}, source: 'workspace'});
		expect(chooseWatchList(none, none).source).toBe('workspace');
	});
});
