import {fileURLToPath, pathToFileURL} from 'node:url';
import {build, defineConfig} from 'rolldown';

// The bin loads this bundle of the tsc build (dist/): importing Ink's hundreds of modules one by one took
// ~0.5 s of every start. The bundle also carries our two changes to Ink, each a module of Ink's replaced by
// one of ours with the same interface (the tests compare each with Ink's own):
// - build/output.js, which turns the laid-out tree into the frame's text: source/terminal/ink-patches/output.ts makes the
//   same frames with a fraction of the CPU and garbage;
// - build/measure-text.js, whose cache of every text ever measured is never emptied (ink#986):
//   source/terminal/ink-patches/measure-text.ts bounds it.
// The build fails if Ink stops importing either, rather than shipping without the swap.
const swaps = [
	{importer: /[\\/]node_modules[\\/]ink[\\/]build[\\/]renderer\.js$/, source: './output.js', replacement: 'dist/terminal/ink-patches/output.js'},
	{importer: /[\\/]node_modules[\\/]ink[\\/]build[\\/]dom\.js$/, source: './measure-text.js', replacement: 'dist/terminal/ink-patches/measure-text.js'},
];

const swapInkModules = () => {
	const swapped = new Set();
	return {
		name: 'census-watch:ink-modules',
		resolveId(source, importer) {
			const swap = swaps.find(candidate => candidate.source === source && importer !== undefined && candidate.importer.test(importer));
			if (!swap) return null;
			swapped.add(swap);
			return fileURLToPath(new URL(swap.replacement, import.meta.url));
		},
		buildEnd(error) {
			const missing = swaps.filter(swap => !swapped.has(swap)).map(swap => swap.source);
			if (!error && missing.length > 0) this.error(`Ink no longer imports ${missing.join(', ')}: check source/terminal/ink-patches/*.ts against this Ink`);
		},
	};
};

const config = defineConfig({
	input: {cli: 'dist/cli/main.js'},
	platform: 'node',
	external: ['react-devtools-core'],
	plugins: [swapInkModules()],
	output: {dir: 'dist/bundle', format: 'esm', cleanDir: true},
});

export default config;

// `node rolldown.config.js` (npm run build, npm start) bundles through the API, which prints only warnings
// and errors: the CLI (`rolldown -c`) lists every chunk, a screenful before the app on each `npm start`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await build(config);
