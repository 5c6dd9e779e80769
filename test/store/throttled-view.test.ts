import {describe, expect, it} from 'vitest';
import {createStore} from 'zustand/vanilla';
import {throttledView} from '../../source/store/throttled-view.js';

const harness = () => {
	let clock = 0;
	const timers: Array<{at: number; callback: () => void} | null> = [];
	return {
		timers: {
			now: () => clock,
			setTimer: (callback: () => void, ms: number) => timers.push({at: clock + ms, callback}) - 1,
			clearTimer: (timer: unknown) => {
				timers[timer as number] = null;
			},
		},
		advance(ms: number) {
			clock += ms;
			for (const [index, timer] of timers.entries()) {
				if (timer && timer.at <= clock) {
					timers[index] = null;
					timer.callback();
				}
			}
		},
		pending: () => timers.filter(Boolean).length,
	};
};

/** A store whose one action counts up. */
const counter = () => createStore<{n: number; bump(): void}>()(set => ({n: 0, bump: () => set(state => ({n: state.n + 1}))}));

/** Every value of `n` the view passes on, in order. */
const changesOf = (view: {subscribe(listener: (state: {n: number}) => void): unknown}): number[] => {
	const seen: number[] = [];
	view.subscribe(state => seen.push(state.n));
	return seen;
};

describe('throttledView', () => {
	it('passes the first change on at once and a burst after it as one change at the end of the interval', () => {
		const source = counter();
		const clock = harness();
		const view = throttledView(source, 1000, clock.timers);
		const seen = changesOf(view);
		source.getState().bump();
		expect(seen).toEqual([1]);
		source.getState().bump();
		source.getState().bump();
		source.getState().bump();
		expect(view.getState().n).toBe(1);
		clock.advance(1000);
		expect(seen).toEqual([1, 4]);
		expect(view.getState().n).toBe(4);
	});

	it('acts on the real store through the actions on its state', () => {
		const source = counter();
		const view = throttledView(source, 1000, harness().timers);
		view.getState().bump();
		expect(source.getState().n).toBe(1);
	});

	it('leaves no timer and no subscription behind after dispose', () => {
		const source = createStore<{n: number}>()(() => ({n: 0}));
		const clock = harness();
		const view = throttledView(source, 1000, clock.timers);
		source.setState({n: 1});
		source.setState({n: 2});
		expect(clock.pending()).toBe(1);
		view.dispose();
		expect(clock.pending()).toBe(0);
		source.setState({n: 3});
		expect(view.getState().n).toBe(1);
	});

	it('holds even the first change for a frame that is coming anyway', () => {
		const source = createStore<{n: number}>()(() => ({n: 0}));
		const clock = harness();
		let frameComing = true;
		const view = throttledView(source, 1000, {...clock.timers, frameComing: () => frameComing});
		source.setState({n: 1});
		expect(view.getState().n).toBe(0);
		clock.advance(0);
		expect(view.getState().n).toBe(1);
		frameComing = false;
		clock.advance(1000);
		source.setState({n: 2});
		expect(view.getState().n).toBe(2);
	});

	it('flush passes on what is held back at once, and the timer no longer fires for it', () => {
		const source = counter();
		const clock = harness();
		const view = throttledView(source, 1000, clock.timers);
		const seen = changesOf(view);
		source.getState().bump();
		source.getState().bump();
		expect(seen).toEqual([1]);
		view.flush();
		expect(seen).toEqual([1, 2]);
		expect(clock.pending()).toBe(0);
		view.flush();
		expect(seen).toEqual([1, 2]);
	});
});
