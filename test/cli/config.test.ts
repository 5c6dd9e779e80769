import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {configPath, loadConfig, parseConfig, permissionWarning, stateDir, xdgDir} from '../../source/cli/config.js';
import {UsageError} from '../../source/cli/flags.js';
import {tempDirs} from '../helpers/temp-dirs.js';

const FILE = '/home/u/.config/census-watch/config.json';

describe('parseConfig', () => {
	it('reads every profile key', () => {
		const {config, warnings} = parseConfig(
			JSON.stringify({
				default_profile: 'prod',
				profiles: {
					prod: {region: 'EU', token_env: 'CENSUS_PROD_TOKEN', workspace_id: 1234, interval: 10, read_only: true},
					local: {base_url: ' http://127.0.0.1:4010/api/v1 ', token: 'secret-token:abc', workspace_id: '55'},
				},
			}),
			FILE,
		);
		expect(warnings).toEqual([]);
		expect(config).toEqual({
			path: FILE,
			defaultProfile: 'prod',
			profiles: {
				prod: {region: 'eu', tokenEnv: 'CENSUS_PROD_TOKEN', workspaceId: '1234', intervalSeconds: 10, readOnly: true},
				local: {baseUrl: 'http://127.0.0.1:4010/api/v1', token: 'secret-token:abc', workspaceId: '55'},
			},
		});
	});

	it('reads api and group_id', () => {
		expect(parseConfig('{"profiles": {"a": {"api": " V2 ", "group_id": "wandering_aimlessly"}}}', FILE).config?.profiles['a']).toEqual({
			api: 'v2',
			groupId: 'wandering_aimlessly',
		});
	});

	it('warns about unknown keys instead of failing', () => {
		const {config, warnings} = parseConfig(JSON.stringify({profiles: {a: {tokn: 'x', region: 'us'}}, colour: true}), FILE);
		expect(config?.profiles['a']).toEqual({region: 'us'});
		expect(warnings).toEqual([`${FILE}: unknown key "colour" ignored`, `${FILE}: profile "a": unknown key "tokn" ignored`]);
	});

	it('treats null values as absent', () => {
		expect(parseConfig('{"profiles": {"a": {"token": null}}}', FILE).config?.profiles['a']).toEqual({});
	});

	it.each([
		['{', 'is not valid JSON'],
		['[]', 'must hold a JSON object'],
		['{"profiles": []}', '"profiles" must be an object'],
		['{"profiles": {"a": 1}}', 'profile "a": a profile must be an object'],
		['{"profiles": {"a": {"region": "ap"}}}', 'profile "a": region must be us or eu'],
		['{"profiles": {"a": {"base_url": 5}}}', 'base_url must be a URL'],
		['{"profiles": {"a": {"token": ""}}}', 'token must be a non-empty string'],
		['{"profiles": {"a": {"token_env": "$X"}}}', 'token_env must be the name of an environment variable'],
		['{"profiles": {"a": {"workspace_id": "w"}}}', 'workspace_id must be a positive whole number'],
		['{"profiles": {"a": {"interval": 0.5}}}', 'interval must be a number of seconds, at least 1'],
		['{"profiles": {"a": {"interval": "5"}}}', 'interval must be a number of seconds'],
		['{"profiles": {"a": {"read_only": "yes"}}}', 'read_only must be true or false'],
		['{"profiles": {}, "default_profile": "b"}', 'default_profile must name one of the profiles'],
		['{"profiles": {"a": {"api": "v3"}}}', 'api must be auto, v1, v2'],
		['{"profiles": {"a": {"group_id": "a b"}}}', 'group_id must be a group id such as wandering_aimlessly'],
	])('rejects %s: %s', (text, expected) => {
		expect(() => parseConfig(text, FILE)).toThrow(UsageError);
		expect(() => parseConfig(text, FILE)).toThrow(expected);
	});

	it('names the file in its errors, on one line', () => {
		try {
			parseConfig('{"profiles": {"a": {"region": "ap"}}}', FILE);
			expect.unreachable();
		} catch (error) {
			expect((error as Error).message).toMatch(new RegExp(`^${FILE}: `));
			expect((error as Error).message).not.toContain('\n');
		}
	});
});

describe('permissionWarning', () => {
	const withToken = parseConfig('{"profiles": {"a": {"token": "t0ken-value"}}}', FILE).config!;
	const withoutToken = parseConfig('{"profiles": {"a": {"token_env": "X"}}}', FILE).config!;

	it('warns when a file holding a token is readable by group or others', () => {
		expect(permissionWarning(withToken, 0o100644)).toBe(`${FILE} holds an API token and other users can read it; run: chmod 600 ${FILE}`);
		expect(permissionWarning(withToken, 0o100640)).not.toBeNull();
	});

	it('is quiet for a private file or one without a token', () => {
		expect(permissionWarning(withToken, 0o100600)).toBeNull();
		expect(permissionWarning(withoutToken, 0o100644)).toBeNull();
	});

	it('never quotes the token', () => {
		expect(permissionWarning(withToken, 0o100644)).not.toContain('t0ken-value');
	});
});

describe('loadConfig', () => {
	const temp = tempDirs('config');

	it('gives no config for a missing file', () => {
		expect(loadConfig(path.join(temp(), 'nope.json'))).toEqual({config: null, warnings: []});
	});

	it('warns about a 0644 file with a token in it', () => {
		const xdg = temp();
		const file = configPath({XDG_CONFIG_HOME: xdg});
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, '{"profiles": {"a": {"token": "secret-token:abc"}}}');
		chmodSync(file, 0o644);
		const {warnings} = loadConfig(file);
		expect(warnings).toEqual([`${file} holds an API token and other users can read it; run: chmod 600 ${file}`]);
		chmodSync(file, 0o600);
		expect(loadConfig(file).warnings).toEqual([]);
	});

	it('reports a directory where the file should be', () => {
		const dir = temp();
		expect(() => loadConfig(dir)).toThrow(`${dir} is not a file`);
	});
});

describe('paths', () => {
	it('follows XDG_CONFIG_HOME and XDG_STATE_HOME', () => {
		expect(configPath({XDG_CONFIG_HOME: '/x/config', HOME: '/h'})).toBe('/x/config/census-watch/config.json');
		expect(stateDir({XDG_STATE_HOME: '/x/state', HOME: '/h'})).toBe('/x/state/census-watch');
	});

	it('falls back to ~/.config and ~/.local/state, ignoring relative XDG values', () => {
		expect(configPath({HOME: '/h'})).toBe('/h/.config/census-watch/config.json');
		expect(stateDir({HOME: '/h', XDG_STATE_HOME: 'relative'})).toBe('/h/.local/state/census-watch');
		expect(xdgDir({XDG_CONFIG_HOME: ''}, 'XDG_CONFIG_HOME', '.config', '/h')).toBe('/h/.config');
	});
});

describe('profile names', () => {
	it('keeps a profile named __proto__ as an ordinary profile', () => {
		const {config} = parseConfig('{"profiles": {"__proto__": {"region": "eu"}}}', FILE);
		expect(Object.hasOwn(config!.profiles, '__proto__')).toBe(true);
		expect(config!.profiles['__proto__']).toEqual({region: 'eu'});
	});
});
