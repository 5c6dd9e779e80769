// How long the runs a sync already has took, so that its history tells a story worth showing: a gentle
// drift (most syncs get a little slower run after run, as their source grows; some get faster), little
// noise around it, and one outlier that took several times as long and still completed (a run held up
// by a busy warehouse). Pure: the shape of a sync's history is a function of the seed and its index.
import {hashNumbers} from './random.js';

/** How much longer than its neighbours the outlier run took. */
const OUTLIER_FACTOR = 3;

/** The share by which one run may differ from the drift line. */
const NOISE = 0.04;

/** Runs before the outlier in a long history, so that a watcher has enough to call it a regression. */
export const RUNS_BEFORE_OUTLIER = 5;
/** From this many runs the outlier has RUNS_BEFORE_OUTLIER runs before it (shorter histories keep their shape). */
const LONG_HISTORY = 11;

/** Names this hash among the world's streams (see world.ts's STREAM). */
const HISTORY_SHAPE_STREAM = 9;

export type HistoryShape = {
	/** Relative change of duration from one run to the next (0.02 = each run 2 % longer than the one before). */
	driftPerRun: number;
	/** Runs back from the newest (0 = newest) of the outlier, or null when the history is too short for one. */
	outlierAt: number | null;
};

export function historyShapeFor(seed: number, syncIndex: number, history: number): HistoryShape {
	const bits = hashNumbers([seed, HISTORY_SHAPE_STREAM, syncIndex]);
	const rate = 0.02 + ((bits % 1000) / 1000) * 0.02;
	const slower = (bits >>> 10) % 4 !== 0;
	// Never the newest two: the newest is the run a workspace's story starts from, the next may be canceled.
	// In a long history, old enough to have runs before it and young enough to be on a watcher's first page.
	const span = history >= LONG_HISTORY ? history - 2 - RUNS_BEFORE_OUTLIER : history - 2;
	return {driftPerRun: slower ? rate : -rate, outlierAt: history >= 3 ? 2 + ((bits >>> 12) % span) : null};
}

/**
 * The range to draw the duration of the run `back` runs before the newest from, given the sync's usual
 * range: its middle moved along the drift (or multiplied for the outlier), narrowed to the noise.
 */
export function historyDurationRange(usual: readonly [number, number], shape: HistoryShape, back: number): readonly [number, number] {
	const middle = (usual[0] + usual[1]) / 2;
	const factor = back === shape.outlierAt ? OUTLIER_FACTOR : Math.max(0.3, 1 - shape.driftPerRun * back);
	return [Math.round(middle * factor * (1 - NOISE)), Math.round(middle * factor * (1 + NOISE))];
}
