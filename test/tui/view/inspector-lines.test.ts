import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	hasError,
	inspectorLines,
	maxScrollOffset,
	scrollOffset,
	scrollPosition,
	type InspectorInput,
	type InspectorLine,
} from '../../../source/tui/view/inspector-lines.js';
import {displayWidth} from '../../../source/text/text.js';
import {inFlightRun} from '../../helpers/builders.js';

const URL = 'https://app.getcensus.com/syncs/42/history?sync_run_id=9001';
const input = (fields: Parameters<typeof inFlightRun>[0] = {}, extra: Partial<InspectorInput> = {}): InspectorInput => ({
	run: inFlightRun({status: 'failed', ...fields}),
	notFound: false,
	runId: 9001,
	webUrl: URL,
	hyperlinks: false,
	...extra,
});
const joined = (lines: InspectorLine[]): string => lines.map(line => line.label + line.text).join('\n');
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('inspectorLines', () => {
	it('says how many other watched runs share the code, right under the code, wrapped to the pane', () => {
		const sameCode = '3 failed runs have this code, in 2 syncs';
		const lines = inspectorLines(input({errorCode: 'ZQX_42', errorMessage: 'boom'}, {sameCode}), 80);
		const seen = lines.findIndex(line => line.label.startsWith('Seen'));
		expect(lines[seen]).toEqual({label: 'Seen     ', text: sameCode, style: 'muted'});
		expect(lines.slice(0, seen).every(line => line.style === 'code' || line.style === 'explanation')).toBe(true);
		const narrow = inspectorLines(input({errorCode: 'ZQX_42'}, {sameCode}), 30);
		expect(joined(narrow)).toContain('3 failed runs');
		for (const line of narrow) expect(displayWidth(line.label + line.text)).toBeLessThanOrEqual(30);
		expect(joined(inspectorLines(input({errorCode: 'ZQX_42'}, {sameCode: null}), 80))).not.toContain('Seen');
	});

	it('explains a documented code with its title and explanation', () => {
		const lines = inspectorLines(input({errorCode: 'JSON_ARRAY_ERROR', errorMessage: 'bad array'}), 80);
		expect(lines[0]).toEqual({label: 'Code     ', text: 'JSON_ARRAY_ERROR', style: 'code'});
		expect(lines[1]).toMatchObject({text: 'JSON array error', style: 'title'});
		expect(lines.filter(line => line.style === 'explanation').map(line => line.text).join(' ')).toContain('valid JSON array');
	});

	it('says plainly that Census documents nothing about an unknown code, without repeating the code as a title', () => {
		const lines = inspectorLines(input({errorCode: 'ZQX_42', errorMessage: 'boom'}), 80);
		expect(lines.filter(line => line.text === 'ZQX_42')).toHaveLength(1);
		expect(lines.some(line => line.style === 'title')).toBe(false);
		expect(joined(lines)).toContain('Census documents nothing about this code.');
	});

	it('shows a message without a code as having none', () => {
		const lines = inspectorLines(input({errorCode: null, errorMessage: 'it broke'}), 80);
		expect(lines[0]).toMatchObject({text: 'none', style: 'code'});
		expect(joined(lines)).toContain('Census gave no error code for this run.');
		expect(joined(lines)).toContain('it broke');
	});

	it('wraps a long multi-line detail to the width, keeping its line breaks and every word', () => {
		const paragraph = 'column "customer_tags" holds {"a": 1} which is not an array; '.repeat(4).trim();
		const detail = `${paragraph}\nsecond line\n\n\tindented after a blank line`;
		const lines = inspectorLines(input({errorCode: 'JSON_ARRAY_ERROR', errorDetail: detail}), 50);
		const detailStart = lines.findIndex(line => line.label.startsWith('Detail'));
		const detailLines = lines.slice(detailStart).map(line => line.text);
		expect(detailLines.length).toBeGreaterThan(6);
		expect(detailLines.join(' ').replaceAll(/\s+/g, ' ')).toContain(paragraph.replaceAll(/\s+/g, ' '));
		expect(detailLines).toContain('second line');
		expect(detailLines).toContain('');
		expect(detailLines).toContain('    indented after a blank line');
		for (const line of lines) expect(displayWidth(line.label + line.text)).toBeLessThanOrEqual(50);
	});

	it('stacks labels above their values on a narrow pane', () => {
		const lines = inspectorLines(input({errorCode: 'E1', errorMessage: 'short message'}), 30);
		const message = lines.findIndex(line => line.label === 'Message');
		expect(lines[message]?.text).toBe('');
		expect(lines[message + 1]).toEqual({label: '  ', text: 'short message', style: 'text'});
	});

	it('never makes a line wider than the pane, whatever the text and width', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 300}), fc.string({unit: 'grapheme', maxLength: 300}), fc.integer({min: 4, max: 140}), (message, detail, width) => {
				const lines = inspectorLines(input({errorCode: message.slice(0, 20), errorMessage: message, errorDetail: detail}), width);
				for (const line of lines) {
					expect(displayWidth(line.label + line.text)).toBeLessThanOrEqual(width);
					expect(line.label + line.text).not.toMatch(CONTROL);
				}
			}),
		);
	});

	it('strips terminal sequences from code, message and detail', () => {
		const lines = inspectorLines(
			input({
				errorCode: 'E\u001b]0;pwned\u0007X',
				errorMessage: 'clear \u001b[2J now \u009b31m red\u0007',
				errorDetail: 'osc \u009d0;title\u009c end',
			}),
			80,
		);
		const text = joined(lines);
		expect(text).not.toMatch(CONTROL);
		expect(text).not.toContain('pwned');
		expect(text).toContain('EX');
		expect(text).toContain('clear  now  red');
		expect(text).toContain('osc  end');
	});

	it('gives the counts for context', () => {
		const text = joined(inspectorLines(input({errorCode: 'E1', sourceRecordCount: 1_000_000_000_000, recordsFailed: null}), 30));
		expect(text).toContain('source 1,000,000,000,000');
		expect(text).toContain('failed —');
	});

	it('puts the web-app URL whole on a line of its own, from the first column, never broken over lines', () => {
		for (const width of [URL.length, 80, 120]) {
			for (const hyperlinks of [false, true]) {
				const lines = inspectorLines(input({errorCode: 'E1'}, {hyperlinks}), width);
				const urlLines = lines.filter(line => line.style === 'link');
				expect(urlLines).toEqual([{label: '', text: URL, style: 'link', url: URL}]);
				expect(lines.filter(line => line.text.includes('census') || line.label.includes('census'))).toHaveLength(1);
			}
		}
	});

	it('cuts a URL wider than the pane on its one line, keeps it whole for the link, and says so without hyperlinks', () => {
		for (const hyperlinks of [false, true]) {
			const lines = inspectorLines(input({errorCode: 'E1'}, {hyperlinks}), 40);
			const urlLines = lines.filter(line => line.style === 'link');
			expect(urlLines).toHaveLength(1);
			expect(urlLines[0]?.text.endsWith('…')).toBe(true);
			expect(URL.startsWith(urlLines[0]?.text.slice(0, -1) ?? 'x')).toBe(true);
			expect(urlLines[0]?.url).toBe(URL);
			expect(joined(lines).includes('cut at the edge of the pane')).toBe(!hyperlinks);
		}
	});

	it('says when there is no web-app URL', () => {
		const lines = inspectorLines(input({errorCode: 'E1'}, {webUrl: null}), 80);
		expect(lines.find(line => line.label.startsWith('Web app'))).toMatchObject({text: '—', style: 'muted'});
	});

	it('says so for a run without an error, and still gives the counts', () => {
		const lines = inspectorLines(input({status: 'completed', errorCode: null, errorMessage: '  ', errorDetail: null}), 80);
		expect(lines[0]?.text).toBe('This run has no error.');
		expect(joined(lines)).toContain('processed 400');
		expect(lines.some(line => line.style === 'code')).toBe(false);
	});

	it('says when the run was not found or has not been fetched yet', () => {
		expect(inspectorLines(input({}, {notFound: true, run: null}), 80)[0]?.text).toBe('Run 9001 was not found.');
		expect(inspectorLines(input({}, {run: null}), 80)[0]?.text).toBe('Waiting for the first answer.');
	});
});

describe('hasError', () => {
	it('counts blank or control-only fields as no error', () => {
		expect(hasError(inFlightRun({errorMessage: ' \u001b[2J '}))).toBe(false);
		expect(hasError(inFlightRun({errorDetail: 'x'}))).toBe(true);
		expect(hasError(null)).toBe(false);
	});
});

describe('scrolling', () => {
	it('moves by lines and pages, keeping a line of the previous page, within the content', () => {
		expect(scrollOffset(0, 'line-down', 50, 10)).toBe(1);
		expect(scrollOffset(0, 'line-up', 50, 10)).toBe(0);
		expect(scrollOffset(0, 'page-down', 50, 10)).toBe(9);
		expect(scrollOffset(36, 'page-down', 50, 10)).toBe(40);
		expect(scrollOffset(40, 'line-down', 50, 10)).toBe(40);
		expect(scrollOffset(5, 'page-up', 50, 10)).toBe(0);
		expect(scrollOffset(7, 'top', 50, 10)).toBe(0);
		expect(scrollOffset(0, 'bottom', 50, 10)).toBe(40);
	});

	it('reaches the last line with repeated page-downs', () => {
		let offset = 0;
		for (let press = 0; press < 10; press++) offset = scrollOffset(offset, 'page-down', 57, 12);
		expect(offset + 12).toBe(57);
	});

	it('does not scroll content that fits, and pulls back an offset left over from a longer content', () => {
		expect(maxScrollOffset(5, 10)).toBe(0);
		expect(scrollOffset(0, 'page-down', 5, 10)).toBe(0);
		expect(scrollOffset(30, 'line-up', 20, 10)).toBe(9);
	});

	it('tells where the view is', () => {
		expect(scrollPosition(0, 12, 20, false)).toBe('all 12 lines');
		expect(scrollPosition(0, 1, 20, false)).toBe('all 1 line');
		expect(scrollPosition(20, 57, 20, false)).toBe('lines 21–40 of 57');
		expect(scrollPosition(37, 57, 20, true)).toBe('lines 38-57 of 57');
	});
});
