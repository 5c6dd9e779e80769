import path from 'node:path';

// Which folder of source/ may import which: data flows census → polling → store → tui, runs/ and text/ are
// imported by everyone, and cli/ puts it all together. This table is the one place the directions are
// written down; `npm run lint` fails on an import against it, saying which layer may import which.
//
// `values` may be imported as code, `types` with `import type` / `export type` only. An entry is a folder,
// or one module of a folder ('census/api-version'). Only `import type` counts as types: with
// verbatimModuleSyntax, `import {type A}` still loads the module at run time.
export const LAYERS = {
	text: {values: [], types: []},
	census: {values: ['text'], types: []},
	// The web links derive from the table of API roots.
	runs: {values: ['text', 'census/api-version'], types: ['census']},
	terminal: {values: ['text'], types: []},
	store: {values: ['runs', 'text', 'census'], types: []},
	polling: {values: ['census', 'runs', 'store', 'text'], types: []},
	tui: {values: ['store', 'runs', 'text', 'terminal'], types: ['census']},
	// The composition root.
	cli: {values: ['*'], types: []},
	// The simulator stands for the Census API: it shares no code with the app that watches it.
	simulator: {values: [], types: []},
};

const SOURCE = 'source';

/** `items` as 'a, b and c'. */
const listed = items => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** What a layer may import, as the message says it: 'runs, text, census/api-version and census types'. */
const allowedText = layer => {
	const {values, types} = LAYERS[layer];
	if (values.includes('*')) return 'anything';
	return listed([layer, ...values, ...types.map(type => `${type} types`)]);
};

/** The module's path under source/ without its extension ('store/run-store'), or null outside source/. */
const underSource = (file, cwd) => {
	const relative = path.relative(path.join(cwd, SOURCE), file);
	if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
	return relative.split(path.sep).join('/').replace(/\.[cm]?[jt]sx?$/, '');
};

const covers = (entries, target) => entries.some(entry => entry === '*' || target === entry || target.startsWith(`${entry}/`));

/** Why `target` (a module under source/) may not be imported from `layer` this way, or null when it may. */
const refusal = (layer, target, typeOnly) => {
	const targetLayer = target.split('/')[0];
	const {values, types} = LAYERS[layer];
	if (targetLayer === layer || covers(values, target)) return null;
	if (covers(types, target)) return typeOnly ? null : 'types';
	return 'layer';
};

/** Every import, export-from and import() of the file, as [node of the specifier, whether it brings types only]. */
const onImport = check => ({
	ImportDeclaration: node => check(node.source, node.importKind === 'type'),
	ExportNamedDeclaration: node => node.source && check(node.source, node.exportKind === 'type'),
	ExportAllDeclaration: node => check(node.source, node.exportKind === 'type'),
	ImportExpression: node => check(node.source, false),
	TSImportType: node => check(node.source, true),
});

const importsRule = {
	meta: {
		type: 'problem',
		docs: {description: 'Folders of source/ import only the layers the table in eslint.layers.js allows'},
		schema: [],
		messages: {
			layer: "source/{{layer}} may import only {{allowed}}; '{{specifier}}' is in {{target}}",
			types: "source/{{layer}} may import only {{allowed}}; '{{specifier}}' is in {{target}}: import its types with `import type`",
			unknown: 'source/{{layer}} is in no layer of the import table (eslint.layers.js): add it there',
		},
	},
	create(context) {
		const file = underSource(context.filename, context.cwd);
		if (file === null || !file.includes('/')) return {};
		const layer = file.split('/')[0];
		if (!Object.hasOwn(LAYERS, layer)) {
			return {Program: node => context.report({node, messageId: 'unknown', data: {layer}})};
		}

		return onImport((node, typeOnly) => {
			const specifier = node?.type === 'Literal' ? node.value : null;
			if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
			const target = underSource(path.resolve(path.dirname(context.filename), specifier), context.cwd);
			if (target === null) return;
			const why = refusal(layer, target, typeOnly);
			if (why !== null) {
				context.report({node, messageId: why, data: {layer, allowed: allowedText(layer), specifier, target: target.split('/')[0]}});
			}
		});
	},
};

export default {meta: {name: 'layers'}, rules: {imports: importsRule}};
