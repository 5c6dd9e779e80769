import {describe, expect, it} from 'vitest';
import {parseSyncRun} from '../../source/census/parse.js';
import {formatRunTable, type TableRun} from '../../source/cli/modes/run-table.js';
import {displayWidth} from '../../source/text/text.js';
import {runJson as apiRun} from '../helpers/builders.js';

const NOW = Date.parse('2021-10-20T03:00:00Z');

const row = (fields: Record<string, unknown>, syncLabel: string | null = 'Users → Salesforce'): TableRun => {
	const run = parseSyncRun(apiRun(fields));
	return {id: run.id, run, notFound: false, syncLabel};
};

describe('formatRunTable', () => {
	const rows = [
		row({
			id: 8123,
			status: 'working',
			current_step: 'Unloading data from warehouse',
			records_processed: 12_000,
			source_record_count: 145_921,
			source_record_updates: 49_000,
			source_record_deletes: 1000,
		}),
		row({id: 94, status: 'completed', canceled: true, completed_at: '2021-10-20T02:52:07.546Z', records_failed: 3}),
		row({id: 95, status: 'failed', error_code: 'invalid_credentials', completed_at: '2021-10-20T02:51:10.546Z'}, null),
		{id: 7, run: null, notFound: true, syncLabel: null},
	];
	const lines = formatRunTable(rows, NOW, 'Europe/Paris');

	it("has the TUI's column titles in its order, then the error code, and one line per run, in the order given", () => {
		expect(lines).toHaveLength(5);
		expect(lines[0]?.trim().split(/\s+/)).toEqual(['STATUS', 'RUN', 'SYNC', 'STEP', 'SENT/TO', 'SEND', 'FAILED', 'STARTED', 'TOOK', 'ERROR']);
		expect(lines.slice(1).map(line => /\d+/.exec(line)?.[0])).toEqual(['8123', '94', '95', '7']);
	});

	it('shows each run with its status word and what it is doing, start times with their zone', () => {
		expect(lines[1]).toMatch(/^working +8123 {2}Users → Salesforce #52 +4\/7 Unload +12,000\/50,000 +— +04:51:07 UTC\+2 +8m 52s +—$/);
		expect(lines[2]).toMatch(/^canceled +94 {2}Users → Salesforce #52 +4\/7 Unload +—\/14 +3 +04:51:07 UTC\+2 +1m 00s +—$/);
		expect(lines[3]).toMatch(/^failed +95 {2}sync #52 .* 3s +invalid_credentials$/);
		expect(lines[4]).toMatch(/^not found +7 {2}— +— +— +— +— +— +—$/);
	});

	it('shows start times in the zone given, UTC included', () => {
		expect(formatRunTable(rows, NOW, 'UTC')[1]).toContain('02:51:07 UTC');
		expect(formatRunTable(rows, NOW, 'America/Los_Angeles')[1]).toContain('19:51:07 UTC-7');
	});

	it('lines the columns up by display width, wide characters included', () => {
		const table = formatRunTable(
			[row({id: 1, status: 'working'}, '東京 → 大阪'), row({id: 22, status: 'working'}, 'Users'), row({id: 333, status: 'queued', current_step: 'Checking for fields to create in destination'}, null)],
			NOW,
		);
		const startOf = (line: string, text: string): number => displayWidth(line.slice(0, line.indexOf(text)));
		const [header = '', ...body] = table;
		expect(body.map(line => startOf(line, line.includes('queued') ? 'queued' : 'working'))).toEqual(body.map(() => startOf(header, 'STATUS')));
		expect(body.map(line => startOf(line, '/7 '))).toEqual(body.map(() => startOf(header, 'STEP') + 1));
	});

	it('drops the error column when no run has an error code', () => {
		const table = formatRunTable([row({id: 1, status: 'working'})], NOW);
		expect(table[0]).not.toContain('ERROR');
	});

	it('sanitises and cuts what the API says', () => {
		const table = formatRunTable(
			[row({id: 1, status: 'failed', current_step: '\u001b[2JSelf-destruct', error_code: `\u009b31m${'E'.repeat(80)}`}, `Evil\u202e\r\n${'x'.repeat(100)}`)],
			NOW,
		);
		const text = table.join('\n');
		expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
		expect(text).toContain('Self-destruct');
		expect(Math.max(...table.map(displayWidth))).toBeLessThan(200);
	});
});
