import {runJson, stringifyJsonForTerminal} from './run-json.js';
import {runPhase} from '../../runs/status.js';
import {machineTimeZone} from '../../text/time-zone.js';
import {onceExitCode, summarizeVerdicts} from './verdict.js';
import {EXIT_API_UNREACHABLE, type ExitCode} from '../exit-codes.js';
import {reportLookFailure, reportLookProblems, writeLine} from './messages.js';
import {formatRunTable, type TableRun} from './run-table.js';
import {takeSnapshot, type Snapshot} from './snapshot.js';
import {lookAtHistories, type HistoryLook} from './history-look.js';
import {historyFigures, historyFiguresLine, historyRegressions} from './history-figures.js';
import {sanitizeText} from '../../text/sanitize.js';
import type {ModeContext, ModeStream} from './types.js';
import {syncName} from '../../runs/sync-label.js';

// `--once`: one look at the watched runs, printed as a table (or with --json as a JSON array whose items
// hold the API's run object untouched under `run` and census-watch's own reading of it under `derived`),
// then the exit code: "still running" when a run shown has not ended, 0 otherwise. No poller: every run
// asked for by id is fetched, each followed sync's newest runs come from one list request. A run or sync
// that could not be read gets a line on stderr and the exit code says so; the others are shown all the same.

/**
 * Resolves once the stream has taken the text, so that main can exit without cutting it short. A reader
 * that went away (a closed pipe) is not an error worth a crash: there is nobody left to tell. The stream
 * reports that after the write's callback, so the listener stays: this is the process's last output.
 */
const writeAll = (stream: ModeStream, text: string): Promise<void> =>
	new Promise(resolve => {
		stream.once('error', () => undefined);
		stream.write(text, () => {
			resolve();
		});
	});

/** Under the table: each sync's figures, then the runs shown that stand out from it. */
function historyLines(rows: readonly TableRun[], look: HistoryLook, limit: number, snapshot: Snapshot, at: number): string[] {
	const lines = [''];
	for (const [syncId, runs] of look.histories) {
		lines.push(historyFiguresLine(historyFigures(syncId, runs, limit, at), syncName(snapshot.syncs.get(syncId))));
		for (const row of rows) {
			if (row.run?.syncId !== syncId) continue;
			for (const {sentence} of historyRegressions(runs, row.id, at)) lines.push(`  run ${row.id}: ${sentence}`);
		}
	}

	return lines;
}

export async function runOnce(ctx: ModeContext): Promise<ExitCode> {
	const now = ctx.now ?? Date.now;
	const {watch} = ctx.store.getState();
	let snapshot: Snapshot;
	try {
		snapshot = await takeSnapshot(ctx.api, watch, ctx.signal);
	} catch (error) {
		return reportLookFailure(ctx, error);
	}

	const failed = reportLookProblems(ctx, snapshot, watch.syncIds);
	if (failed === EXIT_API_UNREACHABLE) return failed;
	const at = now();
	const rows: TableRun[] = snapshot.runs.map(({id, run, notFound}) => ({
		id,
		run,
		notFound,
		syncLabel: syncName(run === null ? undefined : snapshot.syncs.get(run.syncId)),
	}));

	const limit = ctx.settings.historyRuns ?? null;
	let history: HistoryLook | null = null;
	if (limit !== null) {
		const syncIds = [...new Set(rows.flatMap(row => (row.run === null ? [] : [row.run.syncId])))];
		try {
			history = await lookAtHistories(ctx.api, syncIds, limit, ctx.signal);
		} catch (error) {
			return reportLookFailure(ctx, error);
		}

		for (const {syncId, reason} of history.failures) writeLine(ctx.stderr, `census-watch: the history of sync ${syncId} could not be read: ${sanitizeText(reason)}`);
	}

	if (ctx.settings.json) {
		const web = {baseUrl: ctx.api.baseUrl, workspaceId: ctx.settings.workspaceId};
		const items = rows.map(row => {
			const item = runJson({...row, observedAt: at, web});
			const runs = row.run === null ? undefined : history?.histories.get(row.run.syncId);
			if (runs === undefined || row.run === null || limit === null) return item;
			const regressions = historyRegressions(runs, row.id, at).map(({kind, sentence}) => ({kind, sentence}));
			return {...item, history: {...historyFigures(row.run.syncId, runs, limit, at), regressions}};
		});
		await writeAll(ctx.stdout, `${stringifyJsonForTerminal(items, 2)}\n`);
	} else if (rows.length === 0) {
		if (failed !== null) return failed;
		writeLine(ctx.stderr, 'census-watch: no runs to show');
	} else {
		const lines = formatRunTable(rows, at, ctx.timeZone ?? machineTimeZone());
		if (history !== null && limit !== null) lines.push(...historyLines(rows, history, limit, snapshot, at));
		await writeAll(ctx.stdout, `${lines.join('\n')}\n`);
	}

	return failed ?? onceExitCode(summarizeVerdicts(rows.map(({id, run, notFound}) => ({id, phase: runPhase(run, notFound)}))));
}
