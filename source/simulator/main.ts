// The standalone simulator: `npm run simulator -- --port N [--seed S] [--speed X] [--token T] [--pat P]
// [--v1-retired FORM] [--scenario demo|busy|quiet] [--syncs N]`. Prints both API roots and serves until
// SIGINT/SIGTERM.
import {realpathSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {isV1RetiredForm, V1_RETIRED_FORMS} from './faults.js';
import {SCENARIOS, type Scenario} from './scenarios.js';
import {DEFAULT_PAT, startSimulator, type SimulatorOptions} from './server.js';

export type MainIo = {
	stdout: {write(text: string): unknown};
	stderr: {write(text: string): unknown};
	/** Settles when the simulator should stop (a signal, in the real process). */
	stopped: Promise<unknown>;
};

const DEFAULT_PORT = 4010;

const USAGE = `usage: census-simulator [--port N] [--seed S] [--speed X] [--token T] [--pat P] [--v1-retired FORM]
                        [--scenario ${SCENARIOS.join('|')}] [--syncs N]
  --port N            port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --seed S            integer seed: the same seed gives the same workspace (default 1)
  --speed X           sim time runs X times faster than the wall clock (default 1)
  --token T           /api/v1 accepts only this workspace token (default: any non-empty token but the PAT)
  --pat P             /api/v2 accepts only this personal access token (default ${DEFAULT_PAT})
  --v1-retired FORM   /api/v1 answers as retired: ${V1_RETIRED_FORMS.join(', ')} (redirect: 301/308 to /api/v2)
  --scenario S        demo (default), busy (many long runs), quiet (history only)
  --syncs N           number of syncs in the workspace
`;

class UsageError extends Error {}

function integer(name: string, text: string | undefined, min: number, max: number): number | undefined {
	if (text === undefined) {
		return undefined;
	}

	const value = Number(text);
	if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
		throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
	}

	return value;
}

function parseOptions(argv: readonly string[]): SimulatorOptions | 'help' {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			strict: true,
			allowPositionals: false,
			options: {
				port: {type: 'string'},
				seed: {type: 'string'},
				speed: {type: 'string'},
				token: {type: 'string'},
				pat: {type: 'string'},
				'v1-retired': {type: 'string'},
				scenario: {type: 'string'},
				syncs: {type: 'string'},
				help: {type: 'boolean', short: 'h'},
			},
		});
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : 'bad arguments');
	}

	const {values} = parsed;
	if (values.help === true) {
		return 'help';
	}

	const speedText = values.speed;
	const speed = speedText === undefined ? undefined : Number(speedText);
	if (speed !== undefined && !(Number.isFinite(speed) && speed > 0 && speed <= 1_000_000)) {
		throw new UsageError('--speed must be a number above 0');
	}

	if (values.token !== undefined && values.token.trim() === '') {
		throw new UsageError('--token must not be empty');
	}

	if (values.pat !== undefined && values.pat.trim() === '') {
		throw new UsageError('--pat must not be empty');
	}

	if (values.token !== undefined && values.token === (values.pat ?? DEFAULT_PAT)) {
		throw new UsageError('--token and --pat must differ');
	}

	const retired = values['v1-retired'];
	if (retired !== undefined && !isV1RetiredForm(retired)) {
		throw new UsageError(`--v1-retired must be one of ${V1_RETIRED_FORMS.join(', ')}`);
	}

	const scenario = values.scenario;
	if (scenario !== undefined && !(SCENARIOS as readonly string[]).includes(scenario)) {
		throw new UsageError(`--scenario must be one of ${SCENARIOS.join(', ')}`);
	}

	const options: SimulatorOptions = {port: integer('port', values.port, 0, 65_535) ?? DEFAULT_PORT};
	const seed = integer('seed', values.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
	const syncs = integer('syncs', values.syncs, 0, 10_000);
	return {
		...options,
		...(seed === undefined ? {} : {seed}),
		...(speed === undefined ? {} : {speed}),
		...(values.token === undefined ? {} : {token: values.token}),
		...(values.pat === undefined ? {} : {pat: values.pat}),
		...(retired === undefined ? {} : {v1Retired: retired}),
		...(scenario === undefined ? {} : {scenario: scenario as Scenario}),
		...(syncs === undefined ? {} : {syncs}),
	};
}

/** Runs the simulator until `io.stopped` settles; resolves with the process exit code. */
export async function runMain(argv: readonly string[], io: MainIo): Promise<number> {
	let options;
	try {
		options = parseOptions(argv);
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr.write(`census simulator: ${error.message.split('\n')[0] ?? ''}\n`);
			return 2;
		}

		throw error;
	}

	if (options === 'help') {
		io.stdout.write(USAGE);
		return 0;
	}

	let simulator;
	try {
		simulator = await startSimulator(options);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === undefined ? (error instanceof Error ? error.message : 'failed to start') : `cannot listen on port ${options.port ?? DEFAULT_PORT} (${code})`;
		io.stderr.write(`census simulator: ${reason}\n`);
		return 1;
	}

	// The PAT is printed only when it is the public default: a token the user chose never is.
	const patNote = simulator.pat === DEFAULT_PAT ? `personal access token ${DEFAULT_PAT}` : 'your --pat';
	io.stdout.write(
		`census simulator: ${simulator.v1Root} (workspace token${options.v1Retired === undefined ? '' : `; retired: ${options.v1Retired}`})\n` +
			`census simulator: ${simulator.v2Root} (${patNote})\n`,
	);
	await io.stopped.catch(() => undefined);
	await simulator.close();
	return 0;
}

function isEntryPoint(): boolean {
	const script = process.argv[1];
	try {
		return script !== undefined && import.meta.url === pathToFileURL(realpathSync(script)).href;
	} catch {
		return false;
	}
}

if (isEntryPoint()) {
	const stopped = new Promise(resolve => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	process.exitCode = await runMain(process.argv.slice(2), {stdout: process.stdout, stderr: process.stderr, stopped});
}
