import {formatDuration} from '../../text/format.js';
import {sanitizeText} from '../../text/sanitize.js';
import {historyPoint, type HistoryRun, type Regression, runRegressions, syncStats} from '../../runs/sync-history.js';

// A sync's history as numbers for --once and plain output (`--history N`): the figures of the history
// screen without its charts, in JSON (snake_case, like the rest of --json) and as one line of text.
// Times are ISO 8601 in UTC, so that the output reads the same in every time zone and in a log.

export type HistoryFiguresJson = {
	sync_id: number;
	/** Runs the figures are over (at most N). */
	runs: number;
	median_duration_ms: number | null;
	p90_duration_ms: number | null;
	/** Failed of completed + failed, 0..1. */
	failure_rate: number | null;
	streak: {outcome: 'completed' | 'failed'; count: number; since: string | null} | null;
	last_success: {run_id: number; created_at: string | null} | null;
};

const isoOf = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The figures over the newest `limit` of a sync's runs (newest first). */
export function historyFigures(syncId: number, runs: readonly HistoryRun[], limit: number, now: number): HistoryFiguresJson {
	const stats = syncStats(runs.slice(0, limit).map(run => historyPoint(run, now)));
	return {
		sync_id: syncId,
		runs: stats.runs,
		median_duration_ms: stats.medianMs,
		p90_duration_ms: stats.p90Ms,
		failure_rate: stats.failureRate,
		streak: stats.streak === null ? null : {outcome: stats.streak.outcome, count: stats.streak.count, since: isoOf(stats.streak.since)},
		last_success: stats.lastSuccess === null ? null : {run_id: stats.lastSuccess.id, created_at: isoOf(stats.lastSuccess.at)},
	};
}

/** How one run stands out from the runs before it in its sync's history. */
export function historyRegressions(runs: readonly HistoryRun[], runId: number, now: number): Regression[] {
	return runRegressions(
		runs.map(run => historyPoint(run, now)),
		runId,
	);
}

/** 'sync 42 Orders, last 20 runs: median 10m 00s, p90 11m 00s, 10% failed, 3 failures in a row since …, last success run 1234' */
export function historyFiguresLine(figures: HistoryFiguresJson, label: string | null): string {
	const name = label === null || label === '' ? `sync ${figures.sync_id}` : `sync ${figures.sync_id} ${sanitizeText(label)}`;
	const parts = [
		`median ${formatDuration(figures.median_duration_ms)}`,
		`p90 ${formatDuration(figures.p90_duration_ms)}`,
		figures.failure_rate === null ? 'no run completed or failed' : `${Math.round(figures.failure_rate * 100)}% failed`,
	];
	const {streak} = figures;
	if (streak !== null) {
		const word = streak.outcome === 'failed' ? 'failure' : 'success';
		const plural = streak.count === 1 ? word : streak.outcome === 'failed' ? 'failures' : 'successes';
		parts.push(`${streak.count} ${plural} in a row${streak.since === null ? '' : ` since ${streak.since}`}`);
	}

	parts.push(figures.last_success === null ? 'no success' : `last success run ${figures.last_success.run_id}`);
	return `${name}, last ${figures.runs} runs: ${parts.join(', ')}`;
}
