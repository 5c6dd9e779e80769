import {runJson, stringifyJsonForTerminal} from '../../lib/run-json.js';
import {syncLabelOf} from '../../lib/run-line.js';
import {runPhase} from '../../lib/status.js';
import {machineTimeZone} from '../../lib/time-zone.js';
import {onceExitCode, summarizeVerdicts} from '../../lib/verdict.js';
import {EXIT_API_UNREACHABLE, type ExitCode} from '../exit-codes.js';
import {followedSyncLines, lookFailureCode, lookFailureLines, reportLookFailure, writeLine} from './messages.js';
import {formatRunTable, type TableRun} from './run-table.js';
import {takeSnapshot, type Snapshot} from './snapshot.js';
import type {ModeContext, ModeStream} from './types.js';

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

export async function runOnce(ctx: ModeContext): Promise<ExitCode> {
	const now = ctx.now ?? Date.now;
	const {watch} = ctx.store.getState();
	let snapshot: Snapshot;
	try {
		snapshot = await takeSnapshot(ctx.api, watch, ctx.signal);
	} catch (error) {
		return reportLookFailure(ctx, error);
	}

	for (const line of [...lookFailureLines(snapshot), ...followedSyncLines(snapshot, watch.syncIds)]) writeLine(ctx.stderr, line);
	const failed = lookFailureCode(snapshot);
	if (failed === EXIT_API_UNREACHABLE) return failed;
	const at = now();
	const rows: TableRun[] = snapshot.runs.map(({id, run, notFound}) => ({
		id,
		run,
		notFound,
		syncLabel: syncLabelOf(run === null ? undefined : snapshot.syncs.get(run.syncId)),
	}));

	if (ctx.settings.json) {
		const web = {baseUrl: ctx.api.baseUrl, workspaceId: ctx.settings.workspaceId};
		await writeAll(ctx.stdout, `${stringifyJsonForTerminal(rows.map(row => runJson({...row, observedAt: at, web})), 2)}\n`);
	} else if (rows.length === 0) {
		if (failed !== null) return failed;
		writeLine(ctx.stderr, 'census-watch: no runs to show');
	} else {
		await writeAll(ctx.stdout, `${formatRunTable(rows, at, ctx.timeZone ?? machineTimeZone()).join('\n')}\n`);
	}

	return failed ?? onceExitCode(summarizeVerdicts(rows.map(({id, run, notFound}) => ({id, phase: runPhase(run, notFound)}))));
}
