import type {StoreApi} from 'zustand/vanilla';

// Ink lays out and serialises the whole frame on every React commit (20–30 ms for a full 120x40 list
// here), and the engine writes each answer into the store as it arrives: with fifty working runs that is
// several commits a second for changes nobody can read that fast. The screen reads the store through this
// view, which passes changes on at most once per interval (the first at once, the rest at the end of the
// interval), so a burst of answers costs one frame. Actions called on the view's state still act on the
// real store: the state object carries the store's own action functions.

export type ThrottledView<T> = StoreApi<T> & {
	/**
	 * Passes on what is held back now. For the user's own actions: the screen must show what a key did
	 * (a row gone, a new run selected) in the same frame as the line that says so, not a second later.
	 */
	flush(): void;
	dispose(): void;
};

export type ThrottleTimers = {
	now: () => number;
	setTimer: (callback: () => void, ms: number) => unknown;
	clearTimer: (timer: unknown) => void;
	/** A frame is drawn soon anyway: a change is then held for it rather than passed on at once. */
	frameComing?: () => boolean;
};

const realTimers: ThrottleTimers = {
	now: Date.now,
	setTimer: (callback, ms) => setTimeout(callback, ms),
	clearTimer: timer => clearTimeout(timer as NodeJS.Timeout),
};

export function throttledView<T>(source: StoreApi<T>, intervalMs: number, timers: ThrottleTimers = realTimers): ThrottledView<T> {
	let snapshot = source.getState();
	let lastFlushAt = Number.NEGATIVE_INFINITY;
	let timer: unknown = null;
	const listeners = new Set<(state: T, previous: T) => void>();

	const flush = () => {
		timer = null;
		lastFlushAt = timers.now();
		const previous = snapshot;
		snapshot = source.getState();
		if (previous === snapshot) return;
		for (const listener of listeners) listener(snapshot, previous);
	};

	const unsubscribe = source.subscribe(() => {
		if (timer !== null) return;
		const wait = lastFlushAt + intervalMs - timers.now();
		if (wait <= 0 && timers.frameComing?.() !== true) flush();
		else timer = timers.setTimer(flush, Math.max(0, wait));
	});

	return {
		getState: () => snapshot,
		getInitialState: () => source.getInitialState(),
		setState: source.setState,
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		flush() {
			if (timer !== null) timers.clearTimer(timer);
			flush();
		},
		dispose() {
			unsubscribe();
			if (timer !== null) timers.clearTimer(timer);
			timer = null;
			listeners.clear();
		},
	};
}
