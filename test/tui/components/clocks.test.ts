import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createAnimationClock} from '../../../source/tui/hooks/animation-clock.js';
import {createStore} from 'zustand/vanilla';
import {clockAlignedTimers, createWallClock} from '../../../source/tui/hooks/wall-clock.js';
import {throttledView} from '../../../source/store/throttled-view.js';

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date']});
	vi.setSystemTime(Date.parse('2026-11-29T10:00:00.000Z'));
});

afterEach(() => {
	vi.useRealTimers();
});

describe('animation clock', () => {
	it('has no timer until something animates, one timer for many, none after the last stops', () => {
		const clock = createAnimationClock({enabled: true, intervalMs: 500});
		expect(vi.getTimerCount()).toBe(0);
		const stopA = clock.subscribe(() => {});
		const stopB = clock.subscribe(() => {});
		expect(vi.getTimerCount()).toBe(1);
		expect(clock.isRunning()).toBe(true);
		stopA();
		expect(vi.getTimerCount()).toBe(1);
		stopB();
		expect(vi.getTimerCount()).toBe(0);
		expect(clock.isRunning()).toBe(false);
	});

	it('advances one frame per interval and tells every listener', () => {
		const clock = createAnimationClock({enabled: true, intervalMs: 500});
		const heard: number[] = [];
		const stop = clock.subscribe(() => heard.push(clock.getFrame()));
		vi.advanceTimersByTime(1499);
		expect(heard).toEqual([1, 2]);
		stop();
	});

	it('never starts a timer when animation is off', () => {
		const clock = createAnimationClock({enabled: false});
		const stop = clock.subscribe(() => {});
		expect(vi.getTimerCount()).toBe(0);
		vi.advanceTimersByTime(5000);
		expect(clock.getFrame()).toBe(0);
		stop();
	});
});

describe('wall clock', () => {
	it('sleeps until the earliest change with a single timer', () => {
		const clock = createWallClock();
		const start = Date.now();
		const woken: string[] = [];
		clock.subscribe(() => woken.push('a'), () => start + 60_000);
		clock.subscribe(() => woken.push('b'), () => start + 5000);
		expect(vi.getTimerCount()).toBe(1);
		vi.advanceTimersByTime(4999);
		expect(woken).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(woken.sort()).toEqual(['a', 'b']);
	});

	it('re-plans after each wake-up from the new change times', () => {
		const clock = createWallClock();
		let next = Date.now() + 1000;
		let wakes = 0;
		clock.subscribe(
			() => {
				wakes++;
				next += 1000;
			},
			() => next,
		);
		vi.advanceTimersByTime(3000);
		expect(wakes).toBe(3);
	});

	it('has no timer when no text can change, or when nobody is left', () => {
		const clock = createWallClock();
		const stopFixed = clock.subscribe(() => {}, () => null);
		expect(vi.getTimerCount()).toBe(0);
		const stopTicking = clock.subscribe(() => {}, () => Date.now() + 1000);
		expect(clock.isRunning()).toBe(true);
		stopTicking();
		stopFixed();
		expect(vi.getTimerCount()).toBe(0);
		expect(clock.isRunning()).toBe(false);
	});

	it('wakes at most once per minimum interval in low-bandwidth mode, whatever the texts ask', () => {
		const clock = createWallClock(Date.now, {minIntervalMs: 60_000});
		let next = Date.now() + 1000;
		const wokenAt: number[] = [];
		const start = Date.now();
		clock.subscribe(
			() => {
				wokenAt.push(Date.now() - start);
				next = Date.now() + 1000;
			},
			() => next,
		);
		vi.advanceTimersByTime(150_000);
		expect(wokenAt).toEqual([60_000, 120_000]);
	});

	it('still wakes for a text that changes later than the minimum interval', () => {
		const clock = createWallClock(Date.now, {minIntervalMs: 60_000});
		const start = Date.now();
		const wokenAt: number[] = [];
		clock.subscribe(() => wokenAt.push(Date.now() - start), () => start + 90_000);
		vi.advanceTimersByTime(100_000);
		expect(wokenAt).toEqual([90_000]);
	});

	it('runs scheduled work in the same wake-up as the texts due then, and only once', () => {
		const clock = createWallClock();
		const start = Date.now();
		const order: string[] = [];
		clock.subscribe(() => order.push(`text@${Date.now() - start}`), () => start + 1000);
		clock.schedule(() => order.push(`work@${Date.now() - start}`), start + 1000);
		expect(vi.getTimerCount()).toBe(1);
		vi.advanceTimersByTime(1000);
		expect(order.sort()).toEqual(['text@1000', 'work@1000']);
		vi.advanceTimersByTime(5000);
		expect(order.filter(entry => entry.startsWith('work'))).toHaveLength(1);
	});

	it('wakes for scheduled work before any text is due, without moving the texts or their minimum interval', () => {
		const clock = createWallClock(Date.now, {minIntervalMs: 60_000});
		const start = Date.now();
		const texts: number[] = [];
		const work: number[] = [];
		clock.subscribe(() => texts.push(Date.now() - start), () => Date.now() + 1000);
		clock.schedule(() => work.push(Date.now() - start), start + 2000);
		expect(clock.nextWakeAt()).toBe(start + 2000);
		vi.advanceTimersByTime(61_000);
		expect(work).toEqual([2000]);
		expect(texts).toEqual([60_000]);
	});

	it('forgets cancelled work and sleeps when nothing is left', () => {
		const clock = createWallClock();
		let ran = false;
		const cancel = clock.schedule(() => {
			ran = true;
		}, Date.now() + 500);
		expect(clock.isRunning()).toBe(true);
		cancel();
		expect(clock.isRunning()).toBe(false);
		expect(clock.nextWakeAt()).toBeNull();
		vi.advanceTimersByTime(1000);
		expect(ran).toBe(false);
	});
});

describe('a store view on the wall clock', () => {
	const counter = () => createStore<{n: number}>()(() => ({n: 0}));

	it('shows a change on a still screen at once', () => {
		const clock = createWallClock();
		const source = counter();
		const view = throttledView(source, 1000, clockAlignedTimers(clock));
		source.setState({n: 1});
		expect(view.getState().n).toBe(1);
		view.dispose();
	});

	it('holds changes for the whole-second wake-up that moves the ticking texts, so both are one frame', () => {
		vi.setSystemTime(Date.parse('2026-11-29T10:00:00.300Z'));
		const clock = createWallClock();
		const source = counter();
		const view = throttledView(source, 1000, clockAlignedTimers(clock));
		const frames: Array<{at: number; what: string}> = [];
		// A ticking duration: changes on every whole second.
		clock.subscribe(
			() => frames.push({at: Date.now() % 10_000, what: 'tick'}),
			() => Math.ceil((Date.now() + 1) / 1000) * 1000,
		);
		view.subscribe(state => frames.push({at: Date.now() % 10_000, what: `n=${state.n}`}));
		source.setState({n: 1});
		vi.advanceTimersByTime(200);
		source.setState({n: 2});
		vi.advanceTimersByTime(1000);
		source.setState({n: 3});
		vi.advanceTimersByTime(1000);
		expect(frames.filter(frame => frame.what !== 'tick')).toEqual([
			{at: 1000, what: 'n=2'},
			{at: 2000, what: 'n=3'},
		]);
		// Every change of the view landed on a wake-up of the clock.
		const ticks = new Set(frames.filter(frame => frame.what === 'tick').map(frame => frame.at));
		expect(ticks.has(1000) && ticks.has(2000)).toBe(true);
		view.dispose();
	});
});
