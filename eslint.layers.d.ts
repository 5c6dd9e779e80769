import type {ESLint} from 'eslint';

// For the test that reads the table: the rule itself is plain JavaScript, loaded by eslint.config.js.

/** What a folder of source/ may import: as code (`values`), or with `import type` only (`types`). */
export type LayerRow = {values: readonly string[]; types: readonly string[]};

export const LAYERS: Readonly<Record<string, LayerRow>>;

declare const plugin: ESLint.Plugin;
export default plugin;
