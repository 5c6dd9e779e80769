import {describe, expect, it} from 'vitest';
import {runMain} from '../../source/simulator/main.js';
import {DEFAULT_PAT} from '../../source/simulator/server.js';

type Io = Parameters<typeof runMain>[1] & {out: string[]; err: string[]; stop(): void};

function createIo(): Io {
	let stop: () => void = () => undefined;
	const stopped = new Promise<void>(resolve => {
		stop = resolve;
	});
	const out: string[] = [];
	const err: string[] = [];
	return {
		out,
		err,
		stop: () => stop(),
		stopped,
		stdout: {write: (text: string) => out.push(text)},
		stderr: {write: (text: string) => err.push(text)},
	};
}

async function waitForLine(lines: string[]): Promise<string> {
	await expect.poll(() => lines.length).toBeGreaterThan(0);
	return lines[0] ?? '';
}

/** The v1 and v2 roots from the simulator's first lines. */
async function waitForRoots(lines: string[]): Promise<{v1: string; v2: string}> {
	const text = await waitForLine(lines);
	const roots = [...text.matchAll(/^census simulator: (\S+)/gm)].map(match => match[1] ?? '');
	return {v1: roots[0] ?? '', v2: roots[1] ?? ''};
}

describe('runMain', () => {
	it('prints both API roots, one a line, serves them, and stops when told to', async () => {
		const io = createIo();
		const exit = runMain(['--port', '0', '--seed', '3', '--speed', '10'], io);
		const text = await waitForLine(io.out);

		expect(text).toMatch(
			new RegExp(`^census simulator: http://127\\.0\\.0\\.1:\\d+/api/v1 \\(workspace token\\)\n` + `census simulator: http://127\\.0\\.0\\.1:\\d+/api/v2 \\(personal access token ${DEFAULT_PAT}\\)\n$`),
		);
		const {v1: root, v2} = await waitForRoots(io.out);
		const answer = await fetch(`${root}/syncs?per_page=1`, {headers: {authorization: 'Bearer t'}});
		expect(answer.status).toBe(200);
		expect((await fetch(`${v2}/syncs?per_page=1`, {headers: {authorization: `Bearer ${DEFAULT_PAT}`}})).status).toBe(200);

		io.stop();
		expect(await exit).toBe(0);
		expect(io.err).toEqual([]);
		await expect(fetch(`${root}/syncs`)).rejects.toThrow();
	});

	it('requires the token given with --token', async () => {
		const io = createIo();
		const exit = runMain(['--port', '0', '--token', 'secret-token:main', '--pat', 'pat-of-mine'], io);
		const {v1: root, v2} = await waitForRoots(io.out);

		expect((await fetch(`${root}/syncs`, {headers: {authorization: 'Bearer other'}})).status).toBe(401);
		expect((await fetch(`${root}/syncs`, {headers: {authorization: 'Bearer secret-token:main'}})).status).toBe(200);
		expect((await fetch(`${v2}/syncs`, {headers: {authorization: 'Bearer secret-token:main'}})).status).toBe(401);
		expect((await fetch(`${v2}/syncs`, {headers: {authorization: `Bearer ${DEFAULT_PAT}`}})).status).toBe(401);
		expect((await fetch(`${v2}/syncs`, {headers: {authorization: 'Bearer pat-of-mine'}})).status).toBe(200);
		expect(io.out.join('')).not.toContain('secret-token:main');
		expect(io.out.join('')).not.toContain('pat-of-mine');
		io.stop();
		expect(await exit).toBe(0);
	});

	it('serves the chosen scenario and number of syncs', async () => {
		const io = createIo();
		const exit = runMain(['--port', '0', '--scenario', 'quiet', '--syncs', '3'], io);
		const {v1: root} = await waitForRoots(io.out);
		const body = (await (await fetch(`${root}/syncs`, {headers: {authorization: 'Bearer t'}})).json()) as {data: unknown[]};

		expect(body.data).toHaveLength(3);
		io.stop();
		expect(await exit).toBe(0);
	});

	it.each(['410', '404', 'redirect', '401'] as const)('starts with v1 retired in the form --v1-retired %s, v2 untouched', async form => {
		const io = createIo();
		const exit = runMain(['--port', '0', '--v1-retired', form], io);
		const {v1, v2} = await waitForRoots(io.out);
		const retired = await fetch(`${v1}/syncs`, {headers: {authorization: 'Bearer t'}, redirect: 'manual'});

		expect(retired.status).toBe({410: 410, 404: 404, redirect: 301, 401: 401}[form]);
		expect(io.out.join('')).toContain(`retired: ${form}`);
		expect((await fetch(`${v2}/syncs`, {headers: {authorization: `Bearer ${DEFAULT_PAT}`}})).status).toBe(200);
		io.stop();
		expect(await exit).toBe(0);
	});

	it.each([
		[['--bogus']],
		[['--v1-retired', 'gone']],
		[['--pat', ' ']],
		[['--token', 'same', '--pat', 'same']],
		[['--port', 'abc']],
		[['--port', '70000']],
		[['--speed', '0']],
		[['--scenario', 'chaos']],
		[['--syncs', '-1']],
		[['--token', '']],
		[['extra']],
	])('rejects %j with one line on stderr and exit code 2', async argv => {
		const io = createIo();
		expect(await runMain(argv, io)).toBe(2);
		expect(io.out).toEqual([]);
		expect(io.err).toHaveLength(1);
		expect(io.err[0]).toMatch(/^census simulator: [^\n]+\n$/);
	});

	it('prints usage for --help and exits 0', async () => {
		const io = createIo();
		expect(await runMain(['--help'], io)).toBe(0);
		expect(io.out.join('')).toContain('--scenario');
		expect(io.out.join('')).toContain('--v1-retired');
		expect(io.out.join('')).toContain('--pat');
	});

	it('says so in one line and exits 1 when the port is taken', async () => {
		const first = createIo();
		const running = runMain(['--port', '0'], first);
		const port = new URL((await waitForRoots(first.out)).v1).port;
		const second = createIo();

		expect(await runMain(['--port', port], second)).toBe(1);
		expect(second.err).toEqual([`census simulator: cannot listen on port ${port} (EADDRINUSE)\n`]);
		first.stop();
		await running;
	});
});
