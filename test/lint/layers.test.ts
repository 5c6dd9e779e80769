import {fileURLToPath} from 'node:url';
import {ESLint} from 'eslint';
import {describe, expect, it} from 'vitest';
import {LAYERS} from '../../eslint.layers.js';

// The import rule of eslint.config.js on snippets that exist only here, linted as if they were files of
// source/: a wrong arrow fails with a message naming the layers, a right one passes.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({cwd: repoRoot});

/** The import rule's messages for `code` as the file `filePath`. */
const layerMessages = async (filePath: string, code: string): Promise<string[]> => {
	const [result] = await eslint.lintText(code, {filePath});
	return (result?.messages ?? []).filter(message => message.ruleId === 'layers/imports').map(message => message.message);
};

describe('the import rule: one wrong arrow per layer', () => {
	const wrong: Array<[file: string, code: string, message: string]> = [
		['source/text/x.ts', "import {runPhase} from '../runs/status.js';", "source/text may import only text; '../runs/status.js' is in runs"],
		['source/census/x.ts', "import {runPhase} from '../runs/status.js';", "source/census may import only census and text; '../runs/status.js' is in runs"],
		[
			'source/runs/x.ts',
			"import {createRunStore} from '../store/run-store.js';",
			"source/runs may import only runs, text, census/api-version and census types; '../store/run-store.js' is in store",
		],
		['source/terminal/x.ts', "import {useRunStore} from '../store/react.js';", "source/terminal may import only terminal and text; '../store/react.js' is in store"],
		[
			'source/store/x.ts',
			"import {createPoller} from '../polling/engine.js';",
			"source/store may import only store, runs, text and census; '../polling/engine.js' is in polling",
		],
		[
			'source/polling/x.ts',
			"import {App} from '../tui/app.js';",
			"source/polling may import only polling, census, runs, store and text; '../tui/app.js' is in tui",
		],
		[
			'source/tui/components/x.tsx',
			"import {DEFAULT_SCHEDULER_CONFIG} from '../../polling/config.js';",
			"source/tui may import only tui, store, runs, text, terminal and census types; '../../polling/config.js' is in polling",
		],
		['source/simulator/x.ts', "import type {SyncRun} from '../census/types.js';", "source/simulator may import only simulator; '../census/types.js' is in census"],
	];

	it.each(wrong)('%s: %s fails', async (file, code, message) => {
		expect(await layerMessages(file, code)).toEqual([message]);
	});

	it('lets every layer import itself, text, and what its row allows', async () => {
		expect(await layerMessages('source/text/x.ts', "import {formatCount} from './format.js';")).toEqual([]);
		expect(await layerMessages('source/census/x.ts', "import {sanitizeText} from '../text/sanitize.js';")).toEqual([]);
		expect(await layerMessages('source/runs/x.ts', "import {API_ROOTS} from '../census/api-version.js';")).toEqual([]);
		expect(await layerMessages('source/terminal/x.ts', "import {displayWidth} from '../text/text.js';")).toEqual([]);
		expect(await layerMessages('source/store/x.ts', "import {runPhase} from '../runs/status.js';\nimport {sameJson} from '../census/bounded-json.js';")).toEqual([]);
		expect(await layerMessages('source/polling/x.ts', "import {createRunStore} from '../store/run-store.js';")).toEqual([]);
		expect(await layerMessages('source/tui/screens/x.tsx', "import {useRunStore} from '../../store/react.js';\nimport {sgr} from '../../terminal/sgr-state.js';")).toEqual([]);
		expect(await layerMessages('source/cli/x.ts', "import {startSimulator} from '../simulator/server.js';\nimport {App} from '../tui/app.js';")).toEqual([]);
	});
});

describe('the import rule: types where only types are allowed', () => {
	it('passes `import type` and `export type` from census in runs and tui, and fails their value twins', async () => {
		expect(await layerMessages('source/runs/x.ts', "import type {SyncRun} from '../census/types.js';")).toEqual([]);
		expect(await layerMessages('source/runs/x.ts', "export type {SyncRun} from '../census/types.js';")).toEqual([]);
		expect(await layerMessages('source/tui/view/x.ts', "import type {SyncRun} from '../../census/types.js';")).toEqual([]);
		expect(await layerMessages('source/runs/x.ts', "import {parseRun} from '../census/parse.js';")).toEqual([
			"source/runs may import only runs, text, census/api-version and census types; '../census/parse.js' is in census: import its types with `import type`",
		]);
		expect(await layerMessages('source/tui/view/x.ts', "export {MAX_PER_PAGE} from '../../census/client.js';")).toHaveLength(1);
	});

	it('counts `import {type A}` as loading the module: verbatimModuleSyntax keeps it as an import at run time', async () => {
		expect(await layerMessages('source/runs/x.ts', "import {type SyncRun} from '../census/types.js';")).toEqual([
			"source/runs may import only runs, text, census/api-version and census types; '../census/types.js' is in census: import its types with `import type`",
		]);
	});
});

describe('the import rule: every way to import', () => {
	it('checks export-from, export-all, import() and import types', async () => {
		expect(await layerMessages('source/runs/x.ts', "export {createRunStore} from '../store/run-store.js';")).toHaveLength(1);
		expect(await layerMessages('source/runs/x.ts', "export * from '../store/run-store.js';")).toHaveLength(1);
		expect(await layerMessages('source/tui/x.ts', "export const load = async () => import('../polling/engine.js');")).toEqual([
			"source/tui may import only tui, store, runs, text, terminal and census types; '../polling/engine.js' is in polling",
		]);
		expect(await layerMessages('source/text/x.ts', "export type Run = import('../runs/model.js').RunEntry;")).toHaveLength(1);
	});

	it('names a folder of source/ the table does not know, and leaves files outside source/ alone', async () => {
		expect(await layerMessages('source/widgets/x.ts', "export const x = 1;")).toEqual([
			'source/widgets is in no layer of the import table (eslint.layers.js): add it there',
		]);
		expect(await layerMessages('test/x.test.ts', "import {createPoller} from '../source/polling/engine.js';")).toEqual([]);
	});
});

describe('the layer table', () => {
	it('has no cycle, so no two folders can import each other by any road', () => {
		const names = Object.keys(LAYERS);
		const next = (layer: string): string[] => {
			const {values, types} = LAYERS[layer] ?? {values: [], types: []};
			const entries: string[] = [...values, ...types];
			return entries.includes('*') ? names.filter(name => name !== layer) : entries.map(entry => entry.split('/')[0] ?? entry);
		};

		const done = new Set<string>();
		const reach = (layer: string, path: string[]): void => {
			expect(path, `cycle: ${[...path, layer].join(' → ')}`).not.toContain(layer);
			if (done.has(layer)) return;
			for (const target of next(layer)) reach(target, [...path, layer]);
			done.add(layer);
		};

		for (const name of names) reach(name, []);
	});
});
