// Ink nests colours by opening and closing SGR codes around every styled span, so a cell's raw style is
// often a long history ("1m 22m 1m 22m 31m 32m 90m 39m 32m 39m 2m") that ends in a short state (dim).
// The frame writer compares and re-emits cells by style, so it keeps the state, not the history:
// fewer bytes on every change, and equal-looking cells compare equal.

export type SgrState = {
	intensity: '' | '1' | '2';
	italic: boolean;
	underline: boolean;
	blink: boolean;
	inverse: boolean;
	hidden: boolean;
	strike: boolean;
	fg: string;
	bg: string;
};

export const EMPTY_SGR: SgrState = {
	intensity: '',
	italic: false,
	underline: false,
	blink: false,
	inverse: false,
	hidden: false,
	strike: false,
	fg: '',
	bg: '',
};

const TOGGLES = {
	3: ['italic', true],
	23: ['italic', false],
	4: ['underline', true],
	24: ['underline', false],
	5: ['blink', true],
	25: ['blink', false],
	7: ['inverse', true],
	27: ['inverse', false],
	8: ['hidden', true],
	28: ['hidden', false],
	9: ['strike', true],
	29: ['strike', false],
} as const satisfies Record<number, readonly [keyof SgrState, boolean]>;

/** The state after applying the parameters of one SGR sequence (the text between `ESC [` and `m`). */
export function applySgr(state: SgrState, parameters: string): SgrState {
	const codes = parameters === '' ? ['0'] : parameters.split(/[;:]/);
	let next = state;
	for (let index = 0; index < codes.length; index++) {
		const code = Number(codes[index] || '0');
		if (code === 0) next = EMPTY_SGR;
		else if (code === 1 || code === 2) next = {...next, intensity: code === 1 ? '1' : '2'};
		else if (code === 22) next = {...next, intensity: ''};
		else if (code in TOGGLES) {
			const [key, value] = TOGGLES[code as keyof typeof TOGGLES];
			next = {...next, [key]: value};
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) next = {...next, fg: String(code)};
		else if (code === 39) next = {...next, fg: ''};
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) next = {...next, bg: String(code)};
		else if (code === 49) next = {...next, bg: ''};
		else if (code === 38 || code === 48) {
			const mode = codes[index + 1];
			const length = mode === '5' ? 2 : mode === '2' ? 4 : 0;
			const colour = [String(code), ...codes.slice(index + 1, index + 1 + length)].join(';');
			index += length;
			next = code === 38 ? {...next, fg: colour} : {...next, bg: colour};
		}
	}
	return next;
}

/** The shortest SGR sequence that sets `state` from the default state ('' for the default itself). */
export function sgrOf(state: SgrState): string {
	const parts: string[] = [];
	if (state.intensity) parts.push(state.intensity);
	if (state.italic) parts.push('3');
	if (state.underline) parts.push('4');
	if (state.blink) parts.push('5');
	if (state.inverse) parts.push('7');
	if (state.hidden) parts.push('8');
	if (state.strike) parts.push('9');
	if (state.fg) parts.push(state.fg);
	if (state.bg) parts.push(state.bg);
	return parts.length === 0 ? '' : `\u001B[${parts.join(';')}m`;
}
