import {EventEmitter} from 'node:events';

// Streams for Ink's real render, for tests that need more of Ink than ink-testing-library gives: its
// resize handling, its stdin parsing, its debug-mode writes.

/** Ink's stdout as a terminal: a size Ink reads, `resize` events to emit, and the last frame written. */
export class FakeTerminal extends EventEmitter {
	isTTY = true;
	last = '';

	constructor(
		public columns = 120,
		public rows = 40,
	) {
		super();
	}

	write(frame: string): boolean {
		// Ink also writes cursor show/hide sequences on their own; keep the frames.
		if (!frame.startsWith('\u001B[?25')) this.last = frame;
		return true;
	}
}

/** Ink's stdin when it is a pipe, not a terminal: Ink sees isTTY undefined and leaves the keys off. */
export const pipeStdin = () => Object.assign(new EventEmitter(), {isTTY: undefined, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null});
