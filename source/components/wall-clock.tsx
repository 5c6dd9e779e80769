import {createContext, useCallback, useContext, useState, useSyncExternalStore, type ReactNode} from 'react';
import type {ClockText} from '../lib/relative-clock.js';

// One timer for every relative time on screen ("3m ago", ticking durations). Each user says when its
// text next changes; the clock sleeps until the earliest of those moments, then lets every user re-read
// its text. React re-renders only those whose text actually changed, all in one frame. When no text can
// change (everything ended, nothing on screen) there is no timer at all.

export type WallClock = {
	now(): number;
	/** `changesAt` is asked again after every wake-up, so it may move. */
	subscribe(listener: () => void, changesAt: () => number | null): () => void;
	/** A timer is alive. */
	isRunning(): boolean;
};

/** setTimeout's limit (about 24.8 days); a later wake-up is simply re-planned when this one fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Low-bandwidth mode: times on screen move at most this often unless their data changes. */
export const COARSE_CLOCK_INTERVAL_MS = 60_000;

export type WallClockOptions = {
	/** Wake at most this often: texts then change together, or when what they belong to re-renders. */
	minIntervalMs?: number;
};

export function createWallClock(now: () => number = Date.now, options: WallClockOptions = {}): WallClock {
	const minIntervalMs = options.minIntervalMs ?? 0;
	const users = new Map<() => void, () => number | null>();
	let timer: ReturnType<typeof setTimeout> | null = null;
	let wakeAt: number | null = null;
	let lastWakeAt = now();

	const plan = () => {
		let earliest: number | null = null;
		for (const changesAt of users.values()) {
			const at = changesAt();
			if (at !== null && (earliest === null || at < earliest)) earliest = at;
		}

		if (earliest !== null) earliest = Math.max(earliest, lastWakeAt + minIntervalMs);
		if (earliest === wakeAt && timer !== null) return;
		if (timer !== null) clearTimeout(timer);
		timer = null;
		wakeAt = earliest;
		if (earliest === null) return;
		timer = setTimeout(wake, Math.min(MAX_DELAY_MS, Math.max(0, earliest - now())));
	};

	const wake = () => {
		timer = null;
		wakeAt = null;
		lastWakeAt = now();
		for (const listener of [...users.keys()]) listener();
		plan();
	};

	return {
		now,
		subscribe(listener, changesAt) {
			users.set(listener, changesAt);
			plan();
			return () => {
				users.delete(listener);
				plan();
			};
		},
		isRunning: () => timer !== null,
	};
}

const WallClockContext = createContext<WallClock | null>(null);

export function WallClockProvider({clock, minIntervalMs, children}: {clock?: WallClock; minIntervalMs?: number; children: ReactNode}) {
	const [own] = useState(() => createWallClock(Date.now, {minIntervalMs}));
	return <WallClockContext.Provider value={clock ?? own}>{children}</WallClockContext.Provider>;
}

const fallbackClock = createWallClock();

/** The clock of the nearest provider (a shared fallback outside one). */
export const useWallClock = (): WallClock => useContext(WallClockContext) ?? fallbackClock;

/**
 * A text that depends on the time, re-rendered only when it changes. `format` must be stable
 * (useCallback over what it reads), since a new one re-plans the clock.
 */
export function useClockText(format: (now: number) => ClockText): string {
	const clock = useWallClock();
	const subscribe = useCallback(
		(listener: () => void) => clock.subscribe(listener, () => format(clock.now()).changesAt),
		[clock, format],
	);
	return useSyncExternalStore(subscribe, () => format(clock.now()).text);
}
