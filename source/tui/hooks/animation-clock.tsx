import {createContext, useContext, useState, useSyncExternalStore, type ReactNode} from 'react';
import {useWallClock, type WallClock} from './wall-clock.js';

// The one clock every spinner reads. Each tick is a whole-frame layout in Ink, so there is one timer for
// all spinners (not one per spinner), it is slow, and it runs only while some component that animates is
// mounted: the list mounts a spinner only for visible working runs, so when nothing works there is no
// timer at all. With animation off there is never a timer and the frame stays 0.

/**
 * One frame a second, on the whole second: the spinners then move in the same wake-up (and so the same
 * Ink frame) as the ticking durations instead of adding frames of their own. Measured with 50 working
 * runs at 120x40: a separate 500 ms spinner timer more than doubled the app's CPU time.
 */
const ANIMATION_INTERVAL_MS = 1000;

export type AnimationClock = {
	subscribe(listener: () => void): () => void;
	getFrame(): number;
	/** A timer is alive. */
	isRunning(): boolean;
};

/**
 * Ticks through the wall clock when one is given (every listener of one wake-up re-renders in one frame),
 * else on a timer of its own.
 */
export function createAnimationClock(options: {enabled: boolean; intervalMs?: number; wallClock?: WallClock}): AnimationClock {
	const intervalMs = options.intervalMs ?? ANIMATION_INTERVAL_MS;
	const listeners = new Set<() => void>();
	let frame = 0;
	let stop: (() => void) | null = null;

	const tick = () => {
		frame = (frame + 1) % Number.MAX_SAFE_INTEGER;
		for (const listener of listeners) listener();
	};

	const start = (): (() => void) => {
		const {wallClock} = options;
		if (wallClock) return wallClock.subscribe(tick, () => (Math.floor(wallClock.now() / intervalMs) + 1) * intervalMs);
		const timer = setInterval(tick, intervalMs);
		return () => clearInterval(timer);
	};

	return {
		subscribe(listener) {
			if (!options.enabled) return () => {};
			listeners.add(listener);
			stop ??= start();
			return () => {
				listeners.delete(listener);
				if (listeners.size === 0 && stop !== null) {
					stop();
					stop = null;
				}
			};
		},
		getFrame: () => frame,
		isRunning: () => stop !== null,
	};
}

const AnimationClockContext = createContext<AnimationClock | null>(null);

export function AnimationClockProvider({
	enabled,
	clock,
	children,
}: {
	enabled: boolean;
	/** Tests pass their own to look at it. */
	clock?: AnimationClock;
	children: ReactNode;
}) {
	const wallClock = useWallClock();
	const [own] = useState(() => createAnimationClock({enabled, wallClock}));
	return <AnimationClockContext.Provider value={clock ?? own}>{children}</AnimationClockContext.Provider>;
}

const STILL: AnimationClock = createAnimationClock({enabled: false});

/**
 * The shared frame counter; while `active` it keeps the clock running for as long as the component is
 * mounted, so it is active only in components that animate (a working run's spinner), never in a whole
 * row. While not `active`, outside a provider, or with animation off, it is always 0 and runs no clock.
 */
export function useAnimationFrameWhile(active: boolean): number {
	const clock = useContext(AnimationClockContext) ?? STILL;
	const source = active ? clock : STILL;
	return useSyncExternalStore(source.subscribe, source.getFrame);
}
