// Seeded randomness. Every choice the simulator makes comes from a stream named by numbers (seed, sync,
// run ordinal, …), so that a run's fate does not depend on how often or in what steps the world was
// advanced.

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for believable fake data. */
export function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A 32-bit digest of a list of numbers (both halves of each, so that large seeds stay distinct). */
export function hashNumbers(values: readonly number[]): number {
	let hash = 0x81_1c_9d_c5;
	for (const value of values) {
		const whole = Math.trunc(value);
		for (const part of [whole >>> 0, Math.floor(whole / 4_294_967_296) >>> 0]) {
			hash = Math.imul(hash ^ part, 0x01_00_01_93);
			hash ^= hash >>> 15;
			hash = Math.imul(hash, 0x2c_1b_3c_6d);
			hash ^= hash >>> 12;
		}
	}

	return hash >>> 0;
}

export const streamFor = (...values: number[]): Random => mulberry32(hashNumbers(values));

export const between = (random: Random, min: number, max: number): number => min + random() * (max - min);

/** An integer in [min, max], both included. */
export const intBetween = (random: Random, min: number, max: number): number =>
	Math.min(max, Math.floor(between(random, min, max + 1)));

export function pick<T>(random: Random, items: readonly T[]): T {
	const item = items[Math.floor(random() * items.length)];
	if (item === undefined) {
		throw new RangeError('pick from an empty list');
	}

	return item;
}
