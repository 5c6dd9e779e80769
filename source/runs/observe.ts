import type {SyncRun} from '../census/types.js';

// The API reports only a run's current step, so the step timeline is rebuilt from what each poll saw.
// A step first seen at poll t2 began somewhere after the previous poll t1: both are kept so the screens
// can say "between t1 and t2" honestly instead of pretending to know.

export type StepObservation = {
	/** Verbatim from the API. */
	step: string;
	firstSeenAt: number;
	lastSeenAt: number;
	/** The poll before firstSeenAt, when there was one: the step began in (prevPollAt, firstSeenAt]. */
	prevPollAt: number | null;
};

export type RunObservation = {
	firstSeenAt: number;
	lastPolledAt: number;
	/** In the order first seen; bounded by MAX_STEP_OBSERVATIONS (the oldest are dropped). */
	steps: StepObservation[];
	lastStatus: string;
	statusChangedAt: number;
	/** Last time the step or any record count moved. */
	lastProgressAt: number;
	progressKey: string;
	/** The first poll that saw the run ended, or null while it moves. */
	endedAt: number | null;
};

/** A run visits at most 8 named steps; the margin covers unknown steps and step flapping. */
export const MAX_STEP_OBSERVATIONS = 16;

const progressKeyOf = (run: SyncRun): string =>
	[
		run.currentStep ?? '',
		run.sourceRecordCount,
		run.sourceRecordUpdates,
		run.sourceRecordDeletes,
		run.sourceRecordInvalids,
		run.recordsProcessed,
		run.recordsUpdated,
		run.recordsFailed,
	].join('|');

export const observeRun = (
	previous: RunObservation | undefined,
	run: SyncRun,
	now: number,
	ended: boolean,
): RunObservation => {
	const progressKey = progressKeyOf(run);
	if (!previous) {
		return {
			firstSeenAt: now,
			lastPolledAt: now,
			steps: run.currentStep ? [{step: run.currentStep, firstSeenAt: now, lastSeenAt: now, prevPollAt: null}] : [],
			lastStatus: run.status,
			statusChangedAt: now,
			lastProgressAt: now,
			progressKey,
			endedAt: ended ? now : null,
		};
	}

	let steps = previous.steps;
	const step = run.currentStep;
	// Once a run was seen ended its timeline is final: a list refresh that shows it again must not stretch
	// the last step's length (Census keeps "Running Sync" on a finished run for good).
	if (step && previous.endedAt === null) {
		const last = steps.at(-1);
		if (last && last.step.toLowerCase() === step.toLowerCase()) {
			steps = [...steps.slice(0, -1), {...last, lastSeenAt: now}];
		} else {
			steps = [...steps, {step, firstSeenAt: now, lastSeenAt: now, prevPollAt: previous.lastPolledAt}];
			if (steps.length > MAX_STEP_OBSERVATIONS) steps = steps.slice(-MAX_STEP_OBSERVATIONS);
		}
	}

	return {
		firstSeenAt: previous.firstSeenAt,
		lastPolledAt: now,
		steps,
		lastStatus: run.status,
		statusChangedAt: run.status === previous.lastStatus ? previous.statusChangedAt : now,
		lastProgressAt: progressKey === previous.progressKey ? previous.lastProgressAt : now,
		progressKey,
		endedAt: previous.endedAt ?? (ended ? now : null),
	};
};
