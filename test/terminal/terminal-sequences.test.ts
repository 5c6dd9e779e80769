import xterm from '@xterm/headless';
import {describe, expect, it} from 'vitest';
import {
	bell,
	ENTER_ALT_SCREEN,
	FOCUS_REPORTING_OFF,
	FOCUS_REPORTING_ON,
	HIDE_CURSOR,
	inTmux,
	LEAVE_ALT_SCREEN,
	osc52Copy,
	osc777Notify,
	osc8Link,
	osc9Notify,
	popTitle,
	pushTitle,
	setTitle,
	SHOW_CURSOR,
	supportsHyperlinks,
	wrapForTmux,
} from '../../source/terminal/terminal-sequences.js';

const ESC = '\u001B';
const ATTACK = `x${ESC}]0;pwned\u0007${ESC}[2J\u009b31m\u009d52;c;AAAA\u009c\u0007;y`;

type Seen = {screen: string; title: string | null; osc: Map<number, string[]>};

/** Feeds output to a headless xterm and reports what is on row 0, the title, and the OSC payloads it parsed. */
async function replay(output: string, oscs: number[] = []): Promise<Seen> {
	const terminal = new xterm.Terminal({cols: 80, rows: 5, allowProposedApi: true});
	const seen: Seen = {screen: '', title: null, osc: new Map()};
	terminal.onTitleChange(title => {
		seen.title = title;
	});
	for (const code of oscs) {
		seen.osc.set(code, []);
		terminal.parser.registerOscHandler(code, data => {
			seen.osc.get(code)?.push(data);
			return true;
		});
	}

	await new Promise<void>(resolve => {
		terminal.write(output, resolve);
	});
	seen.screen = terminal.buffer.active.getLine(0)?.translateToString(true) ?? '';
	terminal.dispose();
	return seen;
}

describe('osc8Link', () => {
	it('builds an OSC 8 hyperlink around the text', () => {
		expect(osc8Link('https://app.getcensus.com/syncs/7/overview', 'sync 7')).toBe(
			`${ESC}]8;;https://app.getcensus.com/syncs/7/overview\u0007sync 7${ESC}]8;;\u0007`,
		);
	});

	it('shows only the text in a terminal, and hands it the URL', async () => {
		const seen = await replay(osc8Link('https://example.com/a b', 'open'), [8]);
		expect(seen.screen).toBe('open');
		expect(seen.osc.get(8)).toEqual([';https://example.com/a%20b', ';']);
	});

	it('uses the URL as the text when the text is empty', () => {
		expect(osc8Link('https://example.com/', '')).toContain(`\u0007https://example.com/${ESC}]8;;`);
	});

	it('keeps the URL to printable ASCII with ; encoded, so it cannot end the sequence or add parameters', () => {
		const link = osc8Link(`https://example.com/p;q?x=1;y=数 ${ESC}\\\u0007`, 't');
		const url = link.slice(`${ESC}]8;;`.length, link.indexOf('\u0007'));
		expect(url).toMatch(/^[\u0021-\u007e]+$/);
		expect(url).not.toContain(';');
		expect(url).toBe('https://example.com/p%3Bq?x=1%3By=%E6%95%B0');
	});

	it('sanitises hostile link text so it cannot escape the link', async () => {
		const seen = await replay(osc8Link('https://example.com/', ATTACK), [8, 52]);
		expect(seen.screen).toBe('x;y');
		expect(seen.title).toBeNull();
		expect(seen.osc.get(52)).toEqual([]);
		expect(seen.osc.get(8)).toEqual([';https://example.com/', ';']);
	});

	it('gives plain text for a URL that is not http(s), not a URL, or too long', () => {
		expect(osc8Link('javascript:alert(1)', 'click')).toBe('click');
		expect(osc8Link('file:///etc/passwd', 'click')).toBe('click');
		expect(osc8Link('not a url', `cl${ESC}[2Jick`)).toBe('click');
		expect(osc8Link(`https://example.com/${'a'.repeat(3000)}`, 'click')).toBe('click');
	});
});

describe('osc52Copy', () => {
	const payload = (sequence: string): string => {
		const match = /^\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007$/.exec(sequence);
		expect(match).not.toBeNull();
		return Buffer.from(match?.[1] ?? '', 'base64').toString('utf8');
	};

	it('copies the text, base64-encoded, keeping line breaks', () => {
		expect(osc52Copy('hello')).toBe(`${ESC}]52;c;aGVsbG8=\u0007`);
		expect(payload(osc52Copy('line 1\r\nline 2 数据'))).toBe('line 1\nline 2 数据');
	});

	it('strips escape sequences so a later paste cannot run them', () => {
		expect(payload(osc52Copy(`ok${ESC}[201~rm -rf ~\n`))).toBe('okrm -rf ~\n');
	});

	it('cuts text beyond 74,994 bytes at a character boundary', () => {
		const copied = payload(osc52Copy('数'.repeat(30_000)));
		expect(copied).toBe('数'.repeat(24_998));
	});
});

describe('notifications', () => {
	it('osc9Notify sends sanitised one-line text', () => {
		expect(osc9Notify(`Run 7\nfailed${ESC}]0;x\u0007`)).toBe(`${ESC}]9;Run 7 failed\u0007`);
	});

	it('osc9Notify keeps a leading digit from being read as a ConEmu command', () => {
		expect(osc9Notify('4;3;50')).toBe(`${ESC}]9; 4;3;50\u0007`);
	});

	it('osc777Notify sends title and body, with no ; in the title', () => {
		expect(osc777Notify('census; watch', 'run 7 failed; see log')).toBe(`${ESC}]777;notify;census, watch;run 7 failed; see log\u0007`);
	});

	it('cuts long notifications', () => {
		expect(osc9Notify('a'.repeat(1000)).length).toBeLessThan(300);
	});

	it('leave a terminal screen and title untouched by hostile text', async () => {
		const seen = await replay(osc9Notify(ATTACK) + osc777Notify(ATTACK, ATTACK), [52]);
		expect(seen.screen).toBe('');
		expect(seen.title).toBeNull();
		expect(seen.osc.get(52)).toEqual([]);
	});
});

describe('window title', () => {
	it('setTitle sets exactly the sanitised text as the title', async () => {
		const seen = await replay(setTitle(ATTACK) + 'after', [52]);
		expect(seen.title).toBe('x;y');
		expect(seen.screen).toBe('after');
		expect(seen.osc.get(52)).toEqual([]);
	});

	it('push and pop use the window-title stack', () => {
		expect(pushTitle()).toBe(`${ESC}[22;2t`);
		expect(popTitle()).toBe(`${ESC}[23;2t`);
	});
});

describe('fixed sequences', () => {
	it('are the standard private modes', () => {
		expect(ENTER_ALT_SCREEN).toBe(`${ESC}[?1049h`);
		expect(LEAVE_ALT_SCREEN).toBe(`${ESC}[?1049l`);
		expect(FOCUS_REPORTING_ON).toBe(`${ESC}[?1004h`);
		expect(FOCUS_REPORTING_OFF).toBe(`${ESC}[?1004l`);
		expect(HIDE_CURSOR).toBe(`${ESC}[?25l`);
		expect(SHOW_CURSOR).toBe(`${ESC}[?25h`);
		expect(bell()).toBe('\u0007');
	});
});

describe('tmux', () => {
	it('wrapForTmux doubles every ESC inside a DCS tmux passthrough', () => {
		expect(wrapForTmux(`${ESC}]9;hi${ESC}\\`)).toBe(`${ESC}Ptmux;${ESC}${ESC}]9;hi${ESC}${ESC}\\${ESC}\\`);
	});

	it('inTmux reads TMUX and TERM_PROGRAM', () => {
		expect(inTmux({TMUX: '/tmp/tmux-1000/default,123,0'})).toBe(true);
		expect(inTmux({TERM_PROGRAM: 'tmux'})).toBe(true);
		expect(inTmux({TMUX: ''})).toBe(false);
		expect(inTmux({TERM: 'xterm-256color'})).toBe(false);
	});
});

describe('supportsHyperlinks', () => {
	it.each([
		[{TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.0'}, true],
		[{TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.0.9'}, false],
		[{TERM_PROGRAM: 'iTerm.app'}, false],
		[{TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.72.0-insider'}, true],
		[{TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.71.2'}, false],
		[{TERM_PROGRAM: 'WezTerm'}, true],
		[{TERM_PROGRAM: 'ghostty'}, true],
		[{VTE_VERSION: '7600'}, true],
		[{VTE_VERSION: '4803'}, false],
		[{WT_SESSION: 'abc'}, true],
		[{KITTY_WINDOW_ID: '1'}, true],
		[{TERM: 'xterm-kitty'}, true],
		[{TERM: 'alacritty'}, true],
		[{TERM: 'foot'}, true],
		[{TERM: 'xterm-256color'}, false],
		[{TERM: 'dumb', WT_SESSION: 'abc'}, false],
		[{TERM: 'screen-256color', VTE_VERSION: '7600'}, false],
		[{TMUX: '/tmp/x', TERM_PROGRAM: 'tmux', KITTY_WINDOW_ID: '1'}, false],
		[{FORCE_HYPERLINK: '1', TERM: 'dumb'}, true],
		[{FORCE_HYPERLINK: '0', TERM_PROGRAM: 'WezTerm'}, false],
		[{FORCE_HYPERLINK: 'false', TERM_PROGRAM: 'WezTerm'}, false],
		[{}, false],
	])('%j → %s', (env, expected) => {
		expect(supportsHyperlinks(env)).toBe(expected);
	});
});
