import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach} from 'vitest';

/**
 * Call at a test file's (or a describe's) top level: a maker of fresh directories under the system's temp
 * directory, named census-watch-`name`-…, each removed after the test that made it.
 */
export function tempDirs(name: string): () => string {
	const dirs: string[] = [];
	afterEach(() => {
		for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
	});
	return () => {
		const dir = mkdtempSync(join(tmpdir(), `census-watch-${name}-`));
		dirs.push(dir);
		return dir;
	};
}
