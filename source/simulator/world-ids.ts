import {hashNumbers} from './random.js';

// Names of the world's random streams, and its ids. Ids have the size of real ones (Census's ids are global
// across its customers): syncs in the millions, runs in the hundreds of millions, each a small seeded step
// after the one before, so that nothing may assume that they are consecutive.

// Named so that adding one kind of draw never shifts another. 9 is history-shape.ts's.
export const STREAM = {sync: 1, history: 2, working: 3, scheduled: 4, triggered: 5, layout: 6, jitter: 7, ids: 8} as const;

const FIRST_SYNC_ID = 3_394_022;
const FIRST_RUN_ID = 425_249_733;
/** Ids advance by 1 to this many between one object of the workspace and the next. */
const SYNC_ID_STEP = 40;
const RUN_ID_STEP = 17;

/** Sync ids grow with the index in steps of 1..SYNC_ID_STEP (index × step, plus a seeded part below a step). */
export const syncIdFor = (seed: number, index: number): number =>
	FIRST_SYNC_ID + index * SYNC_ID_STEP + (hashNumbers([seed, STREAM.ids, -1 - index]) % SYNC_ID_STEP);

/** Run ids, drawn by the order in which runs are created, so that a stepped and a jumped clock agree. */
export function createRunIds(seed: number): () => number {
	let nextRunId = FIRST_RUN_ID;
	let runOrdinal = 0;
	return () => {
		const id = nextRunId;
		nextRunId += 1 + (hashNumbers([seed, STREAM.ids, runOrdinal]) % RUN_ID_STEP);
		runOrdinal += 1;
		return id;
	};
}
