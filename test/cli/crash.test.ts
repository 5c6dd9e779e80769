import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {appendRotated, logFilePath, redact, reportCrash} from '../../source/cli/crash.js';
import {tempDirs} from '../helpers/temp-dirs.js';

const TOKEN = 'secret-token:abcdef0123456789';

describe('redact', () => {
	it('replaces the token and its secret part', () => {
		expect(redact(`Bearer ${TOKEN} and abcdef0123456789`, TOKEN)).toBe('Bearer [redacted] and [redacted]');
	});

	it('leaves text alone without a token', () => {
		expect(redact('hello', null)).toBe('hello');
		expect(redact('hello', '')).toBe('hello');
	});

	it('does not redact a short secret part on its own', () => {
		expect(redact('a b:c d', 'b:c')).toBe('a [redacted] d');
		expect(redact('c is a letter', 'b:c')).toBe('c is a letter');
	});
});

describe('reportCrash', () => {
	const temp = tempDirs('crash');

	const crash = (error: unknown, logFile: string) => {
		const order: string[] = [];
		const stderr: string[] = [];
		const code = reportCrash(error, {
			logFile,
			secrets: () => [TOKEN],
			restoreTerminal: () => order.push('restore'),
			writeStderr: text => {
				order.push('stderr');
				stderr.push(text);
			},
			now: () => new Date('2026-01-02T03:04:05Z'),
			version: () => '9.9.9',
		});
		return {code, order, stderr};
	};

	it('restores the terminal, then prints one line naming the log, and gives exit code 70', () => {
		const logFile = logFilePath(path.join(temp(), 'state', 'census-watch'));
		const {code, order, stderr} = crash(new TypeError(`cannot read x of undefined (token ${TOKEN})`), logFile);
		expect(code).toBe(70);
		expect(order).toEqual(['restore', 'stderr']);
		expect(stderr).toEqual([`census-watch: internal error: cannot read x of undefined (token [redacted]) (details in ${logFile})\n`]);
	});

	it('logs the stack with the token redacted, in a private file', () => {
		const logFile = logFilePath(temp());
		const error = new Error(`boom ${TOKEN}`, {cause: new Error(`inner ${TOKEN}`)});
		crash(error, logFile);
		const log = readFileSync(logFile, 'utf8');
		expect(log).toContain('[2026-01-02T03:04:05.000Z] census-watch 9.9.9');
		expect(log).toContain('Error: boom [redacted]');
		expect(log).toMatch(/\n\s+at /);
		expect(log).toContain('inner [redacted]');
		expect(log).not.toContain('abcdef0123456789');
		expect(statSync(logFile).mode & 0o777).toBe(0o600);
	});

	it('keeps a stack frame off the terminal', () => {
		const {stderr} = crash(new Error('first line\n    at fake (x.js:1:1)'), logFilePath(temp()));
		expect(stderr.join('')).not.toMatch(/\bat /);
		expect(stderr.join('').split('\n').filter(Boolean)).toHaveLength(1);
	});

	it('handles a thrown non-Error', () => {
		const {stderr} = crash({weird: true}, logFilePath(temp()));
		expect(stderr[0]).toMatch(/^census-watch: internal error: \{ weird: true \} \(details in /);
	});

	it('strips escape sequences from the message', () => {
		const {stderr} = crash(new Error('bad \u001B[2J thing'), logFilePath(temp()));
		expect(stderr[0]).not.toContain('\u001B');
	});

	it('still prints its line when the log cannot be written', () => {
		const blocker = path.join(temp(), 'file');
		writeFileSync(blocker, '');
		const {stderr, code} = crash(new Error('boom'), path.join(blocker, 'census-watch.log'));
		expect(code).toBe(70);
		expect(stderr).toHaveLength(1);
		expect(stderr[0]).toMatch(/^census-watch: internal error: boom \(no log written: E[A-Z]+\)\n$/);
	});
});

describe('appendRotated', () => {
	it('moves the log to .1 when an entry would take it past the limit', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'census-watch-log-'));
		try {
			const file = path.join(dir, 'census-watch.log');
			appendRotated(file, 'a'.repeat(60), 100);
			appendRotated(file, 'b'.repeat(30), 100);
			expect(existsSync(`${file}.1`)).toBe(false);
			appendRotated(file, 'c'.repeat(30), 100);
			expect(readFileSync(`${file}.1`, 'utf8')).toBe('a'.repeat(60) + 'b'.repeat(30));
			expect(readFileSync(file, 'utf8')).toBe('c'.repeat(30));
			appendRotated(file, 'd'.repeat(90), 100);
			expect(readFileSync(`${file}.1`, 'utf8')).toBe('c'.repeat(30));
			expect(readFileSync(file, 'utf8')).toBe('d'.repeat(90));
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
