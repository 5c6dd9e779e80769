import {Buffer} from 'node:buffer';
import {sanitizeText} from '../text/sanitize.js';
import {truncateToWidth} from '../text/text.js';

// The escape sequences the app itself writes. Whatever text goes inside one (a title, a link's URL and
// text, a notification, clipboard content) is sanitised here, so an API string can never close the
// sequence early and smuggle in one of its own: after sanitizeText there is no ESC, BEL, C1 or ST left.

export type Env = Readonly<Record<string, string | undefined>>;

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

export const ENTER_ALT_SCREEN = `${ESC}[?1049h`;
export const LEAVE_ALT_SCREEN = `${ESC}[?1049l`;
export const FOCUS_REPORTING_ON = `${ESC}[?1004h`;
export const FOCUS_REPORTING_OFF = `${ESC}[?1004l`;
/** Presses and the wheel (1000), reported in SGR form (1006); Shift+drag stays the terminal's selection. */
export const MOUSE_REPORTING_ON = `${ESC}[?1000h${ESC}[?1006h`;
export const MOUSE_REPORTING_OFF = `${ESC}[?1006l${ESC}[?1000l`;
export const HIDE_CURSOR = `${ESC}[?25l`;
export const SHOW_CURSOR = `${ESC}[?25h`;

// Terminals cap OSC payloads: VTE ignores hyperlink URIs over 2083 bytes, and hterm (whose limit tmux and
// vim-oscyank adopted) takes OSC 52 sequences of at most 100,000 bytes, i.e. 74,994 bytes of text.
const MAX_LINK_URL_LENGTH = 2083;
const MAX_CLIPBOARD_BYTES = 74_994;
const MAX_TITLE_WIDTH = 200;
const MAX_NOTIFICATION_WIDTH = 256;

/**
 * A URL fit for OSC 8, or null: http(s) only, serialised by the URL parser (spaces and non-ASCII
 * percent-encoded, host in punycode), `;` percent-encoded too since it separates OSC parameters, and
 * nothing outside printable ASCII.
 */
export function hyperlinkUrl(url: string): string | null {
	let parsed: URL;
	try {
		parsed = new URL(sanitizeText(url).trim());
	} catch {
		return null;
	}

	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
	const href = parsed.href.replaceAll(';', '%3B');
	if (href.length > MAX_LINK_URL_LENGTH || !/^[\u0021-\u007e]+$/.test(href)) return null;
	return href;
}

/**
 * `text` as an OSC 8 hyperlink to `url` (the URL itself when text is empty). A URL that is not a usable
 * http(s) URL gives the plain text without a link, so a caller never prints half a sequence. BEL ends the
 * sequences: Ink 6.8 (through @alcalzone/ansi-tokenize) measures only BEL-terminated OSC 8 as zero-width
 * and would lay an ST-terminated one out as visible cells.
 */
export function osc8Link(url: string, text: string): string {
	const target = hyperlinkUrl(url);
	const label = sanitizeText(text);
	if (target === null) return label;
	return `${ESC}]8;;${target}${BEL}${label === '' ? target : label}${ESC}]8;;${BEL}`;
}

/** Cuts UTF-8 bytes at a character boundary at or below `max`. */
const utf8Prefix = (bytes: Buffer, max: number): Buffer => {
	if (bytes.length <= max) return bytes;
	let end = max;
	while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
	return bytes.subarray(0, end);
};

/**
 * Puts text on the system clipboard via OSC 52 (works over SSH). The text is sanitised in multiline mode:
 * clipboard content gets pasted into shells later, and an escape sequence in it (such as a fake
 * end-of-bracketed-paste) would run there. Text beyond what terminals accept is cut.
 */
export function osc52Copy(text: string): string {
	const bytes = utf8Prefix(Buffer.from(sanitizeText(text, {multiline: true}), 'utf8'), MAX_CLIPBOARD_BYTES);
	return `${ESC}]52;c;${bytes.toString('base64')}${BEL}`;
}

const notificationText = (text: string): string => truncateToWidth(sanitizeText(text).trim(), MAX_NOTIFICATION_WIDTH);

/**
 * A desktop notification via OSC 9 (iTerm2, WezTerm, kitty, Ghostty, Windows Terminal). ConEmu and
 * Windows Terminal read `OSC 9 ; <digits> ;` as a command (progress, message box), so a body that starts
 * with a digit gets a leading space.
 */
export function osc9Notify(text: string): string {
	const body = notificationText(text);
	return `${ESC}]9;${/^\d/.test(body) ? ` ${body}` : body}${BEL}`;
}

/** A desktop notification via OSC 777 (urxvt, foot, Ghostty, VTE). `;` ends the title, so the title has none. */
export function osc777Notify(title: string, body: string): string {
	return `${ESC}]777;notify;${notificationText(title).replaceAll(';', ',')};${notificationText(body)}${BEL}`;
}

/** Sets the window title (OSC 2). */
export function setTitle(text: string): string {
	return `${ESC}]2;${truncateToWidth(sanitizeText(text).trim(), MAX_TITLE_WIDTH)}${BEL}`;
}

/** Saves the window title on the terminal's title stack (XTWINOPS 22;2), to be restored by popTitle. */
export const pushTitle = (): string => `${ESC}[22;2t`;

/** Restores the window title saved by pushTitle (XTWINOPS 23;2). */
export const popTitle = (): string => `${ESC}[23;2t`;

export const bell = (): string => BEL;

/**
 * A sequence wrapped for tmux's passthrough (DCS tmux; … ST, every ESC doubled), so that tmux hands it to
 * the outer terminal. tmux 3.3+ passes it on only with `allow-passthrough on`.
 */
export function wrapForTmux(sequence: string): string {
	return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ST}`;
}

/** Running inside tmux. */
export const inTmux = (env: Env): boolean => (env.TMUX ?? '') !== '' || env.TERM_PROGRAM === 'tmux';

/** What sits between the app and the terminal: tmux, GNU screen (STY), or nothing. tmux inside screen is tmux. */
export type Multiplexer = 'tmux' | 'screen' | null;

export const multiplexerOf = (env: Env): Multiplexer => (inTmux(env) ? 'tmux' : (env.STY ?? '') !== '' ? 'screen' : null);

// GNU screen keeps at most 768 bytes of a DCS string, so a long sequence goes through in pieces, each its
// own DCS, that the outer terminal reads as one sequence again (as vim-oscyank does).
const SCREEN_CHUNK = 76;

/** A sequence wrapped for GNU screen's passthrough (DCS … ST, in pieces), which hands it to the outer terminal. */
function wrapForScreen(sequence: string): string {
	const pieces: string[] = [];
	for (let start = 0; start < sequence.length; start += SCREEN_CHUNK) pieces.push(`${ESC}P${sequence.slice(start, start + SCREEN_CHUNK)}${ST}`);
	return pieces.join('');
}

/** tmux's `set-clipboard` option, or null when it could not be read. */
export type TmuxSetClipboard = 'on' | 'external' | 'off' | null;

/** How a copy goes out: the bytes to write (null: none), whether the text reaches the clipboard, what to say. */
export type ClipboardPlan = {sequence: string | null; copied: boolean; note: string};

/**
 * How `text` reaches the clipboard through what sits in between. tmux reads OSC 52 itself (it does not pass
 * it through, and its passthrough is off by default since 3.3) and sets the outer terminal's clipboard only
 * with `set-clipboard on`; with `external` (its default) or `off` it drops what an application sends. GNU
 * screen does not know OSC 52 and passes it on only inside DCS passthrough.
 */
export function clipboardPlan(text: string, where: {multiplexer: Multiplexer; tmuxSetClipboard: TmuxSetClipboard}): ClipboardPlan {
	const sequence = osc52Copy(text);
	if (where.multiplexer === 'screen') return {sequence: wrapForScreen(sequence), copied: true, note: 'copied (OSC 52 through screen)'};
	if (where.multiplexer === null) return {sequence, copied: true, note: 'copied (OSC 52)'};
	switch (where.tmuxSetClipboard) {
		case 'on':
			return {sequence, copied: true, note: 'copied (OSC 52 through tmux)'};
		case null:
			return {sequence, copied: false, note: 'sent to tmux: copied only with set -g set-clipboard on'};
		default:
			return {sequence: null, copied: false, note: `not copied: tmux has set-clipboard ${where.tmuxSetClipboard}; set -g set-clipboard on`};
	}
}

/** Whether a dotted version ('3.1.20', '1.72.0-insider') is at least `minimum`. */
function versionAtLeast(version: string | undefined, minimum: readonly number[]): boolean {
	if (version === undefined) return false;
	const parts = version.split('.').map(part => Number.parseInt(part, 10));
	for (const [index, wanted] of minimum.entries()) {
		const have = parts[index] ?? 0;
		if (!Number.isFinite(have)) return false;
		if (have !== wanted) return have > wanted;
	}

	return true;
}

/** TERM_PROGRAM values that support OSC 8, with the first version that does (null: every version). */
const HYPERLINK_TERM_PROGRAMS: ReadonlyMap<string, readonly number[] | null> = new Map([
	['iTerm.app', [3, 1]],
	['vscode', [1, 72]],
	['WezTerm', null],
	['ghostty', null],
]);

const HYPERLINK_TERMS = ['kitty', 'alacritty', 'foot', 'wezterm', 'ghostty'];

/**
 * Whether the terminal shows OSC 8 hyperlinks, from its environment. FORCE_HYPERLINK decides when set
 * ('0' or 'false': no, anything else: yes). No for TERM=dumb, and inside tmux or GNU screen: tmux drops
 * OSC 8 unless its terminal-features are set up for it, and screen drops it always. Otherwise yes for
 * iTerm2 3.1+, VS Code 1.72+, WezTerm, Ghostty, Windows Terminal, kitty, Alacritty, foot and VTE 0.50+
 * (GNOME Terminal, Tilix, …), and no for anything not known to support it, since the screens then print
 * the URL itself.
 */
export function supportsHyperlinks(env: Env): boolean {
	const force = env.FORCE_HYPERLINK;
	if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
	const term = (env.TERM ?? '').toLowerCase();
	if (term === 'dumb' || inTmux(env) || term.startsWith('screen')) return false;
	if ((env.WT_SESSION ?? '') !== '' || (env.KITTY_WINDOW_ID ?? '') !== '') return true;
	if (Number.parseInt(env.VTE_VERSION ?? '', 10) >= 5000) return true;
	const program = env.TERM_PROGRAM;
	const minimum = program === undefined ? undefined : HYPERLINK_TERM_PROGRAMS.get(program);
	if (minimum !== undefined) return minimum === null || versionAtLeast(env.TERM_PROGRAM_VERSION, minimum);

	return HYPERLINK_TERMS.some(name => term.includes(name));
}
