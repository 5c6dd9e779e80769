import {execFileSync} from 'node:child_process';
import {clipboardPlan, multiplexerOf, type Env, type TmuxSetClipboard} from './terminal-sequences.js';

// `y`'s way to the clipboard: OSC 52, in the form what sits between the app and the terminal takes. Inside
// tmux that depends on tmux's `set-clipboard`, which only tmux can tell, so it is asked at copy time (the
// user may change it while the app runs).

const TMUX_QUERY_TIMEOUT_MS = 1000;

/** tmux's `set-clipboard` as the tmux server of this session has it, or null when tmux does not answer. */
export function readTmuxSetClipboard(env: Env): TmuxSetClipboard {
	try {
		const answer = execFileSync('tmux', ['show-options', '-gv', 'set-clipboard'], {
			env: env as NodeJS.ProcessEnv,
			encoding: 'utf8',
			timeout: TMUX_QUERY_TIMEOUT_MS,
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
		return answer === 'on' || answer === 'external' || answer === 'off' ? answer : null;
	} catch {
		return null;
	}
}

export type ClipboardOptions = {
	env: Env;
	write(sequence: string): void;
	/** Tests; tmux's answer otherwise. */
	tmuxSetClipboard?: (env: Env) => TmuxSetClipboard;
};

/** Sends `text` to the clipboard when it can get there; gives the line that says what happened. */
export function copyToClipboard(text: string, {env, write, tmuxSetClipboard = readTmuxSetClipboard}: ClipboardOptions): string {
	const multiplexer = multiplexerOf(env);
	const plan = clipboardPlan(text, {multiplexer, tmuxSetClipboard: multiplexer === 'tmux' ? tmuxSetClipboard(env) : null});
	if (plan.sequence !== null) write(plan.sequence);
	return plan.note;
}
