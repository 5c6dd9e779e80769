import {Box, Text} from 'ink';
import {useCallback, useState} from 'react';
import {cell} from '../view/cell.js';
import {useClockText} from '../hooks/wall-clock.js';
import {errorTimeOf, groupsOfRuns, type ErrorGroup} from '../../runs/error-groups.js';
import {windowStart} from '../view/list-window.js';
import {agoText} from '../../text/relative-clock.js';
import {sanitizeText} from '../../text/sanitize.js';
import {displayWidth} from '../../text/text.js';
import {useRunStore} from '../../store/react.js';
import type {ErrorsView} from '../../store/ui-store.js';
import type {RunEntry} from '../../runs/model.js';
import {syncDisplayLabel} from '../../runs/sync-label.js';

// Failed runs of everything watched, one line per error code (count, syncs, how long ago the newest),
// newest group first; an open group lists its runs. Which group is selected or open the keys keep in the
// UI store (keys/errors-keys.ts): this only draws it.

export type ErrorGroupsProps = {
	width: number;
	height: number;
	ascii: boolean;
	/** The selected and the open group, and the selected run of the open one (the UI store's). */
	view?: ErrorsView;
};

const NO_VIEW: ErrorsView = {groupKey: null, openKey: null, runId: null};

type Layout = {title: boolean; hint: boolean; sample: boolean; rows: number};

/** Title above, hint below and the newest message of the selected group when there is room for them. */
const layoutFor = (height: number, open: boolean): Layout => {
	const title = height >= 3;
	const hint = height >= 2;
	const sample = !open && height >= 6;
	return {title, hint, sample, rows: Math.max(1, height - Number(title) - Number(hint) - Number(sample))};
};

/** The rows shown at once on a pane `height` lines high: the groups, or an open group's runs. */
export const errorsRows = (height: number, open: boolean): number => layoutFor(height, open).rows;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const KIND_WIDTH = 8;
const AGO_WIDTH = 8;
/** The code (or the sync label) keeps at least this much before optional columns join. */
const MIN_TEXT = 10;

type GroupColumns = {code: number; kind: boolean; count: number; syncs: number; ago: boolean};

/** Marks take 2 cells; optional columns join in order of use while the code keeps MIN_TEXT cells. */
function groupColumns(groups: readonly ErrorGroup[], width: number): GroupColumns {
	const count = Math.max(...groups.map(group => plural(group.count, 'run').length));
	const syncs = Math.max(...groups.map(group => plural(group.syncIds.length, 'sync').length));
	let used = 2;
	const columns: GroupColumns = {code: 0, kind: false, count: 0, syncs: 0, ago: false};
	const fits = (extra: number) => used + extra + 1 + MIN_TEXT <= width;
	if (fits(count)) {
		columns.count = count;
		used += count + 1;
	}

	if (fits(AGO_WIDTH)) {
		columns.ago = true;
		used += AGO_WIDTH + 1;
	}

	if (fits(syncs)) {
		columns.syncs = syncs;
		used += syncs + 1;
	}

	if (fits(KIND_WIDTH)) {
		columns.kind = true;
		used += KIND_WIDTH + 1;
	}

	// No wider than the longest code, so the numbers sit next to the codes on a wide pane.
	const longestCode = Math.max(...groups.map(group => displayWidth(group.code)));
	columns.code = Math.max(0, Math.min(width - used, longestCode + 1));
	return columns;
}

function Ago({since, width, ascii}: {since: number | null; width: number; ascii: boolean}) {
	const format = useCallback((now: number) => agoText(since, now), [since]);
	return <Text>{cell(useClockText(format), width, {right: true, ascii})}</Text>;
}

const glyphOf = (group: ErrorGroup, ascii: boolean): string => (group.rejected ? '!' : ascii ? 'x' : '✗');

function GroupLine({group, columns, selected, ascii}: {group: ErrorGroup; columns: GroupColumns; selected: boolean; ascii: boolean}) {
	return (
		<Text wrap="truncate" inverse={selected}>
			<Text bold>{selected ? (ascii ? '>' : '›') : ' '}</Text>
			<Text color={group.rejected ? 'yellow' : 'red'}>{glyphOf(group, ascii)}</Text>
			<Text bold={group.hasCode} dimColor={!group.hasCode}>
				{' ' + cell(group.code, columns.code - 1, {ascii})}
			</Text>
			{columns.kind ? <Text color={group.rejected ? 'yellow' : 'red'}>{' ' + cell(group.rejected ? 'rejected' : 'failed', KIND_WIDTH, {ascii})}</Text> : null}
			{columns.count > 0 ? <Text>{' ' + cell(plural(group.count, 'run'), columns.count, {right: true, ascii})}</Text> : null}
			{columns.syncs > 0 ? <Text>{' ' + cell(plural(group.syncIds.length, 'sync'), columns.syncs, {right: true, ascii})}</Text> : null}
			{columns.ago ? (
				<>
					<Text> </Text>
					<Ago since={group.newestAt} width={AGO_WIDTH} ascii={ascii} />
				</>
			) : null}
		</Text>
	);
}

type RunColumns = {id: number; label: number; ago: boolean; message: number};

function runColumns(entries: readonly RunEntry[], labels: ReadonlyMap<number, string>, width: number): RunColumns {
	const id = Math.max(...entries.map(entry => `run ${entry.id}`.length));
	const longestLabel = Math.max(...entries.map(entry => displayWidth(labels.get(entry.id) ?? '')));
	let rest = width - 2 - id - 1;
	const ago = rest >= AGO_WIDTH + 1 + MIN_TEXT;
	if (ago) rest -= AGO_WIDTH + 1;
	// The label gets up to 30 cells; the message takes what is left when that is worth showing.
	const label = Math.max(0, Math.min(rest, longestLabel, 30));
	const message = rest - label - 1 >= MIN_TEXT ? rest - label - 1 : 0;
	return {id, label: message > 0 ? label : Math.max(0, rest), ago, message};
}

function RunLine({entry, label, columns, selected, ascii}: {entry: RunEntry; label: string; columns: RunColumns; selected: boolean; ascii: boolean}) {
	const {run} = entry;
	const message = run ? (sanitizeText(run.errorMessage).trim() || sanitizeText(run.errorDetail).trim()) : '';
	return (
		<Text wrap="truncate" inverse={selected}>
			<Text bold>{selected ? (ascii ? '>' : '›') : ' '}</Text>
			{' ' + cell(`run ${entry.id}`, columns.id, {ascii})}
			{columns.label > 0 ? ' ' + cell(label, columns.label, {ascii}) : ''}
			{columns.ago ? (
				<>
					<Text> </Text>
					<Ago since={run ? errorTimeOf(run) : null} width={AGO_WIDTH} ascii={ascii} />
				</>
			) : null}
			{columns.message > 0 ? <Text dimColor>{' ' + cell(message, columns.message, {ascii})}</Text> : null}
		</Text>
	);
}

export function ErrorGroups({width, height, ascii, view = NO_VIEW}: ErrorGroupsProps) {
	const runs = useRunStore(state => state.runs);
	const syncs = useRunStore(state => state.syncs);
	const groups = groupsOfRuns(runs);
	const [starts, setStarts] = useState({groups: 0, runs: 0});

	const open = view.openKey === null ? undefined : groups.find(group => group.key === view.openKey);
	const layout = layoutFor(height, open !== undefined);

	const separator = ascii ? ' - ' : ' · ';
	const title = (text: string) => (
		<Text bold wrap="truncate">
			{cell(text, width, {ascii})}
		</Text>
	);
	const hint = (text: string) => (
		<Text dimColor wrap="truncate">
			{cell(text, width, {ascii})}
		</Text>
	);
	const arrows = ascii ? 'j/k' : '↑↓';

	let body;
	let titleLine;
	let hintLine;
	let sampleLine = null;
	if (groups.length === 0) {
		titleLine = title('Errors by code');
		body = (
			<Text dimColor wrap="truncate">
				{cell('No failed runs or rejected records among the watched runs.', width, {ascii})}
			</Text>
		);
		hintLine = hint('Esc back');
	} else if (open === undefined) {
		const total = groups.reduce((sum, group) => sum + group.count, 0);
		titleLine = title(`Errors by code${separator}${plural(groups.length, 'code')}${separator}${plural(total, 'run')}`);
		const selected = Math.max(0, groups.findIndex(group => group.key === view.groupKey));
		const first = windowStart(groups.length, selected, layout.rows, starts.groups);
		if (first !== starts.groups) setStarts(previous => ({...previous, groups: first}));
		const columns = groupColumns(groups, width);
		body = groups.slice(first, first + layout.rows).map((group, index) => (
			<GroupLine key={group.key} group={group} columns={columns} selected={first + index === selected} ascii={ascii} />
		));
		const chosen = groups[selected];
		if (layout.sample && chosen) {
			const text = `newest: run ${chosen.newestRunId}${chosen.sampleMessage === '' ? '' : `: ${chosen.sampleMessage}`}`;
			sampleLine = hint(text);
		}

		hintLine = hint(`${arrows} select${separator}Enter its runs${separator}Esc back`);
	} else {
		const entries = open.runIds.map(id => runs[id]).filter((entry): entry is RunEntry => entry !== undefined);
		const labels = new Map(entries.map(entry => [entry.id, entry.run ? syncDisplayLabel(syncs, entry.run.syncId) + ` #${entry.run.syncId}` : '']));
		const kind = open.rejected ? 'rejected records' : 'failed';
		titleLine = title(`${open.code}${separator}${kind}${separator}${plural(open.count, 'run')}${separator}${plural(open.syncIds.length, 'sync')}`);
		const selected = Math.max(0, entries.findIndex(entry => entry.id === view.runId));
		const first = windowStart(entries.length, selected, layout.rows, starts.runs);
		if (first !== starts.runs) setStarts(previous => ({...previous, runs: first}));
		const columns = runColumns(entries, labels, width);
		body = entries.slice(first, first + layout.rows).map((entry, index) => (
			<RunLine key={entry.id} entry={entry} label={labels.get(entry.id) ?? ''} columns={columns} selected={first + index === selected} ascii={ascii} />
		));
		hintLine = hint(`${arrows} select${separator}Enter inspect${separator}Esc codes`);
	}

	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{layout.title ? titleLine : null}
			<Box flexDirection="column" height={layout.rows} overflow="hidden">
				{body}
			</Box>
			{sampleLine}
			{layout.hint ? hintLine : null}
		</Box>
	);
}
