import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import xterm from '@xterm/headless';
import pty from 'node-pty';

// Drives the built CLI in a real pseudo-terminal and replays its output into a headless xterm, so tests
// read the screen a person would see. CI sets CI=true, which makes Ink render nothing live: children get
// CI removed (ink-stack.md §1.8).

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binPath = path.join(repoRoot, 'bin/census-watch.js');

export type PtyApp = {
	/** Every byte the app wrote, in order. */
	output(): string;
	bytes(): number;
	screen(): Promise<string[]>;
	screenText(): Promise<string>;
	waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
	press(keys: string): void;
	resize(columns: number, rows: number): void;
	exited: Promise<{exitCode: number; signal?: number}>;
	isAlternateScreen(): boolean;
	kill(signal?: string): void;
	pid: number;
};

export type SpawnOptions = {
	args: string[];
	columns?: number;
	rows?: number;
	env?: Record<string, string | undefined>;
	/** A temporary home for config and state unless given. */
	home?: string;
};

export const tempHome = (): string => mkdtempSync(path.join(tmpdir(), 'census-watch-test-'));

export const cleanEnv = (home: string, extra: Record<string, string | undefined> = {}): Record<string, string> => {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined || key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) continue;
		if (key === 'CENSUS_API_TOKEN' || key === 'SSH_CONNECTION' || key === 'SSH_TTY' || key === 'TMUX') continue;
		env[key] = value;
	}
	Object.assign(env, {
		CI: 'false',
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, 'config'),
		XDG_STATE_HOME: path.join(home, 'state'),
		TERM: 'xterm-256color',
		NODE_ENV: 'production',
		// The v1 retirement warning's clock: a day before it starts, so that no test depends on today's date.
		CENSUS_WATCH_NOW: '2026-11-30T00:00:00Z',
	});
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
};

export const spawnApp = (options: SpawnOptions): PtyApp => {
	const columns = options.columns ?? 120;
	const rows = options.rows ?? 40;
	const home = options.home ?? tempHome();
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 1000});
	const child = pty.spawn(process.execPath, [binPath, ...options.args], {
		cols: columns,
		rows,
		cwd: repoRoot,
		env: cleanEnv(home, options.env),
		name: 'xterm-256color',
	});
	let output = '';
	let bytes = 0;
	child.onData(data => {
		output += data;
		bytes += Buffer.byteLength(data);
		terminal.write(data);
	});
	const exited = new Promise<{exitCode: number; signal?: number}>(resolve => {
		child.onExit(event => resolve(event));
	});
	const flush = () =>
		new Promise<void>(resolve => {
			terminal.write('', resolve);
		});
	const screen = async () => {
		await flush();
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	};
	const screenText = async () => (await screen()).join('\n');
	return {
		output: () => output,
		bytes: () => bytes,
		screen,
		screenText,
		async waitForText(text, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const current = await screenText();
				if (typeof text === 'string' ? current.includes(text) : text.test(current)) return current;
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${current}`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		press(keys) {
			child.write(keys);
		},
		resize(newColumns, newRows) {
			child.resize(newColumns, newRows);
			terminal.resize(newColumns, newRows);
		},
		exited,
		isAlternateScreen: () => terminal.buffer.active.type === 'alternate',
		kill(signal) {
			child.kill(signal);
		},
		pid: child.pid,
	};
};

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	enter: '\r',
	escape: '\u001B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	ctrlC: '\u0003',
} as const;
