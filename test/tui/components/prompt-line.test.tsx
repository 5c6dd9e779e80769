import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {PromptLine, tailToWidth} from '../../../source/tui/components/prompt-line.js';
import {displayWidth} from '../../../source/text/text.js';

afterEach(() => {
	cleanup();
});

const frameOf = (node: React.JSX.Element): string => render(node).lastFrame() ?? '';

describe('PromptLine', () => {
	it('sanitises a question that quotes a hostile sync label', () => {
		const question = 'Trigger a run of sync 5 (Evil\u001B]0;pwned\u0007 label\u009B2J)? y/N';
		const frame = frameOf(<PromptLine prompt={{kind: 'confirm', action: {kind: 'trigger', syncId: 5, fullSync: false}, question}} message={null} width={80} ascii={false} />);
		expect(frame.trimEnd()).toBe('Trigger a run of sync 5 (Evil label)? y/N');
	});

	it('keeps the end of long typed text visible, with the cursor, within the width', () => {
		const text = Array.from({length: 30}, (_, index) => String(1000 + index)).join(' ');
		const frame = frameOf(<PromptLine prompt={{kind: 'add', text, error: null}} message={null} width={50} ascii={false} />);
		expect(frame).toMatch(/^add \(run ids, s:ID\): .*1029▏$/);
		expect(displayWidth(frame)).toBe(50);
	});

	it('uses an ASCII cursor and error mark with --ascii', () => {
		const frame = frameOf(<PromptLine prompt={{kind: 'add', text: 's:x', error: '"s:x" is not a run id or s:ID'}} message={null} width={80} ascii />);
		expect(frame.trimEnd()).toBe('add (run ids, s:ID): s:x_  x "s:x" is not a run id or s:ID');
	});

	it('shows a message, cut to the width, and nothing when there is neither prompt nor message', () => {
		expect(frameOf(<PromptLine prompt={null} message={{text: 'removed run 8123 (a to add it back)', level: 'info'}} width={20} ascii />)).toBe(
			'removed run 8123 (a~',
		);
		expect(frameOf(<PromptLine prompt={null} message={null} width={20} ascii={false} />)).toBe('');
	});
});

describe('tailToWidth', () => {
	it('keeps whole characters from the end, wide ones included', () => {
		expect(tailToWidth('abc数据', 5)).toBe('c数据');
		expect(tailToWidth('abc数据', 4)).toBe('数据');
		expect(tailToWidth('abc数据', 3)).toBe('据');
		expect(tailToWidth('abc', 0)).toBe('');
	});
});
