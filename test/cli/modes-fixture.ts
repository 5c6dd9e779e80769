// A mode's context against the scripted Census stand-in on 127.0.0.1: the real client, the real store
// and the real polling engine (at a fast interval), with stdout and stderr as in-memory streams.
import {PassThrough} from 'node:stream';
import {afterEach} from 'vitest';
import {createCensusClient} from '../../source/census/client.js';
import type {ModeContext, ModeSettings, ModeStream} from '../../source/cli/modes/types.js';
import {createPoller} from '../../source/polling/engine.js';
import type {WatchList} from '../../source/runs/model.js';
import {createRunStore} from '../../source/store/run-store.js';
import {startServer, success, type Scripted, type TestServer} from '../census/helpers.js';

export const TOKEN = 'secret-token:modes-test-4f9a';

export type Collector = ModeStream & {text(): string; lines(): string[]};

export function collector(isTTY = false): Collector {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', (chunk: Buffer) => {
		text += chunk.toString('utf8');
	});
	return Object.assign(stream, {
		isTTY,
		text: () => text,
		lines: () => text.split('\n').filter(line => line !== ''),
	});
}

/** A plain line without its leading time, which depends on the clock. */
export const withoutTime = (line: string): string => line.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ /, '');

export type Harness = {
	ctx: ModeContext;
	stdout: Collector;
	stderr: Collector;
	server: TestServer;
	abort: AbortController;
	close(): Promise<void>;
};

export type HarnessOptions = {
	watch: Partial<WatchList>;
	settings?: Partial<ModeSettings>;
	token?: string;
	stdoutIsTTY?: boolean;
	stderrIsTTY?: boolean;
	env?: Record<string, string>;
	/** The first look's client clock, when a test depends on the date. */
	clientNow?: () => number;
};

export async function harness(options: HarnessOptions): Promise<Harness> {
	const server = await startServer();
	const token = options.token ?? TOKEN;
	// The first look keeps a short retry so that "unreachable" is decided quickly; the poller retries on
	// its own schedule, as main sets it up.
	const api = createCensusClient({baseUrl: server.baseUrl, token, retry: {limit: 1, baseDelayMs: 10, maxDelayMs: 20}, now: options.clientNow});
	const pollerApi = createCensusClient({baseUrl: server.baseUrl, token, retry: {limit: 0}});
	const store = createRunStore({watch: {runIds: [], syncIds: [], all: false, ...options.watch}});
	const poller = createPoller({api: pollerApi, store, config: {intervalMs: 300, minGapMs: 100, backoff: {baseDelayMs: 100, maxDelayMs: 200}}});
	const stdout = collector(options.stdoutIsTTY);
	const stderr = collector(options.stderrIsTTY);
	const abort = new AbortController();
	const ctx: ModeContext = {
		api,
		store,
		poller,
		settings: {json: false, notify: 'none', timeoutMs: null, failFast: false, workspaceId: null, ...options.settings},
		stdout,
		stderr,
		env: options.env ?? {},
		signal: abort.signal,
	};
	return {
		ctx,
		stdout,
		stderr,
		server,
		abort,
		async close() {
			poller.stop();
			await server.close();
		},
	};
}

/** One run answer per call; the last one repeats (see startServer). */
/**
 * Call at a test file's top level: a `start` that builds a harness (then `prepare`s its server), closed
 * again after each test even when the test fails half-way.
 */
export function harnessPerTest(prepare: (started: Harness) => void = () => undefined): (options: HarnessOptions) => Promise<Harness> {
	let current: Harness | null = null;
	afterEach(async () => {
		await current?.close();
		current = null;
	});
	return async options => {
		current = await harness(options);
		prepare(current);
		return current;
	};
}

export const runAnswers = (...runs: Array<Record<string, unknown>>): Scripted[] => runs.map(run => success(run));

export const listAnswer = (runs: Array<Record<string, unknown>>): Scripted =>
	success(runs, {pagination: {total_records: runs.length, per_page: 10, prev_page: null, page: 1, next_page: null, last_page: 1}});
