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

	it('takes no bare --notify: like every flag with a value, it needs one (issue 18)', () => {
		for (const argv of [['--notify'], ['--notify', '--read-only'], ['8123', '--notify']]) {
			expect(() => notifyOf(argv)).toThrow('--notify needs a value, e.g. --notify failures');
		}
	});

	it('takes all and none as given', () => {
		expect(notifyOf(['--notify', 'all'])).toBe('all');
		expect(notifyOf(['--notify=none'])).toBe('none');
	});
});
