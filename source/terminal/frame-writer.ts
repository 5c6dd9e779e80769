import {EventEmitter} from 'node:events';
import {clipLine, diffScreens, parseLine, type ParsedLine} from './screen-diff.js';

// Ink is run in debug mode against this sink: it then hands over every frame whole, with no erase
// sequences and no throttle of its own (ink.js onRender), and never takes the clear-the-scrollback path
// for tall frames. The writer throttles, diffs against what the terminal already shows, and sends only
// the changed cells inside one synchronized-output block.

const BEGIN_SYNC = '\u001B[?2026h';
const END_SYNC = '\u001B[?2026l';
const RESIZE_SETTLE_MS = 50;

export type FrameWriterOptions = {
	write: (data: string) => void;
	columns: number;
	rows: number;
	/** Frames per second at most; later frames in the same interval are coalesced into the last. */
	maxFps?: number;
	now?: () => number;
	setTimer?: (callback: () => void, ms: number) => unknown;
	clearTimer?: (timer: unknown) => void;
};

/** The subset of a tty.WriteStream that Ink reads from its stdout. */
export type FrameSink = EventEmitter & {
	columns: number;
	rows: number;
	isTTY: boolean;
	write(data: string): boolean;
};

export type FrameWriter = {
	sink: FrameSink;
	/** The terminal changed size: the next frame is painted whole. */
	resize(columns: number, rows: number): void;
	/** Paint the whole screen again (after something else wrote to the terminal). */
	invalidate(): void;
	/** Send a pending frame now. */
	flush(): void;
	stats(): {bytes: number; frames: number};
	dispose(): void;
};

export const createFrameWriter = (options: FrameWriterOptions): FrameWriter => {
	const now = options.now ?? Date.now;
	const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
	const clearTimer = options.clearTimer ?? (timer => clearTimeout(timer as NodeJS.Timeout));
	const minGapMs = 1000 / (options.maxFps ?? 10);

	let shown: ParsedLine[] | null = null;
	let parsedByLine = new Map<string, ParsedLine>();
	let pending: string | null = null;
	let lastFrame: string | null = null;
	let lastSentAt = -Infinity;
	let timer: unknown = null;
	let bytes = 0;
	let frames = 0;
	let disposed = false;

	const send = () => {
		timer = null;
		if (pending === null || disposed) return;
		const frame = pending;
		pending = null;
		lastSentAt = now();
		// Most lines are the same as in the frame before: parse only the ones that changed.
		const previous = parsedByLine;
		parsedByLine = new Map();
		const next = frame.split('\n').map(line => {
			const parsed = previous.get(line) ?? parseLine(line);
			parsedByLine.set(line, parsed);
			return clipLine(parsed, sink.columns);
		});
		const diff = diffScreens(shown, next);
		shown = next;
		if (!diff) return;
		const data = BEGIN_SYNC + diff + END_SYNC;
		bytes += Buffer.byteLength(data);
		frames++;
		options.write(data);
	};

	const sink = Object.assign(new EventEmitter(), {
		columns: options.columns,
		rows: options.rows,
		isTTY: true,
		write(data: string): boolean {
			if (disposed || data === lastFrame) return true;
			lastFrame = data;
			pending = data;
			if (timer !== null) return true;
			const wait = lastSentAt + minGapMs - now();
			if (wait <= 0) send();
			else timer = setTimer(send, wait);
			return true;
		},
	}) as FrameSink;

	return {
		sink,
		resize(columns, rows) {
			sink.columns = columns;
			sink.rows = rows;
			// The terminal has reflowed or cleared what it showed: the next frame is painted whole. Ink lays
			// out again for the new size when it hears 'resize'; if it sends nothing new, the last frame is
			// painted again (clipped to the new width) once the resize has settled.
			shown = null;
			if (lastFrame !== null && pending === null) pending = lastFrame;
			lastFrame = null;
			sink.emit('resize');
			if (timer !== null) clearTimer(timer);
			timer = setTimer(send, Math.max(minGapMs, RESIZE_SETTLE_MS));
		},
		invalidate() {
			shown = null;
			if (lastFrame !== null && pending === null) pending = lastFrame;
			if (timer === null) send();
		},
		flush() {
			if (timer !== null) clearTimer(timer);
			send();
		},
		stats: () => ({bytes, frames}),
		dispose() {
			disposed = true;
			if (timer !== null) clearTimer(timer);
			timer = null;
		},
	};
};
