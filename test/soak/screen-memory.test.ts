import {execFile} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';

// The screen's share of a long watch: the built App rendered by Ink in production mode, a frame per
// simulated second with 50 runs working, every duration ticking. Ink 6.8 keeps every distinct string it
// has measured (vadimdemedes/ink#986); before the rows were measured by their width alone this grew the
// heap by about 15 KB a frame, 1.3 GB a day. Heap after GC at the end must stay within 10% of the heap
// after the warm-up. SCREEN_FRAMES sets the length: `npm run soak` runs a simulated hour, the suite 400
// frames (the old leak would add about 5 MB to a 16 MB heap there).

const FRAMES = Number(process.env['SCREEN_FRAMES'] ?? 400);
const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'screen-memory.child.mjs');

type Sample = {warm: number; end: number; frames: number; lastFrame: string};

describe('screen memory over a long watch', () => {
	it(`keeps the heap flat over ${FRAMES} frames of 50 working runs`, async () => {
		const {stdout} = await promisify(execFile)(process.execPath, ['--expose-gc', CHILD], {
			env: {...process.env, FRAMES: String(FRAMES), WARMUP: '100', WORKING: '50'},
			maxBuffer: 16 * 1024 * 1024,
			timeout: 30 * 60_000,
		});
		const sample = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Sample;
		// The frames were real: the list showed the runs working, late into the run.
		expect(sample.frames).toBe(FRAMES);
		expect(sample.lastFrame).toMatch(/working\s+7049 Contacts → Salesforce 9/);
		expect(sample.end).toBeLessThan(sample.warm * 1.1);
	}, 35 * 60_000);
});
