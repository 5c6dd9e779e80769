import type {SyncRun} from '../census/types.js';
import type {RunObservation} from './observe.js';
import {isMovingPhase, isTerminalPhase, runPhase, type RunPhase} from './status.js';
import {classifyStep, STEPS} from './steps.js';

// The API reports only the step a run is on at each poll, so the timeline is rebuilt from the sightings
// the store kept. Times are those of our polls, not of Census: a step first seen at t2 began somewhere
// after the poll before (t1); when that gap is wide the screens say "between t1 and t2" rather than
// pretend. A step's observed length runs from its first sighting to the first sighting of the step after
// it, which errs by at most a poll interval on each end.

export type StepMark = 'done' | 'current' | 'pending' | 'failed-at' | 'stopped-at';

export type StepTiming = {
	firstSeenAt: number | null;
	lastSeenAt: number | null;
	/** Set when the gap before the first sighting is wide: the step began after `after` and by `by`. */
	startedBetween: {after: number; by: number} | null;
	/** How long the step lasted as the polls saw it; null when it was seen only once on an ended run. */
	observedMs: number | null;
	/** The run is on this step now, so observedMs grows with `now`. */
	ongoing: boolean;
};

export type OrderedStepLine = StepTiming & {
	kind: 'ordered';
	/** 1..7 */
	index: number;
	name: string;
	short: string;
	mark: StepMark;
};

/** "Running sync" (generic) or a step this app does not know (shown verbatim, sanitised). */
export type OffOrderStepLine = StepTiming & {
	kind: 'generic' | 'unknown';
	name: string;
	mark: StepMark;
};

export type StepTimeline = {
	phase: RunPhase;
	/** The 7 steps in order. */
	ordered: OrderedStepLine[];
	/** Steps without a place in the order, in the order first seen. */
	offOrder: OffOrderStepLine[];
	/** The ordered step the run is on or ended on, as far as was seen. */
	reachedIndex: number | null;
};

/** A gap wider than this (three polls at the default 5 s) before a first sighting is shown as bounds. */
export const START_GAP_THRESHOLD_MS = 15_000;

type Sighting = {
	key: string;
	kind: 'ordered' | 'generic' | 'unknown';
	index: number | null;
	name: string;
	firstSeenAt: number | null;
	lastSeenAt: number | null;
	prevPollAt: number | null;
	timing: StepTiming;
};

export type StepTimelineInput = {
	run: Pick<SyncRun, 'status' | 'canceled' | 'currentStep' | 'completedAt'> | null;
	/** Only the sightings are read, so a caller can pass the store's `steps` slice alone. */
	observation: Pick<RunObservation, 'steps'> | undefined;
	notFound?: boolean;
	now: number;
	gapThresholdMs?: number;
};

const classifySighting = (
	step: string,
	times: {firstSeenAt: number | null; lastSeenAt: number | null; prevPollAt: number | null},
): Omit<Sighting, 'timing'> | null => {
	const found = classifyStep(step);
	if (found.kind === 'none') return null;
	if (found.kind === 'ordered') return {key: `#${found.index}`, kind: 'ordered', index: found.index, name: found.name, ...times};
	return {key: `${found.kind}:${found.name.toLowerCase()}`, kind: found.kind, index: null, name: found.name, ...times};
};

/** The observed sightings, plus the run's current step when the observation has not caught up with it. */
function collectSightings(input: StepTimelineInput): Array<Omit<Sighting, 'timing'>> {
	const sightings: Array<Omit<Sighting, 'timing'>> = [];
	for (const step of input.observation?.steps ?? []) {
		const sighting = classifySighting(step.step, step);
		if (sighting) sightings.push(sighting);
	}

	const current = input.run?.currentStep;
	if (current) {
		const sighting = classifySighting(current, {firstSeenAt: null, lastSeenAt: null, prevPollAt: null});
		if (sighting && sightings.at(-1)?.key !== sighting.key) sightings.push(sighting);
	}

	return sightings;
}

function timingOf(
	sighting: Omit<Sighting, 'timing'>,
	next: Omit<Sighting, 'timing'> | undefined,
	ongoing: boolean,
	input: StepTimelineInput,
): StepTiming {
	const {firstSeenAt, lastSeenAt, prevPollAt} = sighting;
	const threshold = input.gapThresholdMs ?? START_GAP_THRESHOLD_MS;
	const startedBetween =
		firstSeenAt !== null && prevPollAt !== null && firstSeenAt - prevPollAt > threshold ? {after: prevPollAt, by: firstSeenAt} : null;
	let observedMs: number | null = null;
	if (firstSeenAt !== null) {
		if (next?.firstSeenAt != null) observedMs = next.firstSeenAt - firstSeenAt;
		else if (ongoing) observedMs = input.now - firstSeenAt;
		else if (lastSeenAt !== null && lastSeenAt > firstSeenAt) observedMs = lastSeenAt - firstSeenAt;
	}

	return {firstSeenAt, lastSeenAt, startedBetween, observedMs: observedMs === null ? null : Math.max(0, observedMs), ongoing};
}

/** A step seen more than once (the API went back to it): first start, last sighting, summed length. */
function mergeTimings(timings: StepTiming[]): StepTiming {
	const [first] = timings;
	if (!first) return {firstSeenAt: null, lastSeenAt: null, startedBetween: null, observedMs: null, ongoing: false};
	const observed = timings.map(timing => timing.observedMs).filter((ms): ms is number => ms !== null);
	return {
		firstSeenAt: first.firstSeenAt,
		lastSeenAt: timings.reduce<number | null>((latest, timing) => timing.lastSeenAt ?? latest, null),
		startedBetween: first.startedBetween,
		observedMs: observed.length === 0 ? null : observed.reduce((sum, ms) => sum + ms, 0),
		ongoing: timings.some(timing => timing.ongoing),
	};
}

/** What the step the run is at (or ended at) is called, by phase. */
function anchorMark(phase: RunPhase): StepMark {
	switch (phase) {
		case 'failed':
			return 'failed-at';
		case 'canceled':
			return 'stopped-at';
		case 'completed':
		case 'skipped':
		case 'not_found':
			return 'done';
		case 'queued':
		case 'working':
		case 'canceling':
		case 'unknown':
			return 'current';
	}
}

/**
 * The run's 7 ordered steps, each done, current, pending, failed-at or stopped-at (canceled), with the
 * times the polls saw them, and the steps without a place in the order. A completed run has done every
 * step; otherwise the steps seen or before the last ordered step seen are done, the others pending, and
 * that last step takes the run's mark while it is the latest thing seen. Census leaves "Running sync" on
 * runs that have ended, so on an ended run that generic step is not a step at all: it is not listed, and
 * a run that failed or was canceled with it showing ended at the last ordered step seen. It still ends
 * the length of the step before it, since it was first seen when the run was seen to have moved on.
 */
export function buildStepTimeline(input: StepTimelineInput): StepTimeline {
	const phase = runPhase(input.run, input.notFound ?? false);
	const raw = collectSightings(input);
	const moving = isMovingPhase(phase);
	const ended = isTerminalPhase(phase);
	const timed: Sighting[] = raw.map((sighting, position) => ({
		...sighting,
		timing: timingOf(sighting, raw[position + 1], moving && position === raw.length - 1, input),
	}));
	const sightings = ended ? timed.filter(sighting => sighting.kind !== 'generic') : timed;
	const last = sightings.at(-1);
	const lastOrdered = sightings.findLast(sighting => sighting.kind === 'ordered');
	const reachedIndex = lastOrdered?.index ?? null;
	const mark = anchorMark(phase);

	const timingsFor = (key: string): StepTiming =>
		mergeTimings(sightings.filter(sighting => sighting.key === key).map(sighting => sighting.timing));

	const seen = new Set(sightings.map(sighting => sighting.key));
	const ordered: OrderedStepLine[] = STEPS.map(step => {
		const key = `#${step.index}`;
		let stepMark: StepMark = 'pending';
		if (phase === 'completed') stepMark = 'done';
		else if (step.index === reachedIndex && last === lastOrdered) stepMark = mark;
		else if (seen.has(key) || (reachedIndex !== null && step.index < reachedIndex)) stepMark = 'done';
		return {kind: 'ordered', index: step.index, name: step.name, short: step.short, mark: stepMark, ...timingsFor(key)};
	});

	const offOrder: OffOrderStepLine[] = [];
	const listed = new Set<string>();
	for (const sighting of sightings) {
		if (sighting.kind === 'ordered' || listed.has(sighting.key)) continue;
		listed.add(sighting.key);
		const stepMark = last?.key === sighting.key && phase !== 'completed' ? mark : 'done';
		offOrder.push({kind: sighting.kind, name: sighting.name, mark: stepMark, ...timingsFor(sighting.key)});
	}

	return {phase, ordered, offOrder, reachedIndex};
}
