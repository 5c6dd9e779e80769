import {createContext, useCallback, useContext, useState, useSyncExternalStore, type ReactNode} from 'react';
import type {ClockText} from '../../text/relative-clock.js';
import type {ThrottleTimers} from '../../store/throttled-view.js';

// One timer for every relative time on screen ("3m ago", ticking durations). Each user says when its
// text next changes; the clock sleeps until the earliest of those moments, then lets every user re-read
// its text. React re-renders only those whose text actually changed, all in one frame. When no text can
// change (everything ended, nothing on screen) there is no timer at all.

export type WallClock = {
	now(): number;
	/** `changesAt` is asked again after every wake-up, so it may move. */
	subscribe(listener: () => void, changesAt: () => number | null): () => void;
	/**
	 * Calls `callback` once, in the first wake-up at or after `at`, so that whatever it changes is drawn in
	 * the same frame as the texts that change then. Not held back by the minimum interval (it is a change
	 * of data, not of time). Gives a function that cancels it.
	 */
	schedule(callback: () => void, at: number): () => void;
	/** When the clock next wakes up; null when it sleeps until someone subscribes or schedules. */
	nextWakeAt(): number | null;
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
	const scheduled = new Set<{callback: () => void; at: number}>();
	let timer: ReturnType<typeof setTimeout> | null = null;
	let wakeAt: number | null = null;
	/** When the users' texts are next due (after the minimum interval); null when none can change. */
	let usersAt: number | null = null;
	let lastWakeAt = now();

	const plan = () => {
		usersAt = null;
		for (const changesAt of users.values()) {
			const at = changesAt();
			if (at !== null && (usersAt === null || at < usersAt)) usersAt = at;
		}

		if (usersAt !== null) usersAt = Math.max(usersAt, lastWakeAt + minIntervalMs);
		let earliest = usersAt;
		for (const {at} of scheduled) if (earliest === null || at < earliest) earliest = at;
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
		const time = now();
		for (const entry of [...scheduled]) {
			if (entry.at > time) continue;
			scheduled.delete(entry);
			entry.callback();
		}

		// A wake-up for scheduled work alone leaves the texts (and the minimum interval) as they are.
		if (usersAt !== null && usersAt <= time) {
			lastWakeAt = time;
			for (const listener of [...users.keys()]) listener();
		}

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
		schedule(callback, at) {
			const entry = {callback, at};
			scheduled.add(entry);
			plan();
			return () => {
				if (scheduled.delete(entry)) plan();
			};
		},
		nextWakeAt: () => wakeAt,
		isRunning: () => timer !== null,
	};
}

/**
 * Timers for a throttled view that fire inside the clock's own wake-ups, on the whole `gridMs`: the store's
 * changes then reach the screen in the same frame as the ticking durations and spinners (one Ink frame a
 * second while runs work, not one for the data and another for the time). A change is held for that
 * frame only when the clock wakes within `gridMs` anyway; on a still screen it is shown at once.
 */
export function clockAlignedTimers(clock: WallClock, gridMs = 1000): ThrottleTimers {
	return {
		now: clock.now,
		setTimer: (callback, ms) => clock.schedule(callback, Math.ceil((clock.now() + ms) / gridMs) * gridMs),
		clearTimer: cancel => (cancel as () => void)(),
		frameComing: () => {
			const at = clock.nextWakeAt();
			return at !== null && at - clock.now() <= gridMs;
		},
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
