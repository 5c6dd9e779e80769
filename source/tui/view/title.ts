import type {ConnectionHealth} from '../../runs/model.js';
import type {RunStoreApi, RunStoreState} from '../../store/run-store.js';
import {runPhase, statusGlyph, type RunPhase} from '../../runs/status.js';
import {setTitle} from '../../terminal/terminal-sequences.js';

// The window or tab title is where people look when the app is on another monitor or behind another
// window: it carries what needs attention (failed, then moving runs) and a connection that is down. It
// is written straight to the terminal (OSC 2), outside Ink's frame, and only when its text changes.

const PROGRAM = 'census-watch';

/** What the title counts, in this order; a count of zero is left out. */
const TITLE_PHASES: readonly RunPhase[] = ['failed', 'working', 'queued'];

const HEALTH_WORDS: Partial<Record<ConnectionHealth['kind'], string>> = {
	offline: 'offline',
	api_error: 'API error',
	rate_limited: 'rate-limited',
	token_rejected: 'token rejected',
	root_gone: 'API gone',
};

/** "census-watch ✗2 ⟳5" (ASCII: "census-watch 2 failed 5 working"), plus a word when the API is out of reach. */
export function titleSummary(state: Pick<RunStoreState, 'runs' | 'health'>, options: {ascii: boolean}): string {
	const counts = new Map<RunPhase, number>();
	for (const entry of Object.values(state.runs)) {
		if (entry.run === null) continue;
		const phase = runPhase(entry.run, entry.notFound);
		counts.set(phase, (counts.get(phase) ?? 0) + 1);
	}

	const parts = [PROGRAM];
	for (const phase of TITLE_PHASES) {
		const count = counts.get(phase) ?? 0;
		if (count === 0) continue;
		parts.push(options.ascii ? `${count} ${phase}` : `${statusGlyph(phase, false)}${count}`);
	}

	const health = HEALTH_WORDS[state.health.kind];
	if (health !== undefined) parts.push(health);
	return parts.join(' ');
}

export type TitleUpdater = {
	/** Writes the title for this state if it differs from the last one written. */
	update(state: Pick<RunStoreState, 'runs' | 'health'>): void;
};

export function createTitleUpdater(options: {ascii: boolean; write: (sequence: string) => void}): TitleUpdater {
	let shown: string | null = null;
	let seen: Pick<RunStoreState, 'runs' | 'health'> | null = null;
	return {
		update(state) {
			// The store changes on every request; the title only depends on these two slices.
			if (seen !== null && seen.runs === state.runs && seen.health === state.health) return;
			seen = {runs: state.runs, health: state.health};
			const title = titleSummary(state, options);
			if (title === shown) return;
			shown = title;
			options.write(setTitle(title));
		},
	};
}

/** Answers land in bursts (several runs in a row at launch): one title for the burst, a moment after it. */
export const TITLE_SETTLE_MS = 250;

/**
 * Writes the title now, then after each burst of store changes, once they have paused for
 * TITLE_SETTLE_MS. Gives the function that stops it, after which nothing more is written.
 */
export function attachTitle(store: RunStoreApi, options: {ascii: boolean; write: (sequence: string) => void}): () => void {
	const updater = createTitleUpdater(options);
	updater.update(store.getState());
	let due: ReturnType<typeof setTimeout> | null = null;
	const unsubscribe = store.subscribe(() => {
		if (due !== null) clearTimeout(due);
		due = setTimeout(() => {
			due = null;
			updater.update(store.getState());
		}, TITLE_SETTLE_MS);
	});
	return () => {
		unsubscribe();
		if (due !== null) clearTimeout(due);
		due = null;
	};
}
