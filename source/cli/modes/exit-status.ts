import {formatDuration} from '../../text/format.js';
import {isTerminalPhase, runPhase, statusWord, type RunPhase} from '../../runs/status.js';
import {exitStatusCode, summarizeVerdicts, type VerdictSummary} from './verdict.js';
import type {RunStore} from '../../store/run-store.js';
import {EXIT_API_UNREACHABLE, EXIT_INCOMPLETE, EXIT_OK, EXIT_RUN_NOT_COMPLETED, EXIT_TIMEOUT, EXIT_TOKEN_REJECTED, type ExitCode} from '../exit-codes.js';
import {reportLookFailure, reportLookProblems, writeLine} from './messages.js';
import {createLinePrinter} from './plain.js';
import {takeSnapshot, type Snapshot} from './snapshot.js';
import type {ModeContext} from './types.js';
import {pollUntil} from './wait.js';

// `--exit-status`: wait until every watched run has ended, then exit 0 if all completed and 1 otherwise
// (at once on the first one that did not complete with --fail-fast; 5 when --timeout runs out first).
// What "every watched run" means is settled by a first look before the poller starts: the runs asked for
// by id, and for each followed sync the runs that were moving then, or its newest run when none was, so
// that a sync that starts a run every minute cannot keep the wait going for ever. A followed sync that
// does not exist counts as a run that did not complete. A run or sync the first look could not read is
// named on stderr and left out of the wait; if everything else completed, the exit code says "incomplete".
// --timeout counts from the start, first look included: a hanging API cannot stretch it.

/** The runs the wait is about, from the first look. */
export function pinTargets(snapshot: Snapshot): number[] {
	const targets = new Set<number>();
	const phases = new Map(snapshot.runs.map(entry => [entry.id, runPhase(entry.run, entry.notFound)]));
	for (const entry of snapshot.runs) if (entry.origin === 'id') targets.add(entry.id);
	for (const ids of snapshot.followed.values()) {
		if (ids === 'not_found') continue;
		const moving = ids.filter(id => !isTerminalPhase(phases.get(id) ?? 'unknown'));
		const newest = ids[0];
		for (const id of moving.length > 0 ? moving : newest === undefined ? [] : [newest]) targets.add(id);
	}

	return [...targets];
}

const MAX_LISTED = 5;

const listed = (items: readonly string[]): string =>
	items.length <= MAX_LISTED ? items.join(', ') : `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;

function runsWord(count: number): string {
	return count === 1 ? '1 watched run' : `${count} watched runs`;
}

/** The last line, on stderr: why the wait ended. */
export function summaryLine(
	code: ExitCode,
	summary: VerdictSummary,
	words: ReadonlyMap<number, string>,
	details: {missingSyncs: readonly number[]; waitedMs: number; interrupted: boolean; unread?: readonly string[]},
): string | null {
	const total = summary.completed.length + summary.notCompleted.length + summary.pending.length;
	switch (code) {
		case EXIT_OK: {
			const skipped = summary.ignoredSkipped;
			const ignored = skipped.length === 0 ? '' : ` (skipped, ignored: ${listed(skipped.map(id => `run ${id}`))})`;
			return `census-watch: ${total === 1 ? 'the watched run' : `all ${runsWord(total)}`} completed${ignored}`;
		}

		case EXIT_INCOMPLETE: {
			const unread = details.unread ?? [];
			return `census-watch: ${total === 1 ? 'the watched run' : `all ${runsWord(total)}`} completed, but ${listed(unread)} could not be read`;
		}

		case EXIT_RUN_NOT_COMPLETED: {
			const what = [
				...summary.notCompleted.map(id => `run ${id} ${words.get(id) ?? 'did not complete'}`),
				...details.missingSyncs.map(id => `sync ${id} not found`),
			];
			const count = summary.notCompleted.length;
			const head = count === 0 ? 'a followed sync was not found' : `${count} of ${runsWord(total)} did not complete`;
			return `census-watch: ${head}: ${listed(what)}`;
		}

		case EXIT_TIMEOUT: {
			const pending = `${summary.pending.length} of ${runsWord(total)} still running: ${listed(summary.pending.map(String))}`;
			return details.interrupted
				? `census-watch: stopped with ${pending}`
				: `census-watch: timed out after ${formatDuration(details.waitedMs)} with ${pending}`;
		}

		default: {
			return null;
		}
	}
}

/** A signal that aborts with `signal`, or when `timeoutMs` has passed (never when null). */
function deadline(signal: AbortSignal | undefined, timeoutMs: number | null) {
	const controller = new AbortController();
	let expired = false;
	const stop = (): void => {
		controller.abort();
	};

	const timer = timeoutMs === null ? undefined : setTimeout(() => {
		expired = true;
		stop();
	}, timeoutMs);
	signal?.addEventListener('abort', stop, {once: true});
	if (signal?.aborted === true) stop();
	return {
		signal: controller.signal,
		expired: () => expired,
		dispose() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', stop);
		},
	};
}

export async function runExitStatus(ctx: ModeContext): Promise<ExitCode> {
	const now = ctx.now ?? Date.now;
	const startedAt = Date.now();
	const {timeoutMs} = ctx.settings;
	const {watch} = ctx.store.getState();
	let snapshot: Snapshot;
	const look = deadline(ctx.signal, timeoutMs);
	try {
		snapshot = await takeSnapshot(ctx.api, watch, look.signal);
	} catch (error) {
		if (!look.expired()) return reportLookFailure(ctx, error);
		writeLine(ctx.stderr, `census-watch: timed out after ${formatDuration(Date.now() - startedAt)} before the Census API answered`);
		return EXIT_TIMEOUT;
	} finally {
		look.dispose();
	}

	const failed = reportLookProblems(ctx, snapshot, watch.syncIds);
	if (failed === EXIT_API_UNREACHABLE) return failed;
	const at = now();
	const store = ctx.store.getState();
	// The poller starts from what the first look saw instead of asking for it all again.
	store.upsertSyncs([...snapshot.syncs.values()], at);
	for (const origin of ['id', 'follow'] as const) {
		store.applyRuns(snapshot.runs.flatMap(entry => (entry.origin === origin && entry.run !== null ? [entry.run] : [])), at, {origin});
	}

	for (const entry of snapshot.runs) if (entry.notFound) store.markNotFound(entry.id, at);

	const targets = pinTargets(snapshot);
	const missingSyncs = [...snapshot.followed].flatMap(([syncId, ids]) => (ids === 'not_found' ? [syncId] : []));
	if (targets.length === 0 && missingSyncs.length === 0) {
		if (failed !== null) return failed;
		writeLine(ctx.stderr, 'census-watch: nothing to wait for: no watched runs');
		return EXIT_OK;
	}

	// A target the store lets go of (an old followed run pruned) keeps the phase it was last seen with.
	const phases = new Map<number, RunPhase>(snapshot.runs.map(entry => [entry.id, runPhase(entry.run, entry.notFound)]));
	const words = new Map<number, string>();
	const summarize = (state: RunStore): VerdictSummary => {
		for (const id of targets) {
			const entry = state.runs[id];
			if (entry !== undefined && (entry.run !== null || entry.notFound)) {
				phases.set(id, runPhase(entry.run, entry.notFound));
				words.set(id, statusWord(entry.run, entry.notFound));
			}
		}

		const summary = summarizeVerdicts(
			targets.map(id => ({id, phase: phases.get(id) ?? 'unknown'})),
			{ignoreSkipped: ctx.settings.ignoreSkipped},
		);
		return missingSyncs.length === 0 ? summary : {...summary, anyNotCompleted: true, allCompleted: false};
	};

	const {failFast} = ctx.settings;
	const targetSet = new Set(targets);
	let interrupted = false;
	// Stopped from outside (a signal), or no answer can come any more (a run the wait is about can no
	// longer be polled): what is known is the verdict so far, else "still running".
	const stopped = (state: RunStore): ExitCode => {
		interrupted = true;
		return exitStatusCode(summarize(state), {failFast, timedOut: true}) ?? EXIT_TIMEOUT;
	};

	const waited = await pollUntil(ctx, {
		onState: createLinePrinter(ctx, entry => targetSet.has(entry.id)),
		decide: state => exitStatusCode(summarize(state), {failFast, timedOut: false}),
		timeoutMs: timeoutMs === null ? null : Math.max(0, timeoutMs - (Date.now() - startedAt)),
		onTimeout: state => exitStatusCode(summarize(state), {failFast, timedOut: true}) ?? EXIT_TIMEOUT,
		onAbort: stopped,
		onIdle: stopped,
	});

	const code = waited === EXIT_OK && failed !== null ? failed : waited;
	if (code !== EXIT_TOKEN_REJECTED) {
		const unread = snapshot.failures.map(failure => `${failure.what} ${failure.id}`);
		const line = summaryLine(code, summarize(ctx.store.getState()), words, {missingSyncs, waitedMs: Date.now() - startedAt, interrupted, unread});
		if (line !== null) writeLine(ctx.stderr, line);
	}

	return code;
}
