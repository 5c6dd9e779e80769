import {mkdtempSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CRASH_MARKER_NAME, crashMarkerNotice, takeCrashMarker, writeCrashMarker} from '../../source/cli/crash-marker.js';

const temp = (): string => mkdtempSync(path.join(tmpdir(), 'census-watch-marker-'));

describe('the crash marker', () => {
	it('is written atomically, read once and removed', () => {
		const dir = temp();
		writeCrashMarker(dir, {runId: 42, reason: 'RangeError: Maximum call stack size exceeded', at: 5});
		expect(readdirSync(dir)).toEqual([CRASH_MARKER_NAME]);
		const marker = takeCrashMarker(dir);
		expect(marker).toEqual({runId: 42, reason: 'RangeError: Maximum call stack size exceeded', at: 5});
		expect(crashMarkerNotice(marker!)).toContain('run 42');
		expect(readdirSync(dir)).toEqual([]);
		expect(takeCrashMarker(dir)).toBeNull();
	});

	it('is ignored when it is not one of ours, and not read through a symlink', () => {
		const dir = temp();
		writeFileSync(path.join(dir, CRASH_MARKER_NAME), '{"runId": "x"}');
		expect(takeCrashMarker(dir)).toBeNull();
		const elsewhere = path.join(temp(), 'marker.json');
		writeFileSync(elsewhere, '{"runId": 7, "reason": "x", "at": 1}');
		symlinkSync(elsewhere, path.join(dir, CRASH_MARKER_NAME));
		expect(takeCrashMarker(dir)).toBeNull();
	});

	it('never throws, even where it cannot be written', () => {
		expect(() => {
			writeCrashMarker('/proc/no-such-dir', {runId: 1, reason: 'x', at: 0});
		}).not.toThrow();
	});
});
