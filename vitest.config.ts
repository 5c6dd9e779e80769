import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		exclude: ['test/bench/**', 'node_modules/**', 'dist/**'],
		pool: 'forks',
		testTimeout: 20_000,
		hookTimeout: 20_000,
		env: {NO_COLOR: '1'},
	},
});
