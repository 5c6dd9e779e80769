import {Readable} from 'node:stream';
import {StringDecoder} from 'node:string_decoder';
import {separateEscapes} from './escape-keys.js';
import {createFocusFilter, type FocusEvent} from './focus-events.js';
import {createMouseFilter, type MouseEvent} from './mouse-events.js';

// The stdin Ink reads: the terminal's input with focus reports taken out and handed to `onFocus`, and
// the Esc key told apart from Alt+key (separateEscapes).
// Ink reads it the way it reads a TTY (isTTY, setRawMode, 'readable' + read(), ref/unref); raw mode and
// reading are switched on the real stream together, so nothing is read from the terminal before Ink
// asks for keys, and a piped stdin (no raw mode) is never read at all.

/**
 * How long an ESC at the end of a read waits for the rest of a sequence before it counts as the Esc key
 * (vim's ttimeoutlen): long enough for a report or key sequence split by the link, short enough not to lag.
 */
export const FOCUS_TAIL_MS = 50;

export type FocusStdinOptions = {
	onFocus(event: FocusEvent): void;
	/**
	 * Mouse reports (only sent when the session turned mouse reporting on) are taken out too: the wheel
	 * becomes ↑/↓ key presses, so that it scrolls whatever those keys scroll; clicks go here.
	 */
	onClick?(event: {x: number; y: number}): void;
	setTimer?: (callback: () => void, ms: number) => unknown;
	clearTimer?: (timer: unknown) => void;
};

const WHEEL_UP = '\u001B[A';
const WHEEL_DOWN = '\u001B[B';

type TtyLike = NodeJS.ReadStream & {setRawMode?(mode: boolean): unknown};

export type FocusStdin = Readable & {
	isTTY: boolean;
	setRawMode(mode: boolean): FocusStdin;
	ref(): FocusStdin;
	unref(): FocusStdin;
};

export function createFocusStdin(real: TtyLike, options: FocusStdinOptions): FocusStdin {
	const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
	const clearTimer = options.clearTimer ?? (timer => clearTimeout(timer as NodeJS.Timeout));
	const filter = createFocusFilter();
	const mouse = createMouseFilter(delta => (delta === 1 ? WHEEL_DOWN : WHEEL_UP));
	const decoder = new StringDecoder('utf8');
	let timer: unknown = null;
	let reading = false;

	const stream = new Readable({
		read() {
			// Data is pushed as it arrives from the terminal.
		},
	}) as FocusStdin;

	const onMouse = (events: readonly MouseEvent[]) => {
		for (const event of events) if (event.kind === 'click') options.onClick?.({x: event.x, y: event.y});
	};

	const flushTail = () => {
		timer = null;
		// The filter holds back an ESC at the end of a read: here it has waited long enough to be the Esc key.
		const {text, events} = mouse.push(filter.flush());
		const tail = text + mouse.flush();
		onMouse(events);
		if (tail !== '') stream.push(separateEscapes(tail));
	};

	const onData = (data: Buffer | string) => {
		if (timer !== null) clearTimer(timer);
		timer = null;
		const focused = filter.push(typeof data === 'string' ? data : decoder.write(data));
		const {text, events} = mouse.push(focused.text);
		if (text !== '') stream.push(separateEscapes(text));
		onMouse(events);
		for (const event of focused.events) options.onFocus(event);
		if (filter.holding() || mouse.holding()) timer = setTimer(flushTail, FOCUS_TAIL_MS);
	};

	stream.isTTY = real.isTTY === true;
	stream.setRawMode = mode => {
		real.setRawMode?.(mode);
		if (mode && !reading) {
			reading = true;
			real.on('data', onData);
		} else if (!mode && reading) {
			reading = false;
			real.off('data', onData);
			real.pause();
		}

		return stream;
	};

	stream.ref = () => {
		real.ref?.();
		return stream;
	};

	stream.unref = () => {
		real.unref?.();
		return stream;
	};

	stream.on('close', () => {
		if (timer !== null) clearTimer(timer);
		if (reading) real.off('data', onData);
		reading = false;
	});
	return stream;
}
