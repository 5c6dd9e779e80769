#!/usr/bin/env node
// `npm run test:clock`: the unit and screen tests (everything but test/e2e, test/soak and test/bench) with
// the whole process's clock a year ahead and two days back (faketime), and in the time zones furthest
// ahead of and behind UTC. A test whose outcome depends on the date, the time of day or the zone fails
// here on the day it is written, not weeks later. Without faketime the clock shifts are skipped with one
// line saying so, and the time zones still run.
import {spawnSync} from 'node:child_process';

const EXCLUDE = ['test/e2e/**', 'test/soak/**', 'test/bench/**'];
const vitest = ['vitest', 'run', ...EXCLUDE.flatMap(glob => ['--exclude', glob])];

const hasFaketime = spawnSync('faketime', ['-f', '+0d', 'true'], {stdio: 'ignore'}).status === 0;

const runs = [
	...(hasFaketime
		? [
				{name: 'clock a year ahead (+365d)', command: 'faketime', args: ['-f', '+365d', 'npx', ...vitest], env: {}},
				{name: 'clock two days back (-2d)', command: 'faketime', args: ['-f', '-2d', 'npx', ...vitest], env: {}},
			]
		: []),
	{name: 'TZ=Pacific/Kiritimati (UTC+14)', command: 'npx', args: vitest, env: {TZ: 'Pacific/Kiritimati'}},
	{name: 'TZ=America/Adak (UTC-10)', command: 'npx', args: vitest, env: {TZ: 'America/Adak'}},
];

if (!hasFaketime) console.log('test:clock: faketime is not installed, so the clock shifts are skipped; running the two time zones only');

const failed = [];
for (const run of runs) {
	console.log(`\ntest:clock: ${run.name}`);
	// Monotonic time stays real: timers, vitest's timeouts and performance.now() are not shifted.
	const result = spawnSync(run.command, run.args, {stdio: 'inherit', env: {...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1', ...run.env}});
	if (result.status !== 0) failed.push(run.name);
}

console.log(failed.length === 0 ? `\ntest:clock: ${runs.length} runs passed` : `\ntest:clock: failed with ${failed.join('; ')}`);
process.exit(failed.length === 0 ? 0 : 1);
