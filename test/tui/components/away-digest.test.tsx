import {afterEach, describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {AwayDigestBox, digestBoxLines} from '../../../source/tui/components/away-digest.js';
import type {AwayDigest} from '../../../source/runs/away-digest.js';
import {displayWidth} from '../../../source/text/text.js';
import {createAwayStore} from '../../../source/store/away-store.js';
import {createRunStore} from '../../../source/store/run-store.js';

afterEach(() => {
	cleanup();
});

const failure = (runId: number, errorCode: string | null = 'JSON_ARRAY_ERROR') => ({runId, syncId: 101, syncLabel: 'Users → Salesforce', errorCode});

const digest = (overrides: Partial<AwayDigest> = {}): AwayDigest => ({
	awayMs: 12 * 60_000,
	failed: [failure(8123)],
	completed: 4,
	rejected: 0,
	skipped: 0,
	canceled: 0,
	...overrides,
});

describe('digestBoxLines', () => {
	it('frames the title, the failures, the counts and the way out, every line as wide as the box', () => {
		const lines = digestBoxLines(digest(), {width: 100, height: 20, ascii: false});
		expect(lines.map(line => line.text.trimEnd())).toEqual([
			'┌── While you were away (12m) ────────────────────────────┐',
			'│ ✗ run 8123 Users → Salesforce failed (JSON_ARRAY_ERROR) │',
			'│ ✓ 4 completed                                           │',
			'└── any key to close ─────────────────────────────────────┘',
		]);
		expect(new Set(lines.map(line => displayWidth(line.text))).size).toBe(1);
		expect(lines.map(line => line.failure)).toEqual([false, true, false, false]);
	});

	it('never is wider than it may be, cutting long lines', () => {
		const lines = digestBoxLines(digest({failed: [failure(1, 'X'.repeat(40))]}), {width: 34, height: 20, ascii: false});
		for (const line of lines) expect(displayWidth(line.text)).toBe(34);
		expect(lines[1]?.text).toContain('…');
	});

	it('keeps within the height, saying how many failures it left out and keeping the counts', () => {
		const many = digest({failed: Array.from({length: 10}, (_, index) => failure(100 - index))});
		const lines = digestBoxLines(many, {width: 80, height: 6, ascii: false});
		expect(lines).toHaveLength(6);
		expect(lines.map(line => line.text.slice(2, 22).trimEnd())).toEqual([
			'─ While you were awa',
			'✗ run 100 Users → Sa',
			'✗ run 99 Users → Sal',
			'… and 8 more failed',
			'✓ 4 completed',
			'─ any key to close ─',
		]);
	});

	it('draws with ASCII only under --ascii', () => {
		const failed = Array.from({length: 5}, (_, index) => ({...failure(index + 1), syncLabel: 'Users to Salesforce'}));
		const lines = digestBoxLines(digest({failed}), {width: 60, height: 5, ascii: true});
		for (const line of lines) expect(line.text).toMatch(/^[\u0020-\u007e]+$/);
		expect(lines[2]?.text).toMatch(/^\| \.\.\. and 4 more failed +\|$/);
	});
});

describe('AwayDigestBox', () => {
	const setup = () => {
		const runs = createRunStore();
		const away = createAwayStore({runs});
		return {away};
	};

	it('draws nothing without a digest, and covers what is beneath it with one', () => {
		const {away} = setup();
		const beneath = Array.from({length: 8}, () => 'x'.repeat(70));
		const view = render(
			<Box width={70} height={8} flexDirection="column">
				{beneath.map((line, index) => (
					<Text key={index}>{line}</Text>
				))}
				<AwayDigestBox away={away} width={70} height={8} ascii={false} />
			</Box>,
		);
		expect(view.lastFrame()).toBe(beneath.join('\n'));
		away.setState({digest: digest()});
		view.rerender(
			<Box width={70} height={8} flexDirection="column">
				{beneath.map((line, index) => (
					<Text key={index}>{line}</Text>
				))}
				<AwayDigestBox away={away} width={70} height={8} ascii={false} />
			</Box>,
		);
		const lines = (view.lastFrame() ?? '').split('\n');
		expect(lines[0]).toMatch(/^xx┌── While you were away \(12m\) ─+┐x+$/);
		expect(lines[1]).toMatch(/^xx│ ✗ run 8123 Users → Salesforce failed \(JSON_ARRAY_ERROR\) +│x+$/);
		expect(lines[2]).toMatch(/^xx│ ✓ 4 completed +│x+$/);
		expect(lines[3]).toMatch(/^xx└── any key to close ─+┘x+$/);
		expect(lines.slice(4)).toEqual(beneath.slice(4));
	});
});
