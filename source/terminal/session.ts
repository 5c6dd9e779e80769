// The terminal state the TUI changes (alternate screen, hidden cursor, window title, focus reporting) and
// its restoration. Restoring runs from a signal-exit handler registered alwaysLast, so quitting, Ctrl+C,
// SIGTERM, SIGHUP (a dropped SSH link) and a crash all give the user their shell screen back. Writes are
// synchronous: an exit handler gets no later turn of the event loop.
import {writeSync} from 'node:fs';
import {onExit} from 'signal-exit';
import {
	ENTER_ALT_SCREEN,
	FOCUS_REPORTING_OFF,
	FOCUS_REPORTING_ON,
	HIDE_CURSOR,
	MOUSE_REPORTING_OFF,
	MOUSE_REPORTING_ON,
	LEAVE_ALT_SCREEN,
	popTitle,
	pushTitle,
	setTitle,
	SHOW_CURSOR,
} from './terminal-sequences.js';

export type TerminalSessionOptions = {
	/** Synchronous write to the terminal; defaults to fd 1. */
	write?: (data: string) => void;
	/**
	 * Window title while the app runs; the previous one is pushed and popped back. A terminal without the
	 * title stack is left with an empty title, which it shows as its default, rather than a stale summary.
	 */
	title?: string;
	/**
	 * Ask the terminal for focus-in/out reports (ESC [ I / ESC [ O). Only for a stdin that takes them out
	 * of the input (focus-stdin.ts): Ink would otherwise hand them to key handlers as the text "[I".
	 */
	focusReporting?: boolean;
	/** Ask for mouse reports (wheel and presses, SGR form); like focus reports, only for focus-stdin.ts's stdin. */
	mouse?: boolean;
	/** Registers the restore-on-exit hook; signal-exit's onExit unless a test passes its own. */
	registerExit?: (restore: () => void) => () => void;
};

export type TerminalSession = {
	enter(): void;
	/** Restores the terminal; safe to call any number of times, writes only once. */
	leave(): void;
	readonly active: boolean;
};

const CURSOR_HOME_AND_CLEAR = '\u001B[H\u001B[2J';

const writeToStdout = (data: string): void => {
	try {
		writeSync(1, data);
	} catch {
		// The terminal is gone (hang-up, closed pipe): there is nothing left to restore.
	}
};

export function enterSequence(options: Pick<TerminalSessionOptions, 'title' | 'focusReporting' | 'mouse'>): string {
	const title = options.title === undefined ? '' : pushTitle() + setTitle(options.title);
	const mouse = options.mouse ? MOUSE_REPORTING_ON : '';
	return title + ENTER_ALT_SCREEN + CURSOR_HOME_AND_CLEAR + HIDE_CURSOR + (options.focusReporting ? FOCUS_REPORTING_ON : '') + mouse;
}

export function leaveSequence(options: Pick<TerminalSessionOptions, 'title' | 'focusReporting' | 'mouse'>): string {
	const title = options.title === undefined ? '' : setTitle('') + popTitle();
	const mouse = options.mouse ? MOUSE_REPORTING_OFF : '';
	return mouse + (options.focusReporting ? FOCUS_REPORTING_OFF : '') + SHOW_CURSOR + LEAVE_ALT_SCREEN + title;
}

export function createTerminalSession(options: TerminalSessionOptions = {}): TerminalSession {
	const write = options.write ?? writeToStdout;
	const registerExit = options.registerExit ?? (restore => onExit(restore, {alwaysLast: true}));
	let active = false;
	let unregister: (() => void) | null = null;

	const leave = () => {
		if (!active) return;
		active = false;
		write(leaveSequence(options));
		const remove = unregister;
		unregister = null;
		remove?.();
	};

	return {
		enter() {
			if (active) return;
			active = true;
			unregister = registerExit(() => {
				leave();
			});
			write(enterSequence(options));
		},
		leave,
		get active() {
			return active;
		},
	};
}
