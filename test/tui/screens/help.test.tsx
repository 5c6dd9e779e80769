import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {Help, helpLines, helpMaxScroll} from '../../../source/tui/screens/help.js';
import {KEY_BINDINGS} from '../../../source/tui/keys/keymap.js';
import {displayWidth} from '../../../source/text/text.js';

afterEach(() => {
	cleanup();
});

describe('Help', () => {
	it('lists every key of the key table, quit among them', () => {
		const frame = render(<Help width={120} height={60} ascii={false} scroll={0} />).lastFrame() ?? '';
		expect(frame).toContain('quit (also Ctrl+C)');
		for (const binding of KEY_BINDINGS) expect(frame).toContain(binding.help.split(' ').slice(0, 2).join(' '));
	});

	it("wraps a key's help under itself instead of cutting it", () => {
		const frame = render(<Help width={70} height={200} ascii={false} scroll={0} />).lastFrame() ?? '';
		const joined = frame.replaceAll(/ *\n {2,}/g, ' ').replaceAll(/ {2,}/g, ' ');
		for (const binding of KEY_BINDINGS) expect(joined).toContain(binding.help);
		expect(frame).not.toContain('…');
	});

	it('puts the keys that work everywhere first', () => {
		const frame = render(<Help width={80} height={9} ascii={false} scroll={0} />).lastFrame() ?? '';
		expect(frame.split('\n')[0]).toContain('Everywhere');
		expect(frame).toContain('quit');
	});

	it('scrolls on a short terminal and says where it is', () => {
		const total = helpLines(80, false).length;
		const first = render(<Help width={80} height={7} ascii={false} scroll={0} />).lastFrame() ?? '';
		expect(first.split('\n')).toHaveLength(7);
		expect(first).toContain(`lines 1–6 of ${total}`);
		const last = render(<Help width={80} height={7} ascii={false} scroll={helpMaxScroll(80, 7, false)} />).lastFrame() ?? '';
		expect(last).toContain(`of ${total}`);
		expect(last).toContain(`lines ${total - 5}–${total}`);
	});

	it('marks off keys with why, and scrolls as far as the marked help reaches', () => {
		const off = {trigger: 'read-only', 'cancel-run': 'read-only', 'inspector-match': 'no search'} as const;
		const frame = render(<Help width={60} height={200} ascii={false} scroll={0} off={off} />).lastFrame() ?? '';
		expect(frame).toContain('(off: read-only) trigger a run of');
		expect(frame).toContain('(off: no search) next / previous search match');
		expect(helpLines(60, false, off).length).toBeGreaterThan(helpLines(60, false).length);
		expect(helpMaxScroll(60, 20, false, [], off)).toBe(helpLines(60, false, off).length - 19);
	});

	it('does not scroll when everything fits', () => {
		expect(helpMaxScroll(120, 200, false)).toBe(0);
	});

	for (const [width, height] of [
		[40, 7],
		[80, 20],
		[120, 37],
	] as const) {
		it(`stays within ${width}x${height}`, () => {
			const lines = (render(<Help width={width} height={height} ascii={false} scroll={3} />).lastFrame() ?? '').split('\n');
			expect(lines.length).toBeLessThanOrEqual(height);
			for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		});
	}

	it('uses only ASCII with --ascii', () => {
		expect(render(<Help width={80} height={10} ascii scroll={0} />).lastFrame()).toMatch(/^[\u0020-\u007E\n]*$/);
	});
});
