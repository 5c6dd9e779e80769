import type {KeyPress} from './keymap.js';

// Ink hands several keys that arrive in one read to the input handler as one; this splits them back into
// the key presses they were made of, before the dispatcher sees them.

const NO_KEY: KeyPress = {
	upArrow: false,
	downArrow: false,
	pageUp: false,
	pageDown: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	meta: false,
	backspace: false,
	delete: false,
};

/** A key press with no special key held, or with the given ones: what a plain character arrives as. */
export const keyPress = (fields: Partial<KeyPress> = {}): KeyPress => ({...NO_KEY, ...fields});

/** One character as Ink would report it had it arrived alone. */
function keyOfCharacter(character: string): {input: string; key: KeyPress} {
	const code = character.codePointAt(0) ?? 0;
	if (character === '\r' || character === '\n') return {input: '', key: keyPress({return: true})};
	if (code === 0x7f) return {input: '', key: keyPress({delete: true})};
	if (code === 0x08) return {input: '', key: keyPress({backspace: true})};
	if (code >= 0x01 && code <= 0x1a && character !== '\t') return {input: String.fromCodePoint(code + 0x60), key: keyPress({ctrl: true})};
	return {input: character, key: NO_KEY};
}

/**
 * Ink hands a run of plain characters that arrived in one chunk (a paste, key repeat over a slow link,
 * tmux send-keys) to the handler as ONE input, Enter included: "/1049\r". Such a run is split back into
 * the key presses it was made of, so each acts as if typed alone. Anything with an escape sequence Ink
 * has already split, and a single key passes through as it is.
 */
export function splitKeyPresses(input: string, key: KeyPress): Array<{input: string; key: KeyPress}> {
	const characters = Array.from(input);
	if (characters.length <= 1 || input.includes('\u001B')) return [{input, key}];
	return characters.map(character => keyOfCharacter(character));
}
