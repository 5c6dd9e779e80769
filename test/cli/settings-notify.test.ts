import {describe, expect, it} from 'vitest';
import {parseCommandLine} from '../../source/cli/flags.js';
import {resolveSettings} from '../../source/cli/settings.js';

// The issue: "when a watched run ends, by `--notify failures|all|none` (default failures)".

const notifyOf = (argv: string[], stdoutIsTTY = true) =>
	resolveSettings({
		flags: parseCommandLine(argv).flags,
		env: {CENSUS_API_TOKEN: 't'},
		config: null,
		configFile: '/h/.config/census-watch/config.json',
		stdoutIsTTY,
	}).notify;

describe('--notify', () => {
	it('defaults to failures in every mode, the demo included', () => {
		expect(notifyOf([])).toBe('failures');
		expect(notifyOf([], false)).toBe('failures');
		expect(notifyOf(['--once'])).toBe('failures');
		expect(notifyOf(['--exit-status'])).toBe('failures');
		expect(notifyOf(['--demo'])).toBe('failures');
	});

	it('reads a bare --notify as failures, before another flag or at the end', () => {
		expect(notifyOf(['--notify'])).toBe('failures');
		expect(notifyOf(['--notify', '--read-only'])).toBe('failures');
		expect(notifyOf(['8123', '--notify'])).toBe('failures');
	});

	it('takes all and none as given', () => {
		expect(notifyOf(['--notify', 'all'])).toBe('all');
		expect(notifyOf(['--notify=none'])).toBe('none');
	});
});
