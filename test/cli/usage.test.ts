import {describe, expect, it} from 'vitest';
import {usageText} from '../../source/cli/usage.js';

describe('usageText', () => {
	it('says that --low-bandwidth turns on by itself over SSH', () => {
		const help = usageText('0.0.0');
		const lines = help.split('\n');
		const start = lines.findIndex(line => line.trimStart().startsWith('--low-bandwidth'));
		// The flag's line and the continuation lines indented under it.
		const entry = [lines[start], ...lines.slice(start + 1).filter((_line, index, rest) => rest.slice(0, index + 1).every(line => /^ {20,}\S/.test(line)))].join(' ');
		expect(entry).toMatch(/by itself over SSH/);
		expect(entry).toContain('SSH_CONNECTION');
	});
});
