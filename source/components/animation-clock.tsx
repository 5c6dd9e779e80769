import {createContext, useContext, useState, useSyncExternalStore, type ReactNode} from 'react';

// The one clock every spinner reads. Each tick is a whole-frame layout in Ink, so there is one timer for
// all spinners (not one per spinner), it is slow, and it runs only while some component that animates is
// mounted: the list mounts a spinner only for visible working runs, so when nothing works there is no
// timer at all. With animation off there is never a timer and the frame stays 0.

/** Two frames a second: visibly alive, and a fifth of the frames of an 80 ms spinner. */
export const ANIMATION_INTERVAL_MS = 500;

export type AnimationClock = {
	subscribe(listener: () => void): () => void;
	getFrame(): number;
	/** A timer is alive. */
	isRunning(): boolean;
};

export function createAnimationClock(options: {enabled: boolean; intervalMs?: number}): AnimationClock {
	const intervalMs = options.intervalMs ?? ANIMATION_INTERVAL_MS;
	const listeners = new Set<() => void>();
	let frame = 0;
	let timer: ReturnType<typeof setInterval> | null = null;

	const tick = () => {
		frame = (frame + 1) % Number.MAX_SAFE_INTEGER;
		for (const listener of listeners) listener();
	};

	return {
		subscribe(listener) {
			if (!options.enabled) return () => {};
			listeners.add(listener);
			timer ??= setInterval(tick, intervalMs);
			return () => {
				listeners.delete(listener);
				if (listeners.size === 0 && timer !== null) {
					clearInterval(timer);
					timer = null;
				}
			};
		},
		getFrame: () => frame,
		isRunning: () => timer !== null,
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
	const [own] = useState(() => createAnimationClock({enabled}));
	return <AnimationClockContext.Provider value={clock ?? own}>{children}</AnimationClockContext.Provider>;
}

const STILL: AnimationClock = createAnimationClock({enabled: false});

/**
 * The shared frame counter; calling it keeps the clock running while the component is mounted, so call it
 * only in components that animate (a working run's spinner), never in a whole row. Outside a provider, or
 * with animation off, it is always 0.
 */
export function useAnimationFrame(): number {
	const clock = useContext(AnimationClockContext) ?? STILL;
	return useSyncExternalStore(clock.subscribe, clock.getFrame);
}
