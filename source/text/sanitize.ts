import stringWidth from 'string-width';

// Every string the API sends (labels, steps, statuses, error messages that echo warehouse values) passes
// through sanitizeText before it reaches the terminal. A Census error_detail can hold anything a customer's
// warehouse holds, so an unsanitised `\x1b]0;…\x07` would retitle the window, `\x1b[2J` would wipe the
// screen, an OSC 52 would write the user's clipboard, and bidi overrides would make text read differently
// from what it is.
//
// What comes out:
// - no C0 control except `\n` (multiline only), no DEL, no C1 control, no lone surrogate (→ U+FFFD);
// - escape sequences are removed whole, not just their ESC, so no `[2J` litter is left behind: CSI, OSC,
//   DCS/SOS/PM/APC strings, nF escapes (`ESC ( 0`) and two-character escapes, and the 8-bit C1 forms of the
//   introducers (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098 SOS, U+009E PM, U+009F APC) and of ST (U+009C);
// - a string sequence ends where a terminal would end it (BEL or ST for OSC, ST for the others, and ESC,
//   CAN or SUB for any); one that never ends swallows the rest of the input rather than leak its payload;
// - bidi controls and invisible format characters are removed (see NEEDS_LOOK);
// - line breaks (CR, LF, CRLF, VT, FF, NEL, U+2028, U+2029): single-line mode turns each run of them into
//   ONE space, so "a\r\n\r\nb" reads "a b"; multiline mode turns each into `\n` (CRLF counts as one);
// - tabs: single-line mode makes each tab one space; multiline mode expands it with spaces to the next
//   multiple of 4 cells, so tab-separated detail text keeps its columns.
// Since nothing that can start a sequence survives, the output is safe however it is cut or concatenated,
// and sanitising twice changes nothing.

export type SanitizeOptions = {
	/** Keep line breaks as `\n` (and expand tabs to 4-cell stops). Default false: one line. */
	multiline?: boolean;
};

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
const ST_8BIT = 0x9c;
const TAB_STOP = 4;
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

const isLineBreak = (code: number): boolean =>
	code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;

// Format characters that draw nothing but reorder or hide text: bidi embeddings, overrides, isolates and
// marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), zero-width space, word joiner and invisible
// operators (U+200B, U+2060–2064), the deprecated format controls (U+206A–206F), soft hyphen (U+00AD,
// drawn by some terminals and not others, which breaks column alignment), U+180E, BOM (U+FEFF) and the
// interlinear annotation controls (U+FFF9–FFFB). ZWJ and ZWNJ (U+200C/200D) stay: emoji and scripts need
// them. Tag characters (U+E0000–E007F, "ASCII smuggling") are dropped in the surrogate-pair branch.
// NEEDS_LOOK finds those, the controls, C1 and surrogates (pairs are checked for tag characters);
// everything between two hits is copied in one slice.
const NEEDS_LOOK = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb]/g;

/** Index after a CSI whose parameters start at `index`; at a byte that cannot belong to it, stop there. */
function skipCsi(text: string, index: number): number {
	let at = index;
	while (at < text.length) {
		const code = text.charCodeAt(at);
		if (code >= 0x20 && code <= 0x3f) {
			at++;
		} else if (code >= 0x40 && code <= 0x7e) {
			return at + 1;
		} else {
			return at;
		}
	}

	return at;
}

/** Index after an OSC/DCS/SOS/PM/APC payload starting at `index`; ESC is left for the caller to read. */
function skipControlString(text: string, index: number, endsAtBel: boolean): number {
	for (let at = index; at < text.length; at++) {
		const code = text.charCodeAt(at);
		if (code === ST_8BIT || code === CAN || code === SUB || (endsAtBel && code === BEL)) return at + 1;
		if (code === ESC) return at;
	}

	return text.length;
}

/** Index after the escape sequence whose ESC is at `index`. */
function skipEscape(text: string, index: number): number {
	const next = index + 1;
	if (next >= text.length) return next;
	const code = text.charCodeAt(next);
	switch (code) {
		case 0x5b: {
			return skipCsi(text, next + 1); // ESC [
		}

		case 0x5d: {
			return skipControlString(text, next + 1, true); // ESC ]
		}

		case 0x50: // ESC P
		case 0x58: // ESC X
		case 0x5e: // ESC ^
		case 0x5f: {
			return skipControlString(text, next + 1, false); // ESC _
		}

		default: {
			break;
		}
	}

	let at = next;
	while (at < text.length && text.charCodeAt(at) >= 0x20 && text.charCodeAt(at) <= 0x2f) at++;
	if (at < text.length && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x7e) return at + 1;
	// Not an escape after all (ESC before a control or a non-ASCII character): drop the ESC alone and let
	// the character be read on its own.
	return at;
}

/** Index after the C1 control at `index`, with the sequence it introduces. */
function skipC1(text: string, index: number, code: number): number {
	switch (code) {
		case 0x9b: {
			return skipCsi(text, index + 1);
		}

		case 0x9d: {
			return skipControlString(text, index + 1, true);
		}

		case 0x90:
		case 0x98:
		case 0x9e:
		case 0x9f: {
			return skipControlString(text, index + 1, false);
		}

		default: {
			return index + 1;
		}
	}
}

const toText = (input: unknown): string => {
	if (input === null || input === undefined) return '';
	if (typeof input === 'string') return input;
	try {
		return String(input);
	} catch {
		// An object without a usable toString (Object.create(null)) has no text to show.
		return '';
	}
};

/** Makes any value safe to print in a terminal; see the notes at the top of this file. */
export function sanitizeText(input: unknown, options: SanitizeOptions = {}): string {
	const text = toText(input);
	const multiline = options.multiline === true;
	let out = '';
	// Single-line mode: the output ends with the space that stands for a run of line breaks.
	let inBreakRun = false;
	// Multiline tab stops: the cell column where `unmeasured` starts; the text emitted since then is
	// measured only at a tab. (Slicing `out` instead would flatten it at every tab: quadratic.)
	let lineColumn = 0;
	let unmeasured = '';

	const emit = (piece: string) => {
		out += piece;
		if (multiline) unmeasured += piece;
		inBreakRun = false;
	};

	const lineBreak = () => {
		if (multiline) {
			emit('\n');
			lineColumn = 0;
			unmeasured = '';
		} else if (!inBreakRun) {
			emit(' ');
			inBreakRun = true;
		}
	};

	const tab = () => {
		if (!multiline) {
			emit(' ');
			return;
		}

		lineColumn += PRINTABLE_ASCII.test(unmeasured) ? unmeasured.length : stringWidth(unmeasured);
		const spaces = TAB_STOP - (lineColumn % TAB_STOP);
		emit(' '.repeat(spaces));
		lineColumn += spaces;
		unmeasured = '';
	};

	let index = 0;
	while (index < text.length) {
		NEEDS_LOOK.lastIndex = index;
		const found = NEEDS_LOOK.exec(text);
		const stop = found === null ? text.length : found.index;
		if (stop > index) emit(text.slice(index, stop));
		if (found === null) break;

		const code = text.charCodeAt(stop);
		index = stop + 1;
		if (code === ESC) {
			index = skipEscape(text, stop);
		} else if (code === 0x0d && text.charCodeAt(index) === 0x0a) {
			index++;
			lineBreak();
		} else if (isLineBreak(code)) {
			lineBreak();
		} else if (code === 0x09) {
			tab();
		} else if (code >= 0x80 && code <= 0x9f) {
			index = skipC1(text, stop, code);
		} else if (code >= 0xd800 && code <= 0xdbff && index < text.length) {
			const low = text.charCodeAt(index);
			if (low >= 0xdc00 && low <= 0xdfff) {
				index++;
				const codePoint = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
				if (codePoint < 0xe0000 || codePoint > 0xe007f) emit(text.slice(stop, index));
			} else {
				emit('\uFFFD');
			}
		} else if (code >= 0xd800 && code <= 0xdfff) {
			emit('\uFFFD');
		}
		// Anything else that needed a look (C0, DEL, invisible format characters) is dropped.
	}

	return out;
}
