import {EXIT_OK, EXIT_RUN_NOT_COMPLETED, EXIT_TIMEOUT, type ExitCode} from '../exit-codes.js';
import type {RunPhase} from '../../runs/status.js';

// What the watched runs add up to for the non-interactive modes. Only `completed` counts as success
// (completed with rejected records included: the run finished, the rejections are in its counts); failed,
// skipped, canceled and a run the API does not know end the wait as "did not complete"; queued, working,
// canceling (a cancel asked for, not done yet), an unknown status and a run not fetched yet are pending.

export type RunVerdict = 'completed' | 'not_completed' | 'pending';

export type VerdictOptions = {
	/** --ignore-skipped: a skipped run (another run of its sync was under way) is no failure. */
	ignoreSkipped?: boolean;
};

export function runVerdict(phase: RunPhase, options: VerdictOptions = {}): RunVerdict {
	switch (phase) {
		case 'completed': {
			return 'completed';
		}

		case 'skipped': {
			return options.ignoreSkipped ? 'completed' : 'not_completed';
		}

		case 'failed':
		case 'canceled':
		case 'not_found': {
			return 'not_completed';
		}

		case 'queued':
		case 'working':
		case 'canceling':
		case 'unknown': {
			return 'pending';
		}
	}
}

export type VerdictSummary = {
	/** Run ids by verdict, each in the order given. */
	completed: number[];
	/** Skipped runs counted as completed (--ignore-skipped), in the order given. */
	ignoredSkipped: number[];
	notCompleted: number[];
	pending: number[];
	/** Every run has ended (true when there is none). */
	allEnded: boolean;
	allCompleted: boolean;
	anyNotCompleted: boolean;
};

export function summarizeVerdicts(runs: ReadonlyArray<{id: number; phase: RunPhase}>, options: VerdictOptions = {}): VerdictSummary {
	const summary: VerdictSummary = {
		completed: [],
		ignoredSkipped: [],
		notCompleted: [],
		pending: [],
		allEnded: true,
		allCompleted: true,
		anyNotCompleted: false,
	};
	for (const {id, phase} of runs) {
		const verdict = runVerdict(phase, options);
		if (verdict === 'completed' && phase === 'skipped') summary.ignoredSkipped.push(id);
		if (verdict === 'completed') summary.completed.push(id);
		else if (verdict === 'not_completed') summary.notCompleted.push(id);
		else summary.pending.push(id);
	}

	summary.allEnded = summary.pending.length === 0;
	summary.anyNotCompleted = summary.notCompleted.length > 0;
	summary.allCompleted = summary.allEnded && !summary.anyNotCompleted;
	return summary;
}

export type ExitStatusOptions = {
	/** --fail-fast: one run that did not complete decides, without waiting for the rest. */
	failFast: boolean;
	/** --timeout ran out. */
	timedOut: boolean;
};

/** --exit-status: the code to exit with now, or null to keep waiting. */
export function exitStatusCode(summary: VerdictSummary, options: ExitStatusOptions): ExitCode | null {
	if (summary.anyNotCompleted && (options.failFast || summary.allEnded)) return EXIT_RUN_NOT_COMPLETED;
	if (summary.allEnded) return EXIT_OK;
	return options.timedOut ? EXIT_TIMEOUT : null;
}

/** --once: whether everything shown has ended; a run still going is "still running", whatever the others did. */
export const onceExitCode = (summary: VerdictSummary): ExitCode => (summary.allEnded ? EXIT_OK : EXIT_TIMEOUT);
