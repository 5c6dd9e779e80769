import {describe, expect, it} from 'vitest';
import {createFrameWriter} from '../../source/terminal/frame-writer.js';

const harness = (maxFps = 10) => {
	let clock = 0;
	const timers: Array<{at: number; callback: () => void} | null> = [];
	const written: string[] = [];
	const writer = createFrameWriter({
		write: data => written.push(data),
		columns: 40,
		rows: 10,
		maxFps,
		now: () => clock,
		setTimer: (callback, ms) => timers.push({at: clock + ms, callback}) - 1,
		clearTimer: timer => {
			timers[timer as number] = null;
		},
	});
	const advance = (ms: number) => {
		clock += ms;
		for (const [index, timer] of timers.entries()) {
			if (timer && timer.at <= clock) {
				timers[index] = null;
				timer.callback();
			}
		}
	};
	return {writer, written, advance, pendingTimers: () => timers.filter(Boolean).length};
};

describe('createFrameWriter', () => {
	it('paints the first frame whole inside a synchronized-output block', () => {
		const {writer, written} = harness();
		writer.sink.write('hello\nworld');
		expect(written).toHaveLength(1);
		expect(written[0]).toMatch(/^\u001B\[\?2026h\u001B\[H\u001B\[2J.*hello.*world\u001B\[\?2026l$/s);
	});

	it('coalesces frames that come faster than maxFps into the last one', () => {
		const {writer, written, advance} = harness(10);
		writer.sink.write('a');
		writer.sink.write('b');
		writer.sink.write('c');
		expect(written).toHaveLength(1);
		advance(100);
		expect(written).toHaveLength(2);
		expect(written[1]).toContain('c');
		expect(written[1]).not.toContain('b');
	});

	it('writes nothing for a frame identical to the last', () => {
		const {writer, written, advance, pendingTimers} = harness();
		writer.sink.write('same');
		advance(1000);
		writer.sink.write('same');
		expect(written).toHaveLength(1);
		expect(pendingTimers()).toBe(0);
	});

	it('repaints whole after a resize and tells Ink through the resize event', () => {
		const {writer, written, advance} = harness();
		let resized = 0;
		writer.sink.on('resize', () => resized++);
		writer.sink.write('one');
		advance(1000);
		writer.resize(80, 24);
		expect(resized).toBe(1);
		expect(writer.sink.columns).toBe(80);
		expect(written.at(-1)).toContain('\u001B[2J');
		expect(written.at(-1)).toContain('one');
	});

	it('counts the bytes and frames it sent and stops after dispose', () => {
		const {writer, written, advance} = harness();
		writer.sink.write('x');
		advance(1000);
		writer.sink.write('y');
		expect(writer.stats()).toEqual({bytes: written.reduce((sum, data) => sum + Buffer.byteLength(data), 0), frames: 2});
		writer.dispose();
		writer.sink.write('z');
		advance(1000);
		expect(written).toHaveLength(2);
	});
});

describe('createFrameWriter after a resize', () => {
	it('paints the next frame whole and never a line wider than the new width', () => {
		let clock = 0;
		const timers: Array<() => void> = [];
		const written: string[] = [];
		const writer = createFrameWriter({
			write: data => written.push(data),
			columns: 20,
			rows: 5,
			now: () => clock,
			setTimer: callback => timers.push(callback),
			clearTimer: () => undefined,
		});
		writer.sink.write('0123456789abcdefghij');
		clock = 1000;
		writer.resize(8, 5);
		writer.sink.write('narrow frame text');
		timers.splice(0).forEach(callback => callback());
		const last = written.at(-1)!;
		expect(last).toContain('\u001B[2J');
		expect(last).toContain('narrow f');
		expect(last).not.toContain('narrow fr');
	});
});
