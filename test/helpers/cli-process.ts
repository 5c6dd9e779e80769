import {spawn} from 'node:child_process';
import {binPath, cleanEnv, repoRoot, tempHome} from './pty.js';

// The built CLI (`npm run build` first) as a process with stdout and stderr as pipes: what a script or a
// CI job sees.

export type CliProcess = {code: Promise<number | null>; stdout(): string; stderr(): string; kill(signal: NodeJS.Signals): void};

/** Starts the CLI with a clean environment plus `env`, in `home` (a fresh temporary one unless given). */
export function launchCli(args: string[], env: Record<string, string | undefined>, home = tempHome()): CliProcess {
	const child = spawn(process.execPath, [binPath, ...args], {cwd: repoRoot, env: cleanEnv(home, env), stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
	// Far less than the 20 s request timeout: a process still there was hanging on a stalled answer.
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	return {
		code: new Promise(resolve => {
			child.on('close', code => {
				clearTimeout(timer);
				resolve(code);
			});
		}),
		stdout: () => out,
		stderr: () => err,
		kill: signal => child.kill(signal),
	};
}

/** An output's lines without the empty ones. */
export const lines = (text: string): string[] => text.split('\n').filter(line => line !== '');
