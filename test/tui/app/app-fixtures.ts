import {BUDGET_WINDOW_MS} from '../../../source/polling/budget.js';
import {DEFAULT_SCHEDULER_CONFIG} from '../../../source/polling/config.js';
import type {AppActions, AppOptions} from '../../../source/tui/app.js';

// What the list, help and App tests give the App besides a store: its options, actions that do nothing,
// the bytes of the keys they press, and a frame's lines. The runs come from test/helpers/builders.ts.

/** What the CLI gives the screens without --interval: the poller's default interval. */
export const POLL_INTERVAL_MS = DEFAULT_SCHEDULER_CONFIG.intervalMs;

export const options = (overrides: Partial<AppOptions> = {}): AppOptions => ({
	demo: true,
	workspaceLabel: null,
	readOnly: false,
	ascii: false,
	animation: false,
	hyperlinks: false,
	baseUrl: 'http://127.0.0.1:4010/api/v1',
	workspaceId: null,
	pollIntervalMs: POLL_INTERVAL_MS,
	budgetWindowMs: BUDGET_WINDOW_MS,
	...overrides,
});

export const noActions = (): AppActions => ({
	refreshNow() {},
	setPaused() {},
	quit() {},
	copyToClipboard: () => 'copied',
	trigger: async () => Promise.reject(new Error('not in this test')),
	cancel: async () => Promise.reject(new Error('not in this test')),
});

export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

/** Lines of a frame, and their widths in cells. */
export const linesOf = (frame: string | undefined): string[] => (frame ?? '').split('\n');
