import {describe, expect, it} from 'vitest';
import {findUnknownFlag, parseCommandLine, parseDurationSeconds, parseIntervalSeconds, UsageError} from '../../source/cli/flags.js';

const parse = (...argv: string[]) => parseCommandLine(argv).flags;

const usageError = (argv: string[]): UsageError => {
	try {
		parseCommandLine(argv);
	} catch (error) {
		if (error instanceof UsageError) return error;
		throw error;
	}

	throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('parseCommandLine', () => {
	it('reads nothing as all defaults', () => {
		expect(parse()).toEqual({
			command: 'watch',
			runIds: [],
			syncIds: [],
			all: false,
			token: undefined,
			region: undefined,
			baseUrl: undefined,
			profile: undefined,
			intervalSeconds: undefined,
			demo: false,
			readOnly: false,
			once: false,
			json: false,
			exitStatus: false,
			notify: undefined,
			animation: true,
			ascii: false,
			color: true,
			lowBandwidth: false,
			debug: false,
			timeoutSeconds: undefined,
			failFast: false,
			ignoreSkipped: false,
			mouse: true,
			budgetPerMinute: undefined,
			workspaceId: undefined,
			help: false,
			version: false,
		});
	});

	it('reads every flag', () => {
		const flags = parse(
			'11',
			'12',
			'--sync',
			'5',
			'--sync=6',
			'--all',
			'--token',
			'secret-token:abc',
			'--region',
			'EU',
			'--base-url',
			'http://127.0.0.1:4010/api/v1',
			'--profile',
			'prod',
			'--interval',
			'2.5',
			'--read-only',
			'--exit-status',
			'--json',
			'--notify',
			'all',
			'--no-animation',
			'--ascii',
			'--no-color',
			'--low-bandwidth',
			'--debug',
			'--timeout',
			'5m',
			'--fail-fast',
			'--budget',
			'60',
			'--workspace-id',
			'777',
			'--api',
			'V2',
			'--group',
			'wandering_aimlessly',
		);
		expect(flags).toMatchObject({
			runIds: [11, 12],
			syncIds: [5, 6],
			all: true,
			token: 'secret-token:abc',
			region: 'eu',
			baseUrl: 'http://127.0.0.1:4010/api/v1',
			profile: 'prod',
			intervalSeconds: 2.5,
			readOnly: true,
			exitStatus: true,
			json: true,
			notify: 'all',
			animation: false,
			ascii: true,
			color: false,
			lowBandwidth: true,
			debug: true,
			timeoutSeconds: 300,
			failFast: true,
			budgetPerMinute: 60,
			workspaceId: '777',
			api: 'v2',
			groupId: 'wandering_aimlessly',
		});
	});

	it('reads doctor as a command, not a run id, and refuses what it does not take', () => {
		expect(parse('doctor', '--api', 'auto', '--group', 'g1')).toMatchObject({command: 'doctor', runIds: [], api: 'auto', groupId: 'g1'});
		expect(() => parse('doctor', '42')).toThrow('doctor checks the API and takes no run ids');
		expect(() => parse('doctor', '--once')).toThrow('doctor checks the API and takes no --once');
	});

	it('refuses an unknown --api and a --group that is no group id, in one line', () => {
		expect(() => parse('--api', 'v3')).toThrow('--api must be one of auto, v1, v2, not "v3"');
		expect(() => parse('--group', 'a b')).toThrow('--group takes a group id such as wandering_aimlessly, not "a b"');
		expect(() => parse('--demo', '--api', 'v1')).toThrow('--demo runs its own simulator and takes no --api');
	});

	it('reads --once, --demo, --help, -h and --version', () => {
		expect(parse('--once').once).toBe(true);
		expect(parse('--demo').demo).toBe(true);
		expect(parse('--help').help).toBe(true);
		expect(parse('-h').help).toBe(true);
		expect(parse('--version').version).toBe(true);
	});

	it('gives the package version', () => {
		expect(parseCommandLine([]).version).toMatch(/^\d+\.\d+\.\d+/);
	});

	it('takes --notify with a value, like every flag that takes one', () => {
		expect(parse('--notify', 'none').notify).toBe('none');
		expect(parse('--notify=all').notify).toBe('all');
		expect(usageError(['--notify']).message).toBe('--notify needs a value, e.g. --notify failures');
	});

	it('takes a value that starts with a dash as the value of the flag before it', () => {
		expect(parse('--token', '-abc-').token).toBe('-abc-');
		expect(parse('--budget', '60', '7').runIds).toEqual([7]);
	});

	it('takes arguments after -- as run ids', () => {
		expect(parse('--', '7').runIds).toEqual([7]);
	});

	it.each([
		[['--bogus'], 'unknown flag "--bogus"'],
		[['--bogus=1'], 'unknown flag "--bogus"'],
		[['-x'], 'unknown flag "-x"'],
		[['--a-rather-long-misspelt-flag=1'], 'unknown flag "--a-rather-long-misspelt-flag"'],
		[['--readOnly'], 'unknown flag "--readOnly"'],
		[['--no-demo'], 'unknown flag "--no-demo"'],
		[['abc'], 'a run id must be a positive whole number, not "abc"'],
		[['0'], 'a run id must be a positive whole number, not "0"'],
		[['1.5'], 'a run id must be a positive whole number'],
		[['99999999999999999999'], 'a run id must be a positive whole number'],
		[['--sync', 'x'], '--sync must be a positive whole number, not "x"'],
		[['--sync'], '--sync needs a value, e.g. --sync 1201'],
		[['--sync', '5', '--sync', '--all'], '--sync needs a value'],
		[['--sync='], '--sync needs a value'],
		[['--region', 'ap'], '--region must be one of us, eu, not "ap"'],
		[['--region', 'us', '--region', 'eu'], '--region can be given only once'],
		[['--interval', '0.5'], '--interval takes seconds, at least 1'],
		[['--interval', 'soon'], '--interval takes seconds'],
		[['--interval'], '--interval needs a value'],
		[['--notify', 'loud'], '--notify must be one of failures, all, none'],
		[['--exit-status', '--timeout', '5d'], '--timeout takes a duration'],
		[['--exit-status', '--timeout', '0'], '--timeout takes a duration'],
		[['--budget', '-1'], '--budget (requests per minute) must be a positive whole number, not "-1"'],
		[['--interval', '-h'], '--interval needs a value'],
		[['--budget', '0'], '--budget (requests per minute) must be a positive whole number'],
		[['--budget', '100000'], '--budget is at most'],
		[['--workspace-id', 'w1'], '--workspace-id must be a positive whole number'],
		[['--token'], '--token needs a value'],
		[['--base-url', ''], '--base-url needs a value'],
		[['--once', '--exit-status'], '--once and --exit-status cannot be used together'],
		[['--demo', '--token', 't'], '--demo runs its own simulator and takes no --token'],
		[['--demo', '--base-url', 'http://127.0.0.1:1/api/v1'], 'takes no --base-url'],
		[['--fail-fast'], '--fail-fast only applies to --exit-status'],
		[['--timeout', '5m'], '--timeout only applies to --exit-status'],
		[['--ignore-skipped'], '--ignore-skipped only applies to --exit-status'],
	])('rejects %j with one line: %s', (argv, expected) => {
		const error = usageError(argv);
		expect(error.message).toContain(expected);
		expect(error.message).not.toContain('\n');
	});

	// Every flag that takes a value, missing (at the end, before another flag, or empty after =) and bad:
	// the same kind of one line, exit 2 (the CLI maps UsageError to it).
	const VALUE_FLAGS: Array<[string, string | null]> = [
		['--sync', 'x'],
		['--token', null],
		['--region', 'ap'],
		['--base-url', null],
		['--profile', null],
		['--interval', '-1'],
		['--notify', 'loud'],
		['--timeout', '-5m'],
		['--budget', '-1'],
		['--workspace-id', '-7'],
		['--api', 'v9'],
		['--group', 'no spaces'],
	];

	it.each(VALUE_FLAGS)('%s without a value says it needs one, however it is missing', (flag) => {
		const extra = flag === '--timeout' ? ['--exit-status'] : [];
		for (const argv of [[...extra, flag], [flag, '--once', ...extra], [...extra, `${flag}=`], [flag, '', ...extra]]) {
			expect(usageError(argv).message, argv.join(' ')).toMatch(new RegExp(`^${flag} needs a value, e\\.g\\. ${flag} \\S`));
		}
	});

	it.each(VALUE_FLAGS.filter((entry): entry is [string, string] => entry[1] !== null))('%s %s is a bad value, in one line that names the flag', (flag, bad) => {
		const extra = flag === '--timeout' ? ['--exit-status'] : [];
		for (const argv of [[flag, bad, ...extra], [`${flag}=${bad}`, ...extra]]) {
			const {message} = usageError(argv);
			expect(message, argv.join(' ')).toMatch(new RegExp(`^${flag}\\b`));
			expect(message).toContain(JSON.stringify(bad));
			expect(message).not.toContain('unknown flag');
			expect(message).not.toContain('\n');
		}
	});

	it('takes the mouse unless --no-mouse', () => {
		expect(parseCommandLine([]).flags.mouse).toBe(true);
		expect(parseCommandLine(['--no-mouse']).flags.mouse).toBe(false);
	});

	it('takes --ignore-skipped with --exit-status', () => {
		expect(parseCommandLine(['1', '--exit-status', '--ignore-skipped']).flags.ignoreSkipped).toBe(true);
		expect(parseCommandLine(['1', '--exit-status']).flags.ignoreSkipped).toBe(false);
	});

	it('does not echo a long value, which may be a token in the wrong place', () => {
		const error = usageError(['secret-token:abcdef0123456789']);
		expect(error.message).toBe('a run id must be a positive whole number, not a value of 29 characters');
	});

	it('never echoes a control character from the command line', () => {
		const error = usageError(['--\u001B]0;pwned\u0007']);
		expect(error.message).not.toMatch(/[\u0000-\u001F]/);
	});

	it('lets --help win over conflicting flags', () => {
		expect(parse('--help', '--once', '--exit-status').help).toBe(true);
	});
});

describe('findUnknownFlag', () => {
	it('stops looking at --', () => {
		expect(findUnknownFlag(['--', '--bogus'])).toBeNull();
	});

	it('ignores a lone dash and positionals', () => {
		expect(findUnknownFlag(['-', '12'])).toBeNull();
	});
});

describe('durations', () => {
	it.each([
		['90', 90],
		['30s', 30],
		['5m', 300],
		['1h', 3600],
		['1.5h', 5400],
		[' 2M ', 120],
	])('reads %j as %d seconds', (text, seconds) => {
		expect(parseDurationSeconds(text, '--timeout')).toBe(seconds);
	});

	it('reads an interval with or without s', () => {
		expect(parseIntervalSeconds('5')).toBe(5);
		expect(parseIntervalSeconds('10s')).toBe(10);
		expect(() => parseIntervalSeconds('5m')).toThrow(UsageError);
	});
});
