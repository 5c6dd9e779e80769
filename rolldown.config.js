import {fileURLToPath} from 'node:url';
import {defineConfig} from 'rolldown';

// The bin loads this bundle of the tsc build (dist/): importing Ink's hundreds of modules one by one took
// ~0.5 s of every start. The bundle also carries our one change to Ink: its per-frame Output
// (node_modules/ink/build/output.js) is replaced by dist/lib/ink-output.js, which produces the same frames
// with a fraction of the CPU and garbage (see source/lib/ink-output.ts; test/lib/ink-output.test.ts compares
// the two). The build fails if Ink's renderer stops importing it, rather than shipping without the swap.
const inkOutput = fileURLToPath(new URL('dist/lib/ink-output.js', import.meta.url));
const inkRenderer = /[\\/]node_modules[\\/]ink[\\/]build[\\/]renderer\.js$/;

const swapInkOutput = () => {
	let swapped = false;
	return {
		name: 'census-watch:ink-output',
		resolveId(source, importer) {
			if (source !== './output.js' || importer === undefined || !inkRenderer.test(importer)) return null;
			swapped = true;
			return inkOutput;
		},
		buildEnd(error) {
			if (!error && !swapped) this.error("Ink's renderer no longer imports ./output.js: check source/lib/ink-output.ts against this Ink");
		},
	};
};

export default defineConfig({
	input: 'dist/cli.js',
	platform: 'node',
	external: ['react-devtools-core'],
	plugins: [swapInkOutput()],
	output: {dir: 'dist/bundle', format: 'esm', cleanDir: true},
});
