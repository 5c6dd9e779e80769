import {execFile} from 'node:child_process';
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator, type Simulator} from '../../source/simulator/server.js';
import {binPath, cleanEnv, repoRoot, tempHome} from '../helpers/pty.js';

// The built CLI as a user runs it, with pipes for stdio (so never the TUI), a temporary HOME and XDG
// directories, and no CENSUS_API_TOKEN from the developer's environment.

type Result = {code: number | null; stdout: string; stderr: string};

export function runCli(args: string[], extraEnv: Record<string, string | undefined> = {}, home = tempHome()): Promise<Result> {
	return new Promise(resolve => {
		const child = execFile(process.execPath, [binPath, ...args], {cwd: repoRoot, env: cleanEnv(home, extraEnv), timeout: 15_000}, (error, stdout, stderr) => {
			resolve({code: child.exitCode ?? (error && 'code' in error && typeof error.code === 'number' ? error.code : null), stdout, stderr});
		});
		child.stdin?.end();
	});
}

const STACK_FRAME = /^\s+at /m;
const lines = (text: string) => text.split('\n').filter(line => line !== '');

const EVERY_FLAG = [
	'--sync',
	'--all',
	'--token',
	'--region',
	'--base-url',
	'--profile',
	'--interval',
	'--demo',
	'--read-only',
	'--once',
	'--json',
	'--exit-status',
	'--notify',
	'--no-animation',
	'--ascii',
	'--help',
	'--version',
	'--low-bandwidth',
	'--debug',
	'--timeout',
	'--fail-fast',
	'--ignore-skipped',
	'--no-mouse',
	'--budget',
];

describe('the built CLI', {timeout: 30_000}, () => {
	it('--help names every flag and exits 0', async () => {
		const {code, stdout, stderr} = await runCli(['--help']);
		expect(code).toBe(0);
		expect(stderr).toBe('');
		for (const flag of EVERY_FLAG) expect(stdout).toContain(flag);
		expect(stdout).toContain('CENSUS_API_TOKEN');
	});

	it('--help fits in 80 columns', async () => {
		const {stdout} = await runCli(['--help']);
		for (const line of lines(stdout)) expect(line.length).toBeLessThanOrEqual(80);
	});

	it('completion bash prints a script that bash reads, and an unknown shell exits 2 with one line', async () => {
		const bash = await runCli(['completion', 'bash']);
		expect(bash.code).toBe(0);
		expect(bash.stdout).toContain('complete -F _census_watch census-watch');
		expect(bash.stderr).toBe('');
		const bad = await runCli(['completion', 'tcsh']);
		expect(bad.code).toBe(2);
		expect(lines(bad.stderr)).toEqual(['census-watch: completion needs a shell: bash, zsh, fish (e.g. census-watch completion bash)']);
	});

	it('--version prints the package version', async () => {
		const {version} = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string};
		const {code, stdout} = await runCli(['--version']);
		expect(code).toBe(0);
		expect(stdout).toBe(`${version}\n`);
	});

	it('an unknown flag exits 2 with one line and no stack trace', async () => {
		const {code, stdout, stderr} = await runCli(['--bogus']);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(lines(stderr)).toEqual(['census-watch: unknown flag "--bogus" (see census-watch --help)']);
		expect(stderr).not.toMatch(STACK_FRAME);
	});

	it('a bad value exits 2 with one line', async () => {
		const {code, stderr} = await runCli(['--interval', '0', '--demo']);
		expect(code).toBe(2);
		expect(lines(stderr)).toHaveLength(1);
		expect(stderr).toMatch(/^census-watch: --interval takes seconds/);
	});

	it('without a token says to set CENSUS_API_TOKEN or use --demo, and exits 2', async () => {
		const {code, stderr} = await runCli([]);
		expect(code).toBe(2);
		expect(lines(stderr)).toHaveLength(1);
		expect(stderr).toContain('CENSUS_API_TOKEN');
		expect(stderr).toContain('--demo');
		expect(stderr).not.toMatch(STACK_FRAME);
	});

	it('refuses to send a token over plain http to a non-loopback host, without echoing the token', async () => {
		const {code, stderr} = await runCli(['--base-url', 'http://census.example/api/v1', '--once', '1'], {CENSUS_API_TOKEN: 'secret-token:abcdef123456'});
		expect(code).toBe(2);
		expect(lines(stderr)).toEqual(['census-watch: refusing to send the API token over plain http to census.example; use https']);
		expect(stderr).not.toContain('abcdef123456');
	});

	it('warns about a config file with a token that others can read', async () => {
		const home = tempHome();
		const file = path.join(home, 'config', 'census-watch', 'config.json');
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, JSON.stringify({profiles: {default: {token: 'secret-token:fromfile', base_url: 'http://census.example/api/v1'}}}));
		chmodSync(file, 0o644);
		const {code, stderr} = await runCli(['--once', '1'], {}, home);
		expect(code).toBe(2);
		expect(lines(stderr)).toEqual([
			`census-watch: warning: ${file} holds an API token and other users can read it; run: chmod 600 ${file}`,
			'census-watch: refusing to send the API token over plain http to census.example; use https',
		]);
		expect(stderr).not.toContain('fromfile');
	});

	it('reports a broken config file in one line and exits 2', async () => {
		const home = tempHome();
		const file = path.join(home, 'config', 'census-watch', 'config.json');
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, '{"profiles": {"a": {"region": "mars"}}}');
		const {code, stderr} = await runCli(['--profile', 'a'], {CENSUS_API_TOKEN: 'secret-token:abcdef123456'}, home);
		expect(code).toBe(2);
		expect(lines(stderr)).toEqual([`census-watch: ${file}: profile "a": region must be us or eu`]);
	});
});

describe('the built CLI against a Census API', {timeout: 30_000}, () => {
	const RIGHT = 'secret-token:right0123456789abcdef';
	let simulator: Simulator;
	let runId: string;

	beforeAll(async () => {
		simulator = await startSimulator({port: 0, seed: 11, token: RIGHT, scenario: 'quiet'});
		const syncId = simulator.world.syncIds()[0]!;
		runId = String(simulator.world.runIds(syncId)![0]);
	});

	afterAll(async () => {
		await simulator.close();
	});

	it.each([
		['--once', ['--once']],
		['--exit-status', ['--exit-status']],
		['plain output', []],
	])('a wrong token with %s: one clear 401 line, exit 3', async (_name, mode) => {
		const {code, stdout, stderr} = await runCli([...mode, runId, '--base-url', simulator.url], {CENSUS_API_TOKEN: 'secret-token:wrong0123456789'});
		expect(code).toBe(3);
		expect(stdout).toBe('');
		expect(lines(stderr)).toContain('census-watch: the Census API rejected the token (401 Unauthorized)');
		expect(stderr).not.toMatch(STACK_FRAME);
		expect(stderr).not.toContain('wrong0123456789');
	});

	it('--once with the right token prints the run and exits', async () => {
		const {code, stdout} = await runCli(['--once', runId, '--base-url', simulator.url], {CENSUS_API_TOKEN: RIGHT});
		expect(code).toBe(0);
		expect(stdout).toContain(runId);
	});

	it('--debug logs each request to the log file, without the token', async () => {
		const home = tempHome();
		const {code} = await runCli(['--once', '--debug', runId, '--base-url', simulator.url], {CENSUS_API_TOKEN: RIGHT}, home);
		expect(code).toBe(0);
		const log = readFileSync(path.join(home, 'state', 'census-watch', 'census-watch.log'), 'utf8');
		expect(log).toMatch(new RegExp(`GET /sync_runs/${runId} 200 \\d+ms`));
		expect(log).not.toContain('right0123456789');
	});
});
