// Reads terminal output as a terminal would (ECMA-48: C0 and C1 controls, CSI, OSC, the other control
// strings, two-character escapes) and says which of its control sequences are not in the app's own
// vocabulary. What the app writes for layout and colour is a short, fixed list: anything else in the bytes
// got there from outside.

export type Vocabulary = {
	/** CSI sequences allowed besides SGR, as their full text after ESC [ (e.g. '?1049h', '2J'). */
	csi: RegExp;
	/** SGR parameters the app's colours and styles use, one by one. */
	sgr: ReadonlySet<string>;
	/** OSC payloads allowed (after ESC ], before the terminator). */
	osc: RegExp;
	/** Other C0 controls allowed on their own, besides LF and CR. */
	c0: ReadonlySet<string>;
};

/** Chalk's codes at 16 colours: styles and their resets, foreground and background colours. */
const CHALK_SGR = ['0', '1', '2', '3', '4', '7', '8', '9', '22', '23', '24', '27', '28', '29', '53', '55', '39', '49'];
for (let code = 30; code <= 37; code++) CHALK_SGR.push(String(code), String(code + 10), String(code + 60), String(code + 70));

export const CHALK_SGR_PARAMETERS: ReadonlySet<string> = new Set(['', ...CHALK_SGR]);

// Pieces of attacks (title, clipboard, cursor, device reports, DCS, C1 introducers, links, bidi, lone
// surrogates) and of almost-sequences, mixed with arbitrary text.
export const ATTACK_PIECES: readonly string[] = [
	'\u001B]0;pwned\u0007',
	'\u001B]2;pwned\u001B\\',
	'\u001B]52;c;cHduZWQ=\u0007',
	'\u001B]8;;http://evil.example/\u0007click\u001B]8;;\u0007',
	'\u001B[5m',
	'\u001B[6n',
	'\u001B[38;2;1;2;3m',
	'\u001B[2J',
	'\u001B[?1049l',
	'\u001B[1;1H',
	'\u001BP+q544e\u001B\\',
	'\u001B_apc\u001B\\',
	'\u001Bc',
	'\u001B7',
	'\u009B5m',
	'\u009D0;pwned\u009C',
	'\u0090dcs\u009C',
	'\u001B',
	'\u009B',
	'\u001B]',
	'\u001B[',
	'\u0007',
	'\u0008',
	'\r',
	'\n',
	'\r\n',
	'\t',
	'\u007F',
	'\u0085',
	'\u202E',
	'\u2066',
	'\u200B',
	'\uFEFF',
	'\uDC00',
	'\uD800',
	'é',
	'数据',
	'👩‍💻',
	'm',
	';',
	'[',
	']',
	'\\',
];

const ESC = 0x1b;
const BEL = 0x07;

const printable = (text: string): string =>
	text.replaceAll(/[\u0000-\u001f\u007f-\u009f\\]/g, char => (char === '\\' ? '\\\\' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));

/** Every control sequence and lone control in `output` that the vocabulary does not allow, as printable text. */
export function foreignSequences(output: string, vocabulary: Vocabulary): string[] {
	const foreign: string[] = [];
	let index = 0;
	const reject = (from: number, to: number) => {
		foreign.push(printable(output.slice(from, Math.min(to, from + 60))));
	};

	while (index < output.length) {
		const code = output.charCodeAt(index);
		if (code !== ESC) {
			const control = code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f);
			if (control && code !== 0x0a && code !== 0x0d && !vocabulary.c0.has(output[index] ?? '')) reject(index, index + 1);
			index++;
			continue;
		}

		const start = index;
		const kind = output[index + 1];
		if (kind === '[') {
			const match = /^\u001B\[([\u0030-\u003f]*)([\u0020-\u002f]*)([\u0040-\u007e])/.exec(output.slice(index, index + 64));
			if (match === null) {
				reject(start, index + 2);
				index += 2;
				continue;
			}

			const [whole, parameters = '', intermediates = '', final = ''] = match;
			const body = parameters + intermediates + final;
			const sgr = final === 'm' && intermediates === '' && parameters.split(/[;:]/).every(parameter => vocabulary.sgr.has(parameter));
			if (!sgr && !vocabulary.csi.test(body)) reject(start, start + whole.length);
			index += whole.length;
		} else if (kind === ']') {
			let end = index + 2;
			let terminator = 0;
			for (; end < output.length; end++) {
				const inside = output.charCodeAt(end);
				if (inside === BEL) {
					terminator = 1;
					break;
				}

				if (inside === ESC) {
					terminator = output[end + 1] === '\\' ? 2 : 0;
					break;
				}

				if (inside < 0x20 || (inside >= 0x7f && inside <= 0x9f)) break;
			}

			const payload = output.slice(index + 2, end);
			if (terminator === 0 || !vocabulary.osc.test(payload)) reject(start, end + Math.max(terminator, 1));
			index = terminator === 0 ? end : end + terminator;
		} else {
			// DCS, SOS, PM, APC, nF escapes, two-character escapes and a lone ESC: the app writes none of them.
			reject(start, index + 2);
			index += 2;
		}
	}

	return foreign;
}
