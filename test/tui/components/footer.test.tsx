import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {fitHints, Footer} from '../../../source/tui/components/footer.js';
import {footerHints} from '../../../source/tui/keys/key-hints.js';
import {displayWidth} from '../../../source/text/text.js';

afterEach(() => {
	cleanup();
});

describe('Footer', () => {
	it('lists the keys of the screen', () => {
		expect(render(<Footer context="list" width={100} ascii={false} />).lastFrame()).toBe(
			'↓/j move  Enter detail  e error  / filter  f status  E by code  a add  t trigger  ? help  q quit',
		);
		expect(render(<Footer context="inspector" width={100} ascii={false} />).lastFrame()).toBe(
			'↑↓/jk scroll  E by code  y copy  n/N failed  / search  o web  z zoom  Esc back  ? help  q quit',
		);
		expect(render(<Footer context="help" width={100} ascii={false} />).lastFrame()).toBe('↑↓/jk scroll  Esc back  ? help  q quit');
	});

	it('drops the least needed hints first on a narrow terminal, keeping help and quit', () => {
		const kept = fitHints(footerHints('list', false), 20).map(hint => hint.word);
		expect(kept).toEqual(['help', 'quit']);
		for (const width of [10, 20, 30, 40, 60]) {
			const frame = render(<Footer context="list" width={width} ascii={false} />).lastFrame() ?? '';
			expect(displayWidth(frame)).toBeLessThanOrEqual(width);
		}
	});

	it('lets a long off hint give way alone, keeping the shorter, less needed hints that still fit', () => {
		const off = {'cancel-run': 'run ended'} as const;
		const all = fitHints(footerHints('list', false, off), 200).map(hint => hint.word);
		expect(all).toContain('cancel (off: run ended)');
		const kept = fitHints(footerHints('list', false, off), 120).map(hint => hint.word);
		expect(kept).toContain('remove');
		expect(kept).not.toContain('cancel (off: run ended)');
		expect(kept.slice(-2)).toEqual(['help', 'quit']);
	});
});
