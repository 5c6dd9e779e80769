import {Buffer} from 'node:buffer';
import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {copyToClipboard, readTmuxSetClipboard} from '../../source/terminal/clipboard.js';

// `y` inside tmux and screen: the bytes written and the line said, with a real `tmux` command on PATH (a
// script that answers like `tmux show-options -gv set-clipboard`).

const ESC = '\u001B';
const TMUX_ENV = {TMUX: '/tmp/tmux-1000/default,123,0', TERM: 'screen-256color'};

/** A directory holding a `tmux` that prints `answer` for `show-options -gv set-clipboard` and fails otherwise. */
function fakeTmux(answer: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'census-watch-tmux-'));
	const file = path.join(dir, 'tmux');
	writeFileSync(file, `#!/bin/sh\n[ "$*" = "show-options -gv set-clipboard" ] || exit 1\necho ${answer}\n`);
	chmodSync(file, 0o755);
	return dir;
}

const copy = (env: Record<string, string>) => {
	const written: string[] = [];
	const note = copyToClipboard('E1\nbad', {env, write: sequence => written.push(sequence)});
	return {note, written: written.join('')};
};

const osc52 = `${ESC}]52;c;${Buffer.from('E1\nbad').toString('base64')}\u0007`;

describe('copyToClipboard', () => {
	it('inside tmux with set-clipboard on: plain OSC 52, which tmux reads and forwards, never its passthrough', () => {
		const {note, written} = copy({...TMUX_ENV, PATH: fakeTmux('on')});
		expect(written).toBe(osc52);
		expect(written).not.toContain(`${ESC}Ptmux;`);
		expect(note).toBe('copied (OSC 52 through tmux)');
	});

	it('inside tmux with its default set-clipboard external: sends nothing tmux would drop and says what to set', () => {
		const {note, written} = copy({...TMUX_ENV, PATH: fakeTmux('external')});
		expect(written).toBe('');
		expect(note).not.toMatch(/^copied/);
		expect(note).toContain('set -g set-clipboard on');
	});

	it('inside tmux when tmux does not answer: plain OSC 52, but not "copied"', () => {
		const {note, written} = copy({...TMUX_ENV, PATH: mkdtempSync(path.join(tmpdir(), 'census-watch-empty-'))});
		expect(written).toBe(osc52);
		expect(note).not.toMatch(/^copied/);
		expect(note).toContain('set-clipboard on');
	});

	it('inside GNU screen: OSC 52 in DCS passthrough pieces that make the sequence again', () => {
		const {note, written} = copy({STY: '1234.pts-0.host', TERM: 'screen'});
		const pieces = [...written.matchAll(/\u001BP([^\u001B]*(?:\u001B(?!\\)[^\u001B]*)*)\u001B\\/g)].map(match => match[1]);
		expect(pieces.join('')).toBe(osc52);
		expect(note).toBe('copied (OSC 52 through screen)');
	});

	it('straight to the terminal otherwise', () => {
		expect(copy({TERM: 'xterm-256color'})).toEqual({note: 'copied (OSC 52)', written: osc52});
	});

	it('reads set-clipboard from tmux, null for an answer it does not know', () => {
		expect(readTmuxSetClipboard({PATH: fakeTmux('off')})).toBe('off');
		expect(readTmuxSetClipboard({PATH: fakeTmux('sideways')})).toBeNull();
	});
});
