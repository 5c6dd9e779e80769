// npm run bench: drives the BUILT CLI in a real pseudo-terminal against the built simulator and prints one
// table of what the app costs (terminal bytes, CPU, memory, API requests, start-up), each figure beside
// its budget and, where a baseline exists, as a ratio to it measured in the same run.
//
// Knobs (environment): BENCH_BUSY_S (busy window, default 60), BENCH_IDLE_S (idle window, default 20),
// BENCH_STARTS (repetitions of the start-up timings, default 5), BENCH_ONLY (comma list of scenario names).
import {readFileSync} from 'node:fs';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import {startSimulator} from '../../dist/simulator/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/census-watch.js');
const COLUMNS = 120;
const ROWS = 40;
const SCREEN_CELLS = COLUMNS * ROWS;
const INTERVAL_S = 5;
// A busy window of a whole minute: the request budget is a sliding minute, so a minute measures its
// steady rate whatever the pace within it.
const BUSY_S = Number(process.env.BENCH_BUSY_S ?? 60);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 20);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
const CLOCK_TICKS = 100;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const childEnv = home => {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key === 'CI' || key.startsWith('CI_') || key === 'CENSUS_API_TOKEN' || key.startsWith('SSH_') || key === 'TMUX') continue;
		env[key] = value;
	}
	return {...env, HOME: home, XDG_STATE_HOME: path.join(home, 'state'), XDG_CONFIG_HOME: path.join(home, 'config'), TERM: 'xterm-256color'};
};

/** utime + stime of a process, in seconds. */
const cpuSeconds = pid => {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
};

const rssMb = pid => {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : Number.NaN;
};

const launch = (args, extraEnv = {}) => {
	const home = mkdtempSync(path.join(tmpdir(), 'census-watch-bench-'));
	const terminal = new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true});
	const startedAt = performance.now();
	const child = pty.spawn(process.execPath, [bin, ...args], {cols: COLUMNS, rows: ROWS, cwd: root, env: {...childEnv(home), ...extraEnv}, name: 'xterm-256color'});
	let bytes = 0;
	child.onData(data => {
		bytes += Buffer.byteLength(data);
		terminal.write(data);
	});
	const exited = new Promise(resolve => child.onExit(resolve));
	const screen = () =>
		new Promise(resolve =>
			terminal.write('', () => {
				const lines = [];
				for (let row = 0; row < ROWS; row++) lines.push(terminal.buffer.active.getLine(row)?.translateToString(true) ?? '');
				resolve(lines.join('\n'));
			}),
		);
	const waitFor = async (test, timeoutMs = 20_000) => {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const text = await screen();
			if (test(text)) return performance.now();
			if (performance.now() > deadline) throw new Error(`bench: timed out; screen:\n${text}`);
			await sleep(10);
		}
	};
	return {
		child,
		startedAt,
		bytes: () => bytes,
		waitFor,
		async quit() {
			child.write('q');
			const timeout = sleep(5000).then(() => child.kill('SIGKILL'));
			await Promise.race([exited, timeout]);
		},
	};
};

/** Starts of a bare `node -e` in the same pseudo-terminal: the floor under any Node CLI's start-up. */
const bareNodeStartMs = async () => {
	const started = performance.now();
	const child = pty.spawn(process.execPath, ['-e', "process.stdout.write('ready')"], {cols: COLUMNS, rows: ROWS, cwd: root, env: process.env});
	return new Promise(resolve => {
		let done = false;
		child.onData(data => {
			if (!done && data.includes('ready')) {
				done = true;
				resolve(performance.now() - started);
			}
		});
	});
};

/** A window of steady running: bytes, CPU and requests between two moments. */
const measureWindow = async (app, sim, seconds, watchedIds) => {
	const watched = new Set(watchedIds);
	const bytes0 = app.bytes();
	const cpu0 = cpuSeconds(app.child.pid);
	const rss0 = rssMb(app.child.pid);
	sim.clearRequests();
	const t0 = performance.now();
	await sleep(seconds * 1000);
	const elapsed = (performance.now() - t0) / 1000;
	const requests = sim.requests.length;
	// What the window's requests were, by endpoint and page size: a screen that fetched for itself would
	// show up here as a route or a per_page the list minute never sent.
	const mix = {};
	for (const entry of sim.requests) {
		const key = `${entry.route ?? entry.path}${entry.query.per_page ? ` per_page=${entry.query.per_page}` : ''}`;
		mix[key] = (mix[key] ?? 0) + 1;
	}
	const runFetches = sim.requests.filter(entry => {
		const match = /^\/?sync_runs\/(\d+)$/.exec(entry.path);
		return match && !watched.has(Number(match[1]));
	}).length;
	return {
		bytesPerSecond: (app.bytes() - bytes0) / elapsed,
		cpuPerMinute: ((cpuSeconds(app.child.pid) - cpu0) / elapsed) * 60,
		rssStart: rss0,
		rssEnd: rssMb(app.child.pid),
		requestsPerMinute: (requests / elapsed) * 60,
		mix,
		strayRunFetches: runFetches,
	};
};

const endAll = (sim, ids) => {
	const now = new Date(sim.clock.now()).toISOString();
	for (const id of ids) {
		const run = sim.world.getRun(id);
		if (run && run.status !== 'completed' && run.status !== 'failed' && run.status !== 'skipped') {
			sim.world.updateRun(id, {status: 'completed', completed_at: now, updated_at: now});
		}
	}
};

/** Run ids of a busy workspace: every working run first, then the newest ended ones, up to count. */
const pickRuns = (sim, count) => {
	const working = [];
	const ended = [];
	for (const syncId of sim.world.syncIds()) {
		for (const runId of sim.world.runIds(syncId)) {
			const run = sim.world.getRun(runId);
			(run.status === 'working' || run.status === 'queued' ? working : ended).push(runId);
		}
	}
	ended.sort((a, b) => b - a);
	return [...working, ...ended].slice(0, count);
};

/**
 * Runs watched by id are unknown until their first answer (which sync they belong to, whether they have
 * ended), so each costs one GET at first; at the default budget 500 runs take a few minutes to load.
 * The windows measure the steady state after that.
 */
const waitUntilLoaded = async (sim, ids) => {
	const deadline = performance.now() + 15 * 60_000;
	for (;;) {
		const fetched = new Set(sim.requests.map(entry => /^\/?sync_runs\/(\d+)$/.exec(entry.path)?.[1]).filter(Boolean).map(Number));
		if (ids.every(id => fetched.has(id))) return;
		if (performance.now() > deadline) throw new Error('bench: runs did not load');
		await sleep(500);
	}
};

/** Waits until the simulator has heard nothing for `ms` (the final fetches of ended runs are over). */
const quiet = async (sim, ms) => {
	const deadline = performance.now() + 5 * 60_000;
	for (;;) {
		const last = sim.requests.at(-1)?.at ?? 0;
		if (sim.clock.now() - last >= ms) return;
		if (performance.now() > deadline) throw new Error('bench: the app never went quiet after every run ended');
		await sleep(500);
	}
};

const scenarioRuns = async (name, count) => {
	const sim = await startSimulator({scenario: 'busy', seed: 7, syncs: 10, workingAtStart: 10, workingPerSync: 5, history: 50, runDurationMs: 60 * 60 * 1000, schedulesPaused: true, requestLogLimit: 1_000_000});
	try {
		const ids = pickRuns(sim, count);
		const working = ids.filter(id => sim.world.getRun(id).status === 'working').length;
		const app = launch(['--base-url', sim.url, '--token', 'bench-token', ...ids.map(String)]);
		app.child.write('');
		const firstData = await app.waitFor(text => /(working|completed|failed)\s+\d{3,}/.test(text));
		await waitUntilLoaded(sim, ids);
		// The first fetch of every run counts against the sliding minute's budget: the busy window starts
		// once that minute has passed, when polling has reached its steady state.
		await sleep(60_000);
		const busy = await measureWindow(app, sim, BUSY_S, ids);
		// The same minute with the selected run's sync history open (`h`): its page is fetched once, then
		// kept fresh by the list pages already sent, so the request rate must not move.
		app.child.write('h');
		await app.waitFor(text => text.includes('History of') && text.includes('Duration per run'));
		const history = await measureWindow(app, sim, BUSY_S, ids);
		app.child.write('\u001B');
		await app.waitFor(text => !text.includes('History of'));
		// The list minute again, after the screen closed: the order of the windows must not explain a
		// difference between the first two.
		const after = await measureWindow(app, sim, BUSY_S, ids);
		endAll(sim, ids);
		await app.waitFor(text => !/working/.test(text), 5 * 60_000);
		await quiet(sim, 10_000);
		const idle = await measureWindow(app, sim, IDLE_S, ids);
		await app.quit();
		return {name, watched: ids.length, working, busy, idle, firstDataMs: firstData - app.startedAt, history, after};
	} finally {
		await sim.close();
	}
};

const scenarioAll = async () => {
	const sim = await startSimulator({scenario: 'demo', seed: 11, syncs: 200, history: 3, workingAtStart: 20, requestLogLimit: 1_000_000});
	try {
		const app = launch(['--base-url', sim.url, '--token', 'bench-token', '--all']);
		const firstData = await app.waitFor(text => /working|completed|failed/.test(text), 30_000);
		await sleep(3000);
		const busy = await measureWindow(app, sim, BUSY_S, []);
		await app.quit();
		return {name: '--all, 200 syncs', watched: 200, working: 20, busy, idle: null, firstDataMs: firstData - app.startedAt, perSync: true};
	} finally {
		await sim.close();
	}
};

const startup = async () => {
	const sim = await startSimulator({scenario: 'busy', seed: 3, syncs: 10, workingAtStart: 10, workingPerSync: 5, runDurationMs: 60 * 60 * 1000, schedulesPaused: true});
	const appMs = [];
	const nodeMs = [];
	try {
		const ids = pickRuns(sim, 10);
		for (let index = 0; index < STARTS; index++) {
			const app = launch(['--base-url', sim.url, '--token', 'bench-token', ...ids.map(String)]);
			appMs.push((await app.waitFor(text => text.includes(String(ids[0])) && /working/.test(text))) - app.startedAt);
			await app.quit();
			nodeMs.push(await bareNodeStartMs());
		}
	} finally {
		await sim.close();
	}
	return {appMs: median(appMs), nodeMs: median(nodeMs)};
};

const fmt = (value, digits = 2) => (value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));

const main = async () => {
	const wanted = name => !ONLY || ONLY.includes(name);
	const results = [];
	for (const count of [10, 100, 500]) {
		if (wanted(String(count))) results.push(await scenarioRuns(`${count} runs`, count));
	}
	if (wanted('all')) results.push(await scenarioAll());
	const start = wanted('start') ? await startup() : null;

	const lines = [];
	lines.push(`census-watch bench · ${COLUMNS}x${ROWS} pty · interval ${INTERVAL_S}s · busy ${BUSY_S}s, idle ${IDLE_S}s windows · node ${process.version}`);
	lines.push('');
	lines.push('| scenario | watched (working) | busy B/s | busy redraws/s (≤0.5) | idle redraws/s (≤0.02) | busy CPU s/min (≤3) | RSS MB start→end (≤150) | req/min | req per run/min (≤4) | naive req/min | vs naive (≤0.20) | idle req/min | first data ms |');
	lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	const rows = results.flatMap(found =>
		found.history
			? [found, {...found, name: `${found.name}, history open`, busy: found.history, idle: null, firstDataMs: null}, {...found, name: `${found.name}, list again`, busy: found.after, idle: null, firstDataMs: null}]
			: [found],
	);
	for (const result of rows) {
		const {busy, idle} = result;
		const naive = (result.working * 60) / INTERVAL_S;
		lines.push(
			`| ${result.name} | ${result.watched} (${result.working}) | ${fmt(busy.bytesPerSecond, 0)} | ${fmt(busy.bytesPerSecond / SCREEN_CELLS, 3)} | ${idle ? fmt(idle.bytesPerSecond / SCREEN_CELLS, 4) : '—'} | ${fmt(busy.cpuPerMinute)} | ${fmt(busy.rssStart, 0)}→${fmt(busy.rssEnd, 0)} | ${fmt(busy.requestsPerMinute, 1)} | ${fmt(busy.requestsPerMinute / result.watched, 3)} | ${fmt(naive, 0)} | ${fmt(busy.requestsPerMinute / naive, 3)} | ${idle ? fmt(idle.requestsPerMinute, 1) : '—'} | ${fmt(result.firstDataMs, 0)} |`,
		);
	}
	lines.push('');
	lines.push('requests per window, by endpoint (and per_page):');
	for (const result of rows) {
		const mix = Object.entries(result.busy.mix ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => `${key}: ${count}`).join(', ');
		lines.push(`- ${result.name}: ${mix}`);
	}
	if (start) {
		lines.push('');
		lines.push(`start-up, median of ${STARTS}: launch → first frame with data ${fmt(start.appMs, 0)} ms (budget 1000) · bare \`node -e\` → first byte ${fmt(start.nodeMs, 0)} ms · ratio ${fmt(start.appMs / start.nodeMs, 1)}x`);
	}
	lines.push('');
	lines.push('redraws/s = bytes written per second ÷ (columns × rows). naive = one GET /sync_runs/{id} per working run per interval.');
	console.log(lines.join('\n'));
};

await main();
process.exit(0);
