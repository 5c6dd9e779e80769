import {describe, expect, it} from 'vitest';
import {runMain} from '../../source/simulator/main.js';

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

describe('runMain', () => {
	it('prints the API root on one line, serves it, and stops when told to', async () => {
		const io = createIo();
		const exit = runMain(['--port', '0', '--seed', '3', '--speed', '10'], io);
		const line = await waitForLine(io.out);

		expect(line).toMatch(/^census simulator: http:\/\/127\.0\.0\.1:\d+\/api\/v1\n$/);
		const root = line.slice('census simulator: '.length).trim();
		const answer = await fetch(`${root}/syncs?per_page=1`, {headers: {authorization: 'Bearer t'}});
		expect(answer.status).toBe(200);

		io.stop();
		expect(await exit).toBe(0);
		expect(io.err).toEqual([]);
		await expect(fetch(`${root}/syncs`)).rejects.toThrow();
	});

	it('requires the token given with --token', async () => {
		const io = createIo();
		const exit = runMain(['--port', '0', '--token', 'secret-token:main'], io);
		const root = (await waitForLine(io.out)).slice('census simulator: '.length).trim();

		expect((await fetch(`${root}/syncs`, {headers: {authorization: 'Bearer other'}})).status).toBe(401);
		expect((await fetch(`${root}/syncs`, {headers: {authorization: 'Bearer secret-token:main'}})).status).toBe(200);
		expect(io.out.join('')).not.toContain('secret-token:main');
		io.stop();
		expect(await exit).toBe(0);
	});

	it('serves the chosen scenario and number of syncs', async () => {
		const io = createIo();
		const exit = runMain(['--port', '0', '--scenario', 'quiet', '--syncs', '3'], io);
		const root = (await waitForLine(io.out)).slice('census simulator: '.length).trim();
		const body = (await (await fetch(`${root}/syncs`, {headers: {authorization: 'Bearer t'}})).json()) as {data: unknown[]};

		expect(body.data).toHaveLength(3);
		io.stop();
		expect(await exit).toBe(0);
	});

	it.each([
		[['--bogus']],
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
	});

	it('says so in one line and exits 1 when the port is taken', async () => {
		const first = createIo();
		const running = runMain(['--port', '0'], first);
		const port = new URL((await waitForLine(first.out)).slice('census simulator: '.length).trim()).port;
		const second = createIo();

		expect(await runMain(['--port', port], second)).toBe(1);
		expect(second.err).toEqual([`census simulator: cannot listen on port ${port} (EADDRINUSE)\n`]);
		first.stop();
		await running;
	});
});
