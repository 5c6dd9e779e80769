import {Table} from '@alcalzone/ink-table';
import {Text} from 'ink';
import type {ReactNode} from 'react';
import type {SyncRun} from '../../census/types.js';
import {formatCount, formatCountFull} from '../../text/format.js';
import {padEndToWidth, padStartToWidth} from '../../text/text.js';

// A run's record counts. On a pane wide enough, one bordered table row (@alcalzone/ink-table); otherwise
// the same numbers as label/value pairs, source side on the left and destination side on the right.
// ink-table sizes columns by String#length and cannot shrink, so the layout is chosen here, before
// rendering, from the widths it will need; its box-drawing skeleton is mapped to ASCII for --ascii.

export type RecordCounts = Pick<
	SyncRun,
	| 'sourceRecordCount'
	| 'sourceRecordUpdates'
	| 'sourceRecordDeletes'
	| 'sourceRecordInvalids'
	| 'recordsProcessed'
	| 'recordsUpdated'
	| 'recordsFailed'
>;

type Field = {label: string; key: keyof RecordCounts};

const SOURCE_SIDE: readonly Field[] = [
	{label: 'source', key: 'sourceRecordCount'},
	{label: 'updates', key: 'sourceRecordUpdates'},
	{label: 'deletes', key: 'sourceRecordDeletes'},
	{label: 'invalids', key: 'sourceRecordInvalids'},
];

const DESTINATION_SIDE: readonly Field[] = [
	{label: 'processed', key: 'recordsProcessed'},
	{label: 'updated', key: 'recordsUpdated'},
	{label: 'failed', key: 'recordsFailed'},
];

const FIELDS = [...SOURCE_SIDE, ...DESTINATION_SIDE];

export type CountFormat = 'full' | 'compact';

export type RecordsLayout =
	| {kind: 'table'; format: CountFormat; lines: number; width: number}
	| {kind: 'pairs'; format: CountFormat; columns: 1 | 2; lines: number; width: number};

const TABLE_PADDING = 1;
/** Top border, heading row, separator, the data row, bottom border. */
const TABLE_LINES = 5;
const PAIR_GAP = 3;

const formatWith = (format: CountFormat) => (format === 'full' ? formatCountFull : formatCount);

const valueOf = (counts: RecordCounts, field: Field, format: CountFormat): string => formatWith(format)(counts[field.key]);

/** The width ink-table will draw: each column its widest text plus padding, and a border between and around. */
function tableWidth(counts: RecordCounts, format: CountFormat): number {
	const columns = FIELDS.map(field => Math.max(field.label.length, valueOf(counts, field, format).length) + 2 * TABLE_PADDING);
	return columns.reduce((sum, width) => sum + width, 0) + FIELDS.length + 1;
}

const sideWidth = (counts: RecordCounts, fields: readonly Field[], format: CountFormat): {label: number; value: number} => ({
	label: Math.max(...fields.map(field => field.label.length)),
	value: Math.max(...fields.map(field => valueOf(counts, field, format).length)),
});

function pairsWidth(counts: RecordCounts, format: CountFormat, columns: 1 | 2): number {
	if (columns === 1) {
		const all = sideWidth(counts, FIELDS, format);
		return all.label + 1 + all.value;
	}

	const left = sideWidth(counts, SOURCE_SIDE, format);
	const right = sideWidth(counts, DESTINATION_SIDE, format);
	return left.label + 1 + left.value + PAIR_GAP + right.label + 1 + right.value;
}

/**
 * The layouts that fit `width`, best first, each shorter than the one before, so a pane short of lines
 * can step down the list (and drop the counts after the last). Empty when nothing fits.
 */
export function recordsLayouts(counts: RecordCounts, width: number): RecordsLayout[] {
	const candidates: RecordsLayout[] = [];
	for (const format of ['full', 'compact'] as const) {
		candidates.push({kind: 'table', format, lines: TABLE_LINES, width: tableWidth(counts, format)});
	}

	for (const format of ['full', 'compact'] as const) {
		candidates.push({kind: 'pairs', format, columns: 2, lines: SOURCE_SIDE.length, width: pairsWidth(counts, format, 2)});
	}

	for (const format of ['full', 'compact'] as const) {
		candidates.push({kind: 'pairs', format, columns: 1, lines: FIELDS.length, width: pairsWidth(counts, format, 1)});
	}

	const layouts: RecordsLayout[] = [];
	for (const candidate of candidates) {
		const last = layouts.at(-1);
		if (candidate.width <= width && (last === undefined || candidate.lines < last.lines)) layouts.push(candidate);
	}

	return layouts;
}

const ASCII_SKELETON: Readonly<Record<string, string>> = {'─': '-', '│': '|', '┌': '+', '┐': '+', '└': '+', '┘': '+', '┬': '+', '┴': '+', '├': '+', '┤': '+', '┼': '+'};

function AsciiSkeleton({children}: {children?: ReactNode}) {
	return <Text dimColor>{String(children ?? '').replace(/[─│┌┐└┘┬┴├┤┼]/g, char => ASCII_SKELETON[char] ?? char)}</Text>;
}

function Skeleton({children}: {children?: ReactNode}) {
	return <Text dimColor>{children}</Text>;
}

function Heading({children}: {children?: ReactNode}) {
	return <Text bold>{children}</Text>;
}

function Pair({field, counts, format, labelWidth, valueWidth}: {field: Field; counts: RecordCounts; format: CountFormat; labelWidth: number; valueWidth: number}) {
	const value = counts[field.key];
	const warn = field.key === 'recordsFailed' && typeof value === 'number' && value > 0;
	return (
		<Text>
			<Text dimColor>{padEndToWidth(field.label, labelWidth)} </Text>
			<Text color={warn ? 'red' : undefined}>{padStartToWidth(valueOf(counts, field, format), valueWidth)}</Text>
		</Text>
	);
}

export type RecordsTableProps = {
	counts: RecordCounts;
	layout: RecordsLayout;
	ascii: boolean;
};

export function RecordsTable({counts, layout, ascii}: RecordsTableProps) {
	const {format} = layout;
	if (layout.kind === 'table') {
		const row = Object.fromEntries(FIELDS.map(field => [field.label, valueOf(counts, field, format)]));
		return (
			<Table
				data={[row]}
				columns={FIELDS.map(field => ({key: field.label, align: 'right' as const}))}
				padding={TABLE_PADDING}
				header={Heading}
				skeleton={ascii ? AsciiSkeleton : Skeleton}
			/>
		);
	}

	if (layout.columns === 1) {
		const all = sideWidth(counts, FIELDS, format);
		return (
			<>
				{FIELDS.map(field => (
					<Pair key={field.key} field={field} counts={counts} format={format} labelWidth={all.label} valueWidth={all.value} />
				))}
			</>
		);
	}

	const left = sideWidth(counts, SOURCE_SIDE, format);
	const right = sideWidth(counts, DESTINATION_SIDE, format);
	return (
		<>
			{SOURCE_SIDE.map((field, index) => {
				const other = DESTINATION_SIDE[index];
				return (
					<Text key={field.key} wrap="truncate">
						<Pair field={field} counts={counts} format={format} labelWidth={left.label} valueWidth={left.value} />
						{other ? (
							<>
								{' '.repeat(PAIR_GAP)}
								<Pair field={other} counts={counts} format={format} labelWidth={right.label} valueWidth={right.value} />
							</>
						) : null}
					</Text>
				);
			})}
		</>
	);
}
