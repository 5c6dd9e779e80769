import type {RunEntry} from '../runs/model.js';
import type {RunModel} from './model.js';
import {formatDuration, parseIsoTime} from '../text/format.js';
import {sanitizeText} from '../text/sanitize.js';
import {hasRejections, isTerminalPhase, runPhase, statusGlyph} from './status.js';
import {truncateToWidth} from '../text/text.js';
import {syncDisplayLabel} from './sync-label.js';

// What ended while the terminal was out of focus, from the store as it was when focus left and as it is
// when focus comes back. Failures are named one by one (they need a look); other endings are counted.

/** Shorter absences are a glance at another window: nothing worth a digest. */
export const AWAY_MIN_MS = 30_000;

const MAX_CODE_WIDTH = 40;

export type AwaySnapshot = {at: number; runs: RunModel['runs']};

export type AwayFailure = {runId: number; syncId: number; syncLabel: string; errorCode: string | null};

export type AwayDigest = {
	awayMs: number;
	/** Newest first. */
	failed: AwayFailure[];
	completed: number;
	/** Of the completed runs, those whose destination rejected records. */
	rejected: number;
	skipped: number;
	canceled: number;
};

/** When a run ended as far as the API says, for runs that were not on screen yet when focus left. */
const endedAt = (entry: RunEntry): number | null => parseIsoTime(entry.run?.completedAt ?? null) ?? parseIsoTime(entry.run?.updatedAt ?? null);

/**
 * A run ended while away if it was moving when focus left, or if it was not known yet then (a followed
 * sync's new run, a run still loading) and the API says it ended after focus left: the old runs a
 * followed sync brings in are not news.
 */
function endedWhileAway(entry: RunEntry, before: RunEntry | undefined, since: number): boolean {
	if (entry.run === null || !isTerminalPhase(runPhase(entry.run, entry.notFound))) return false;
	if (before?.run) return !isTerminalPhase(runPhase(before.run, before.notFound));
	const at = endedAt(entry);
	return at !== null && at >= since;
}

/** The digest of an absence, or null when it was short or nothing ended meanwhile. */
export function awayDigest(
	before: AwaySnapshot,
	now: Pick<RunModel, 'runs' | 'runOrder' | 'syncs'>,
	at: number,
	minAwayMs = AWAY_MIN_MS,
): AwayDigest | null {
	const awayMs = at - before.at;
	if (awayMs < minAwayMs) return null;
	const digest: AwayDigest = {awayMs, failed: [], completed: 0, rejected: 0, skipped: 0, canceled: 0};
	for (const id of now.runOrder) {
		const entry = now.runs[id];
		if (entry?.run == null || !endedWhileAway(entry, before.runs[id], before.at)) continue;
		const {run} = entry;
		const phase = runPhase(run, entry.notFound);
		if (phase === 'failed') {
			const code = sanitizeText(run.errorCode).trim();
			digest.failed.push({
				runId: run.id,
				syncId: run.syncId,
				syncLabel: syncDisplayLabel(now.syncs, run.syncId),
				errorCode: code === '' ? null : truncateToWidth(code, MAX_CODE_WIDTH),
			});
		} else if (phase === 'completed') {
			digest.completed++;
			if (hasRejections(run)) digest.rejected++;
		} else if (phase === 'skipped') {
			digest.skipped++;
		} else if (phase === 'canceled') {
			digest.canceled++;
		}
	}

	const happened = digest.failed.length + digest.completed + digest.skipped + digest.canceled;
	return happened === 0 ? null : digest;
}

/** '45s', '12m', '2h 05m': an absence needs no seconds once it counts minutes. */
export function awayFor(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	if (minutes >= 1 && minutes < 60) return `${minutes}m`;
	return formatDuration(ms);
}

export const digestTitle = (digest: AwayDigest): string => `While you were away (${awayFor(digest.awayMs)})`;

/** One line per failure (newest first), then one line of counts; sanitised, not yet cut to a width. */
export function digestLines(digest: AwayDigest, options: {ascii: boolean}): string[] {
	const glyph = (phase: 'failed' | 'completed' | 'skipped' | 'canceled') => statusGlyph(phase, options.ascii);
	const lines = digest.failed.map(
		failure =>
			`${glyph('failed')} run ${failure.runId} ${failure.syncLabel} failed${failure.errorCode === null ? '' : ` (${failure.errorCode})`}`,
	);
	const counts: string[] = [];
	if (digest.completed > 0) {
		const rejected = digest.rejected > 0 ? ` (${digest.rejected} with rejected records)` : '';
		counts.push(`${glyph('completed')} ${digest.completed} completed${rejected}`);
	}

	if (digest.skipped > 0) counts.push(`${glyph('skipped')} ${digest.skipped} skipped`);
	if (digest.canceled > 0) counts.push(`${glyph('canceled')} ${digest.canceled} canceled`);
	if (counts.length > 0) lines.push(counts.join(options.ascii ? ' | ' : ' · '));
	return lines;
}
