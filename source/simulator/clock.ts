// The simulator's notion of time. Everything in the world is a function of this clock, so that tests
// can step it by hand and a demo can run it faster than the wall clock.

export type SimClock = {now(): number};

export type ManualClock = SimClock & {
	set(ms: number): void;
	advance(ms: number): void;
};

/** Sim time = start + (Date.now() - start) × speed: at speed 1 it is the wall clock. */
export function createRealClock({speed = 1, start = Date.now()}: {speed?: number; start?: number} = {}): SimClock {
	if (!(Number.isFinite(speed) && speed > 0)) {
		throw new RangeError('speed must be a positive number');
	}

	return {now: () => start + Math.floor((Date.now() - start) * speed)};
}

export function createManualClock(startMs: number): ManualClock {
	let current = startMs;
	return {
		now: () => current,
		set(ms) {
			current = ms;
		},
		advance(ms) {
			current += ms;
		},
	};
}
