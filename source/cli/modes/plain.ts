import {runJson, stringifyJsonForTerminal} from './run-json.js';
import {runLine} from './run-line.js';
import type {RunEntry} from '../../runs/model.js';
import type {RunStore} from '../../store/run-store.js';
import {EXIT_OK, type ExitCode} from '../exit-codes.js';
import {changedRuns} from './changes.js';
import type {ModeContext} from './types.js';
import {writeLine} from './messages.js';
import {pollUntil} from './wait.js';
import {historyFigures, historyFiguresLine} from './history-figures.js';
import {syncName} from '../../runs/sync-label.js';

// Output for a stdout that is not a terminal (a pipe, a file, a CI log): the poller runs as for the TUI
// and each watched run gets a line when it first answers, when its status changes and when it moves to
// another step (see changes.ts), with --json as one JSON object per line. It runs until nothing watched can
// change any more (every run ended and no sync followed), until interrupted, until the token is rejected,
// or until the reader of the pipe goes away.

export type LinePrinter = (state: RunStore) => void;

/** A printer that writes a line for each run whose line changed; `include` picks the runs it speaks for. */
export function createLinePrinter(ctx: ModeContext, include: (entry: RunEntry) => boolean = () => true): LinePrinter {
	const now = ctx.now ?? Date.now;
	let keys = new Map<number, string>();
	let lastRuns: RunStore['runs'] | null = null;
	return state => {
		if (state.runs === lastRuns) return;
		lastRuns = state.runs;
		const changes = changedRuns(keys, Object.values(state.runs).filter(include));
		keys = changes.keys;
		const at = now();
		for (const entry of changes.changed) {
			const input = {id: entry.id, run: entry.run, notFound: entry.notFound, syncLabel: syncName(entry.run ? state.syncs[entry.run.syncId] : undefined)};
			const text = ctx.settings.json
				? stringifyJsonForTerminal(runJson({...input, observedAt: at, web: {baseUrl: ctx.api.baseUrl, workspaceId: ctx.settings.workspaceId}}))
				: runLine({...input, at});
			writeLine(ctx.stdout, text);
		}
	};
}

/**
 * `--history N`: asks the poller for the history of each watched run's sync (one page per sync, within
 * its budget) and writes the sync's figures when that page arrives: a line of text, or with --json one
 * object `{"sync_history": …}` (it has no `run`, so a reader of run lines tells it apart).
 */
function createHistoryPrinter(ctx: ModeContext, limit: number): LinePrinter {
	const now = ctx.now ?? Date.now;
	const printed = new Map<number, number>();
	return state => {
		for (const entry of Object.values(state.runs)) if (entry.run) state.wantSyncHistory(entry.run.syncId);
		for (const [key, history] of Object.entries(state.syncHistory)) {
			const syncId = Number(key);
			if (printed.get(syncId) === history.fetchedAt) continue;
			printed.set(syncId, history.fetchedAt);
			const figures = historyFigures(syncId, history.runs, limit, now());
			writeLine(
				ctx.stdout,
				ctx.settings.json
					? stringifyJsonForTerminal({sync_history: figures})
					: `history: ${historyFiguresLine(figures, syncName(state.syncs[syncId]))}`,
			);
		}
	};
}

export function runPlain(ctx: ModeContext): Promise<ExitCode> {
	const lines = createLinePrinter(ctx);
	const limit = ctx.settings.historyRuns ?? null;
	const history = limit === null ? null : createHistoryPrinter(ctx, limit);
	return pollUntil(ctx, {
		onState(state) {
			lines(state);
			history?.(state);
		},
		decide: () => null,
		timeoutMs: null,
		onTimeout: () => EXIT_OK,
		onAbort: () => EXIT_OK,
		onIdle: () => EXIT_OK,
		onOutputClosed: () => EXIT_OK,
	});
}
