import {createStore, type StoreApi} from 'zustand/vanilla';
import {AWAY_MIN_MS, awayDigest, type AwayDigest, type AwaySnapshot} from '../runs/away-digest.js';
import type {RunStoreApi} from './run-store.js';

// Focus left and came back: the terminal reports both (focus reporting), and this store keeps the runs
// as they were when focus left, so that on return it can say what ended meanwhile. The digest stays up
// until dismissed; leaving again before that extends the same absence rather than losing its news.

export type AwayState = {
	/** The runs when focus left; null while focused with nothing pending. */
	since: AwaySnapshot | null;
	/** What to show now; null when there is nothing to show. */
	digest: AwayDigest | null;
};

export type AwayActions = {
	blur(): void;
	focus(): void;
	dismiss(): void;
};

export type AwayStoreApi = StoreApi<AwayState & AwayActions>;

export type AwayStoreOptions = {
	runs: RunStoreApi;
	now?: () => number;
	minAwayMs?: number;
};

export function createAwayStore({runs, now = Date.now, minAwayMs = AWAY_MIN_MS}: AwayStoreOptions): AwayStoreApi {
	return createStore<AwayState & AwayActions>()((set, get) => ({
		since: null,
		digest: null,

		blur() {
			if (get().since === null) set({since: {at: now(), runs: runs.getState().runs}});
		},

		focus() {
			const {since, digest} = get();
			if (since === null) return;
			const next = awayDigest(since, runs.getState(), now(), minAwayMs);
			if (next !== null) set({digest: next});
			else if (digest === null) set({since: null});
		},

		dismiss() {
			const {since, digest} = get();
			if (since !== null || digest !== null) set({since: null, digest: null});
		},
	}));
}
