import type {RunStoreApi, RunStoreState} from '../store/run-store.js';

// In low-bandwidth mode the first frame waits for the first answers to settle. At launch the answers
// arrive in a burst over a second or two (one run, then its neighbours, then a followed sync's newer
// runs pushing the rows down), and painting each step sends most of the screen two or three times over:
// measured over the demo, a third of everything a 40 s SSH session wrote. Waiting costs at most
// FIRST_PAINT_MAX_MS before anything shows, once per launch.

const FIRST_PAINT_QUIET_MS = 700;
const FIRST_PAINT_MAX_MS = 3000;

export type FirstPaintOptions = {
	quietMs?: number;
	maxMs?: number;
};

const answered = (state: RunStoreState): boolean => state.health.kind !== 'connecting';

/**
 * Resolves once the API has answered (or failed to) and the runs have not changed for `quietMs`, or
 * after `maxMs` whatever happened.
 */
export function firstAnswersSettled(store: RunStoreApi, options: FirstPaintOptions = {}): Promise<void> {
	const quietMs = options.quietMs ?? FIRST_PAINT_QUIET_MS;
	const maxMs = options.maxMs ?? FIRST_PAINT_MAX_MS;
	return new Promise(resolve => {
		let quiet: ReturnType<typeof setTimeout> | null = null;
		const finish = () => {
			clearTimeout(deadline);
			if (quiet !== null) clearTimeout(quiet);
			unsubscribe();
			resolve();
		};

		const restartQuiet = () => {
			if (quiet !== null) clearTimeout(quiet);
			quiet = answered(store.getState()) ? setTimeout(finish, quietMs) : null;
		};

		const deadline = setTimeout(finish, maxMs);
		const unsubscribe = store.subscribe((state, previous) => {
			if (state.runs !== previous.runs || state.health !== previous.health) restartQuiet();
		});
		restartQuiet();
	});
}
