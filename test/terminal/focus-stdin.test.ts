import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {createFocusStdin, FOCUS_TAIL_MS} from '../../source/terminal/focus-stdin.js';
import type {FocusEvent} from '../../source/terminal/focus-events.js';

const ESC = '\u001B';

function fakeTerminal() {
	const real = Object.assign(new PassThrough(), {isTTY: true, rawModes: [] as boolean[]});
	const tty = Object.assign(real, {
		setRawMode(mode: boolean) {
			real.rawModes.push(mode);
			return real;
		},
	});
	const timers: Array<{callback: () => void; ms: number; cleared: boolean}> = [];
	const events: FocusEvent[] = [];
	const clicks: Array<{x: number; y: number}> = [];
	const stdin = createFocusStdin(tty as unknown as NodeJS.ReadStream, {
		onFocus: event => events.push(event),
		onClick: click => clicks.push(click),
		setTimer(callback, ms) {
			const timer = {callback, ms, cleared: false};
			timers.push(timer);
			return timer;
		},
		clearTimer(timer) {
			(timer as {cleared: boolean}).cleared = true;
		},
	});
	stdin.setEncoding('utf8');
	const read = () => {
		let text = '';
		let chunk: string | null;
		while ((chunk = stdin.read() as string | null) !== null) text += chunk;
		return text;
	};

	const tick = () => new Promise(resolve => setImmediate(resolve));
	return {real: tty, stdin, events, clicks, timers, read, tick};
}

describe('focus stdin', () => {
	it('looks like a TTY and reads the terminal only while raw mode is on', async () => {
		const {real, stdin, read, tick} = fakeTerminal();
		expect(stdin.isTTY).toBe(true);
		real.write('a');
		await tick();
		expect(read()).toBe('');
		stdin.setRawMode(true);
		await tick();
		expect(real.rawModes).toEqual([true]);
		expect(read()).toBe('a');
		stdin.setRawMode(false);
		real.write('b');
		await tick();
		expect(read()).toBe('');
		expect(real.rawModes).toEqual([true, false]);
	});

	it('hands focus reports to the callback and the rest to Ink', async () => {
		const {real, stdin, events, read, tick} = fakeTerminal();
		stdin.setRawMode(true);
		real.write(`x${ESC}[O`);
		real.write(`${ESC}[Iq`);
		await tick();
		expect(read()).toBe('xq');
		expect(events).toEqual(['blur', 'focus']);
	});

	it('lets a lone Esc through after a short wait', async () => {
		const {real, stdin, events, timers, read, tick} = fakeTerminal();
		stdin.setRawMode(true);
		real.write(ESC);
		await tick();
		expect(read()).toBe('');
		expect(timers).toHaveLength(1);
		expect(timers[0]?.ms).toBe(FOCUS_TAIL_MS);
		timers[0]?.callback();
		await tick();
		expect(read()).toBe(ESC + ESC);
		expect(events).toEqual([]);
	});

	it('tells Esc followed by a key in the same read from Alt+key: ESC ESC, which Ink reads as Escape', async () => {
		const {real, stdin, read, tick} = fakeTerminal();
		stdin.setRawMode(true);
		real.write(`${ESC}/`);
		await tick();
		expect(read()).toBe(`${ESC}${ESC}/`);
		real.write(`${ESC}j${ESC}[A${ESC}OA${ESC}${ESC}[B`);
		await tick();
		expect(read()).toBe(`${ESC}${ESC}j${ESC}[A${ESC}OA${ESC}${ESC}${ESC}[B`);
	});

	it('tells Esc from Alt+key when the key comes in the next read, before the wait is over', async () => {
		const {real, stdin, read, tick} = fakeTerminal();
		stdin.setRawMode(true);
		real.write(ESC);
		await tick();
		real.write('/');
		await tick();
		expect(read()).toBe(`${ESC}${ESC}/`);
	});

	it('joins a report split across chunks and cancels the pending flush', async () => {
		const {real, stdin, events, timers, read, tick} = fakeTerminal();
		stdin.setRawMode(true);
		real.write(`k${ESC}`);
		await tick();
		real.write('[I');
		await tick();
		expect(read()).toBe('k');
		expect(events).toEqual(['focus']);
		expect(timers.map(timer => timer.cleared)).toEqual([true]);
	});

	it('decodes a character split across chunks', async () => {
		const {real, stdin, read, tick} = fakeTerminal();
		stdin.setRawMode(true);
		const bytes = Buffer.from('é', 'utf8');
		real.write(bytes.subarray(0, 1));
		real.write(bytes.subarray(1));
		await tick();
		expect(read()).toBe('é');
	});

	it('takes mouse reports out of the input: the wheel becomes arrow keys, clicks go to onClick', async () => {
		const {real, stdin, clicks, read, tick} = fakeTerminal();
		stdin.setRawMode(true);
		real.write(`a${ESC}[<64;10;5M${ESC}[<65;10;5Mb${ESC}[<0;12;7M${ESC}[<0;12;7mc`);
		await tick();
		expect(read()).toBe(`a${ESC}[A${ESC}[Bbc`);
		expect(clicks).toEqual([{x: 12, y: 7}]);
	});

	it('holds a mouse report split by the link until the rest arrives', async () => {
		const {real, stdin, clicks, read, tick, timers} = fakeTerminal();
		stdin.setRawMode(true);
		real.write(`x${ESC}[<0;3`);
		await tick();
		expect(read()).toBe('x');
		real.write(';4M');
		await tick();
		expect(read()).toBe('');
		expect(clicks).toEqual([{x: 3, y: 4}]);
		expect(timers.at(-1)?.cleared).toBe(true);
	});
});
