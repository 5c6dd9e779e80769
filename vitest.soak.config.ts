import {defineConfig} from 'vitest/config';

// `npm run soak`: the soak test at full length (24 simulated hours, 20 followed syncs, about 200 watched
// runs), in a worker with a real GC to call before each heap sample. The normal suite runs it short.
export default defineConfig({
	test: {
		include: ['test/soak/**/*.test.ts'],
		pool: 'forks',
		execArgv: ['--expose-gc'],
		testTimeout: 3_600_000,
		env: {NO_COLOR: '1', SOAK_HOURS: '24', SOAK_SYNCS: '20', SCREEN_FRAMES: '3600'},
	},
});
