// The knobs of a simulated workspace and the three presets: `demo` (a lively workspace for people),
// `busy` (many long runs at once, for benchmarks) and `quiet` (history only, nothing moves).
import type {OutcomeWeights} from './run-plan.js';

export type Scenario = 'demo' | 'busy' | 'quiet';

export const SCENARIOS: readonly Scenario[] = ['demo', 'busy', 'quiet'];

type Range = number | readonly [number, number];

export type WorldOptions = {
	seed?: number;
	/** Sim time at which the world starts (epoch ms). */
	now: number;
	scenario?: Scenario;
	/** How many syncs the workspace holds. */
	syncs?: number;
	/** Ended runs each sync already has at the start. */
	history?: number;
	/** How many syncs have runs under way at the start. */
	workingAtStart?: number;
	/** How many runs under way each of those syncs has (Census runs one at a time; busy bends that). */
	workingPerSync?: number;
	/** A run's length (ms), or a range to draw it from. */
	runDurationMs?: Range;
	/** Time between scheduled starts of a sync (ms), or a range each sync draws its own from. */
	schedulePeriodMs?: Range;
	/** Whether schedules start no runs by themselves (see World.pauseSchedules). */
	schedulesPaused?: boolean;
	/** Runs kept per sync; older ones are forgotten (then 404) so that memory stays bounded. */
	keepRuns?: number;
	outcomeWeights?: OutcomeWeights;
	/** Whether some syncs are paused or manual-only, as in a real workspace. */
	variety?: boolean;
};

export type ResolvedWorldOptions = {
	seed: number;
	now: number;
	scenario: Scenario;
	syncs: number;
	history: number;
	workingAtStart: number;
	workingPerSync: number;
	runDurationMs: readonly [number, number];
	schedulePeriodMs: readonly [number, number];
	schedulesPaused: boolean;
	keepRuns: number;
	outcomeWeights: OutcomeWeights;
	variety: boolean;
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const MIXED_OUTCOMES: OutcomeWeights = {completed: 0.7, rejected: 0.15, failed: 0.15};

const range = (value: Range): readonly [number, number] => (typeof value === 'number' ? [value, value] : value);

function whole(name: string, value: number, min: number): number {
	if (!Number.isInteger(value) || value < min) {
		throw new RangeError(`${name} must be an integer ≥ ${min}`);
	}

	return value;
}

function positiveRange(name: string, value: Range): readonly [number, number] {
	const [low, high] = range(value);
	if (!(Number.isFinite(low) && Number.isFinite(high) && low > 0 && high >= low)) {
		throw new RangeError(`${name} must be a positive number or a [min, max] range`);
	}

	return [low, high];
}

export function resolveWorldOptions(options: WorldOptions): ResolvedWorldOptions {
	const scenario = options.scenario ?? 'demo';
	const busy = scenario === 'busy';
	const syncs = whole('syncs', options.syncs ?? (busy ? 10 : 8), 0);
	const runDurationMs = positiveRange('runDurationMs', options.runDurationMs ?? (busy ? [25 * MINUTE, 35 * MINUTE] : [20 * SECOND, 90 * SECOND]));
	const defaultWorking = scenario === 'demo' ? Math.max(1, Math.round(syncs * 0.375)) : busy ? syncs : 0;
	if (!Number.isFinite(options.now)) {
		throw new RangeError('now must be a finite time in ms');
	}

	return {
		seed: options.seed ?? 1,
		now: options.now,
		scenario,
		syncs,
		history: whole('history', options.history ?? (busy ? 2 : 6), 0),
		workingAtStart: Math.min(syncs, whole('workingAtStart', options.workingAtStart ?? defaultWorking, 0)),
		workingPerSync: whole('workingPerSync', options.workingPerSync ?? (busy ? 5 : 1), 1),
		runDurationMs,
		schedulePeriodMs: positiveRange('schedulePeriodMs', options.schedulePeriodMs ?? (busy ? runDurationMs : [25 * SECOND, 75 * SECOND])),
		schedulesPaused: options.schedulesPaused ?? scenario !== 'demo',
		keepRuns: whole('keepRuns', options.keepRuns ?? 200, 1),
		outcomeWeights: options.outcomeWeights ?? MIXED_OUTCOMES,
		variety: options.variety ?? !busy,
	};
}
