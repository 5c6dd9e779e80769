import {Box, Text} from 'ink';
import {useCallback, type ReactNode} from 'react';
import {useShallow} from 'zustand/shallow';
import type {SyncRun} from '../../census/types.js';
import {ProgressBar} from '../components/progress-bar.js';
import {RecordsTable, recordsLayouts} from '../components/records-table.js';
import {StepList, stepListHeight, StepSummary} from '../components/step-list.js';
import {useClockText, useWallClock} from '../hooks/wall-clock.js';
import {etaText, expectedDurationMs, formatRoughDuration, stallState, syncDurations} from '../../runs/eta.js';
import {formatClock, formatDuration, MISSING, parseIsoTime} from '../../text/format.js';
import {zoneLabel} from '../../text/time-zone.js';
import {useTimeZone} from '../hooks/time-zone.js';
import {hasError} from '../view/inspector-lines.js';
import {durationText} from '../../text/relative-clock.js';
import {pausedMarked} from '../../runs/run-filter.js';
import {sanitizeText} from '../../text/sanitize.js';
import {runEndAt, runProgress} from '../../runs/run-figures.js';
import {isMovingPhase, runPhase, statusColor, statusGlyph, statusWord, type RunPhase} from '../../runs/status.js';
import {buildStepTimeline, type StepTimeline} from '../../runs/step-timeline.js';
import {displayWidth, padEndToWidth, truncateToWidth, wrapToWidth} from '../../text/text.js';
import {selectRunRegressions} from '../../store/history-select.js';
import {regressionText} from '../../runs/sync-history.js';
import {useRunStore} from '../../store/react.js';
import type {RunEntry} from '../../runs/model.js';
import type {RunStoreState} from '../../store/run-store.js';
import {syncDisplayLabel} from '../../runs/sync-label.js';

// Everything about one run, in blocks of lines. The pane never takes more than `height` lines: when it is
// short, the least important block gives way first, by stepping down to a smaller form (the records
// table becomes pairs, the step list one line) and then by going. Every line is cut to `width` cells
// before Ink sees it. Only the run's own slices of the store are read, and the ticking parts (duration,
// the current step's spinner and length, the time left) are small components of their own. A moving run
// also gets its expected duration and time left (or, honestly, why there is none) and, when the polls
// have seen nothing move for too long, a STALLED warning under the title; the rules are in runs/eta.ts.

export type DetailPaneProps = {
	runId: number;
	width: number;
	height: number;
	ascii: boolean;
	animate: boolean;
	/** The base poll interval (`--interval`, AppOptions.pollIntervalMs): the stall rule never judges on fewer than four polls. */
	pollIntervalMs: number;
};

type Variant = {lines: number; render: () => ReactNode};
type Block = {key: string; priority: number; variants: Variant[]; optional: boolean; separator?: boolean};

/**
 * Which form of each block to show so that all fit in `height` lines: the block of lowest priority steps
 * down one form at a time (the last block on a tie), and optional ones go after their smallest form; then
 * blocks step back up, most important first, as far as the room left allows. Blank separators only
 * space out a pane that has room for every block that cannot go in its full form: once one of those
 * has had to shrink (the step list down to its one-line summary), a blank line would sit between the
 * error and the summary while telling nothing, so the pane is fitted again without them.
 */
function fitBlocks(blocks: Block[], height: number): Array<Variant | null> {
	const chosen = fitForms(blocks, height);
	const cramped = blocks.some((block, index) => !block.optional && chosen[index] !== block.variants[0]);
	if (!cramped) return chosen;
	const kept = fitForms(blocks.filter(block => !block.separator), height);
	let next = 0;
	return blocks.map(block => (block.separator ? null : (kept[next++] ?? null)));
}

function fitForms(blocks: Block[], height: number): Array<Variant | null> {
	const chosen = blocks.map(() => 0);
	const linesOf = (index: number) => blocks[index]?.variants[chosen[index] ?? 0]?.lines ?? 0;
	const total = () => blocks.reduce((sum, _block, index) => sum + linesOf(index), 0);
	while (total() > height) {
		let pick = -1;
		for (const [index, block] of blocks.entries()) {
			const step = chosen[index] ?? 0;
			const canStep = step < block.variants.length - 1 || (block.optional && step < block.variants.length);
			if (canStep && (pick === -1 || block.priority <= (blocks[pick]?.priority ?? 0))) pick = index;
		}

		if (pick === -1) break;
		chosen[pick] = (chosen[pick] ?? 0) + 1;
	}

	// Stepping down one block can free more room than was needed: give it back, most important first.
	const byPriority = [...blocks.keys()].sort((a, b) => (blocks[b]?.priority ?? 0) - (blocks[a]?.priority ?? 0));
	for (const index of byPriority) {
		while ((chosen[index] ?? 0) > 0) {
			chosen[index] = (chosen[index] ?? 0) - 1;
			if (total() <= height) continue;
			chosen[index] = (chosen[index] ?? 0) + 1;
			break;
		}
	}

	return blocks.map((block, index) => block.variants[chosen[index] ?? 0] ?? null);
}

const line = (key: string, priority: number, render: () => ReactNode, optional = true): Block => ({
	key,
	priority,
	optional,
	variants: [{lines: 1, render}],
});

const separator = (key: string): Block => ({...line(key, 10, () => <Text> </Text>), separator: true});

function RunDuration({start, end}: {start: number | null; end: number | null}) {
	const format = useCallback((now: number) => durationText(start, end, now), [start, end]);
	return <Text>{useClockText(format)}</Text>;
}

/**
 * The title: status, then run id and sync. The status is shown in full, an unknown one too: when the
 * line has no room for all of it, the status takes lines of its own (wrapped) and the run goes under it.
 */
function titleBlock(entry: RunEntry, label: string | null, width: number, ascii: boolean): Block {
	const {run} = entry;
	const waiting = !run && !entry.notFound;
	const phase = runPhase(run, entry.notFound);
	const status = `${waiting ? (ascii ? '.' : '…') : statusGlyph(phase, ascii)} ${waiting ? 'waiting' : statusWord(run, entry.notFound, {full: true})}`;
	const where = run ? `${ascii ? ' - ' : ' · '}${label ?? ''} #${run.syncId}` : '';
	const rest = `  run ${entry.id}${where}`;
	const color = waiting ? undefined : statusColor(phase);
	if (displayWidth(status) + Math.min(displayWidth(rest), 12) <= width) {
		const cut = truncateToWidth(rest, Math.max(0, width - displayWidth(status)), ascii ? '~' : '…');
		return line(
			'title',
			100,
			() => (
				<Text wrap="truncate">
					<Text bold color={color}>
						{status}
					</Text>
					<Text bold>{cut}</Text>
				</Text>
			),
			false,
		);
	}

	const statusLines = wrapToWidth(status, width);
	const runLine = truncateToWidth(rest.trimStart(), width, ascii ? '~' : '…');
	return {
		key: 'title',
		priority: 100,
		optional: false,
		variants: [
			{
				lines: statusLines.length + 1,
				render: () => (
					<>
						{statusLines.map((text, index) => (
							<Text key={index} bold color={color} wrap="truncate">
								{text}
							</Text>
						))}
						<Text bold wrap="truncate">
							{runLine}
						</Text>
					</>
				),
			},
		],
	};
}

function ErrorLine({run, width, ascii}: {run: SyncRun; width: number; ascii: boolean}) {
	const code = sanitizeText(run.errorCode).trim();
	const message = sanitizeText(run.errorMessage).trim() || sanitizeText(run.errorDetail).trim();
	const hint = '  e: inspect';
	const mark = `${ascii ? 'x' : '✗'} `;
	const withHint = width >= displayWidth(mark) + displayWidth(hint) + 12;
	const room = Math.max(0, width - displayWidth(mark) - (withHint ? displayWidth(hint) : 0));
	const text = truncateToWidth([code, message].filter(part => part !== '').join(': '), room);
	return (
		<Text wrap="truncate">
			<Text color="red">{truncateToWidth(mark + text, width)}</Text>
			{withHint ? <Text dimColor>{hint}</Text> : null}
		</Text>
	);
}

type Item = {label: string; value: ReactNode; text: string};

const ITEM_LABEL = 10;
const ITEM_GAP = 3;

/** Label/value items, two to a line when they fit, else one; the label column is dim. */
function itemGrid(items: Item[], width: number): Array<{lines: number; render: () => ReactNode}> {
	const valueWidth = Math.max(...items.map(item => displayWidth(item.text)), 7);
	const cellWidth = ITEM_LABEL + valueWidth;
	const row = (key: string, parts: Item[]) => (
		<Text key={key} wrap="truncate">
			{parts.map((item, index) => (
				<Text key={item.label}>
					{index > 0 ? ' '.repeat(ITEM_GAP) : ''}
					<Text dimColor>{padEndToWidth(item.label, ITEM_LABEL)}</Text>
					{index < parts.length - 1 ? <Text>{padEndToWidth(item.text, valueWidth)}</Text> : item.value}
				</Text>
			))}
		</Text>
	);
	const variants: Array<{lines: number; render: () => ReactNode}> = [];
	if (cellWidth * 2 + ITEM_GAP <= width) {
		const pairs: Item[][] = [];
		for (let index = 0; index < items.length; index += 2) pairs.push(items.slice(index, index + 2));
		variants.push({lines: pairs.length, render: () => pairs.map((pair, index) => row(`pair-${index}`, pair))});
	} else {
		variants.push({lines: items.length, render: () => items.map(item => row(item.label, [item]))});
	}

	return variants;
}

/** What the pane shows of the run's sync: what it reads, where it writes, how, and whether it is paused. */
type SyncFacts = {source: string; destination: string; operation: string; paused: boolean};

function syncFactsOf(state: RunStoreState, runId: number): SyncFacts | null {
	const syncId = state.runs[runId]?.run?.syncId;
	const sync = syncId === undefined ? undefined : state.syncs[syncId];
	if (!sync) return null;
	return {
		source: sanitizeText(sync.sourceObject).trim(),
		destination: sanitizeText(sync.destinationObject).trim(),
		operation: sanitizeText(sync.operation).trim(),
		paused: sync.paused === true,
	};
}

function syncText(sync: SyncFacts, ascii: boolean): string | null {
	if (sync.source === '' && sync.destination === '' && !sync.paused) return null;
	const missing = ascii ? '-' : MISSING;
	const flow = `${sync.source || missing} ${ascii ? '->' : '→'} ${sync.destination || missing}`;
	return [flow, sync.operation, sync.paused ? 'sync paused' : ''].filter(part => part !== '').join(ascii ? ' - ' : ' · ');
}

function triggerText(run: SyncRun, ascii: boolean): string {
	const mode = run.fullSync ? 'full sync' : 'incremental sync';
	const tag = sanitizeText(run.triggerReason?.uiTag).trim();
	const detail = sanitizeText(run.triggerReason?.uiDetail).trim();
	const reason = [tag, detail].filter(part => part !== '').join(': ');
	const sep = ascii ? ' - ' : ' · ';
	// v2's Fivetran group: which one a run belongs to when a PAT sees several.
	const group = sanitizeText(run.groupId ?? '').trim();
	return `${mode}${sep}trigger ${reason === '' ? (ascii ? '-' : MISSING) : reason}${group === '' ? '' : `${sep}group ${group}`}`;
}

/**
 * What the pane says about time left and stalling, as plain values so that a shallow compare keeps the
 * pane still between polls that change nothing it shows. Null for a run that is not queued or working.
 */
type Forecast = {
	working: boolean;
	expectedMs: number | null;
	samples: number;
	/** The sync's history has been fetched (so "no history" means none, not "not yet"). */
	historyFetched: boolean;
	stalled: boolean;
	idleMs: number;
	thresholdMs: number;
};

function forecastOf(state: RunStoreState, runId: number, pollIntervalMs: number): Forecast | null {
	const run = state.runs[runId]?.run;
	if (!run) return null;
	const phase = runPhase(run);
	if (phase !== 'working' && phase !== 'queued') return null;
	const durations = syncDurations(state, run.syncId);
	const expectedMs = expectedDurationMs(durations);
	const expectation = expectedMs === null ? null : {expectedMs, samples: durations.length};
	const stall = stallState({run, observation: state.observations[runId], expectation, pollIntervalMs});
	return {
		working: phase === 'working',
		expectedMs,
		samples: durations.length,
		historyFetched: state.syncHistory[run.syncId] !== undefined,
		stalled: stall?.stalled ?? false,
		idleMs: stall?.stalled ? stall.idleMs : 0,
		thresholdMs: stall?.thresholdMs ?? 0,
	};
}

/** Why there is no estimate, honestly: nothing to go by yet, or too little. */
function noEstimateText(forecast: Forecast): string {
	if (forecast.samples === 1) return 'no ETA: only 1 completed run of this sync to go by';
	return forecast.historyFetched ? 'no ETA: this sync has no completed runs to go by' : 'no ETA: no history for this sync yet';
}

/** '~4m left · expected 12m (median of 6 runs)', ticking with the shared clock only while there is an ETA. */
function EtaLine({forecast, start, width, ascii}: {forecast: Forecast; start: number | null; width: number; ascii: boolean}) {
	const {expectedMs, samples, working} = forecast;
	const missing = expectedMs === null ? noEstimateText(forecast) : null;
	const format = useCallback(
		(now: number) => {
			const cut = (text: string) => truncateToWidth(text, width, ascii ? '~' : '…');
			if (expectedMs === null) return {text: cut(missing ?? ''), changesAt: null};
			const expected = `expected ${formatRoughDuration(expectedMs)} (median of ${samples} runs)`;
			const eta = working && start !== null ? etaText(start + expectedMs, now) : {text: '', changesAt: null};
			return {text: cut([eta.text, expected].filter(part => part !== '').join(ascii ? ' - ' : ' · ')), changesAt: eta.changesAt};
		},
		[expectedMs, samples, working, missing, start, width, ascii],
	);
	const text = useClockText(format);
	return (
		<Text wrap="truncate" dimColor={expectedMs === null} color={text.startsWith('overdue') ? 'yellow' : undefined}>
			{text}
		</Text>
	);
}

function StallLine({forecast, width, ascii}: {forecast: Forecast; width: number; ascii: boolean}) {
	const basis = forecast.expectedMs === null ? 'no history' : `usual run ${formatRoughDuration(forecast.expectedMs)}`;
	const text = `${ascii ? '!' : '⚠'} STALLED: no progress for ${formatDuration(forecast.idleMs)} (limit ${formatDuration(forecast.thresholdMs)}; ${basis})`;
	return (
		<Text wrap="truncate" color="yellow" bold>
			{truncateToWidth(text, width, ascii ? '~' : '…')}
		</Text>
	);
}

/**
 * When the run ended. Census leaves `completed_at` null on some failed runs; the pane then says when the
 * run was last updated, which is when the run list and its duration take it to have ended, rather than
 * "completed —" for a run that plainly ended.
 */
function ended(run: SyncRun, phase: RunPhase, clock: (iso: string | null) => string): Item {
	if (run.completedAt !== null || isMovingPhase(phase) || run.updatedAt === null) {
		return {label: 'completed', text: clock(run.completedAt), value: clock(run.completedAt)};
	}

	const text = `${clock(run.updatedAt)} (last update)`;
	return {label: 'ended', text, value: text};
}

function runBlocks(
	entry: RunEntry,
	run: SyncRun,
	label: string | null,
	timeline: StepTimeline,
	forecast: Forecast | null,
	props: DetailPaneProps,
	now: number,
	timeZone: string | undefined,
): Block[] {
	const {width, ascii, animate} = props;
	const phase = timeline.phase;
	const spin = animate && phase === 'working';
	const start = parseIsoTime(run.createdAt);
	const end = runEndAt(run, phase);
	const clock = (iso: string | null) => {
		const text = formatClock(parseIsoTime(iso), now, {timeZone});
		return ascii && text === MISSING ? '-' : text;
	};
	// The zone once, after the first time: which zone the pane's times (steps included) are in.
	const zone = timeZone === undefined ? '' : ` ${zoneLabel(timeZone, parseIsoTime(run.createdAt) ?? now)}`;
	const created = clock(run.createdAt) + (parseIsoTime(run.createdAt) === null ? '' : zone);
	const durationNow = durationText(start, end, now).text;
	const timing: Item[] = [
		{label: 'created', text: created, value: created},
		ended(run, phase, clock),
		{label: 'scheduled', text: clock(run.scheduledExecutionTime), value: clock(run.scheduledExecutionTime)},
		{label: 'duration', text: durationNow, value: <RunDuration start={start} end={end} />},
	];
	const layouts = recordsLayouts(run, width);

	const blocks: Block[] = [titleBlock(entry, label, width, ascii)];
	if (forecast?.stalled) blocks.push(line('stalled', 95, () => <StallLine forecast={forecast} width={width} ascii={ascii} />));
	if (entry.lastError !== null) {
		const text = truncateToWidth(`last poll failed: ${sanitizeText(entry.lastError)}`, width);
		blocks.push(line('poll-error', 92, () => <Text color="yellow">{text}</Text>));
	}

	if (hasError(run)) blocks.push(line('error', 90, () => <ErrorLine run={run} width={width} ascii={ascii} />));
	blocks.push(separator('before-steps'), {
		key: 'steps',
		priority: 80,
		optional: false,
		variants: [
			{lines: stepListHeight(timeline), render: () => <StepList timeline={timeline} width={width} ascii={ascii} spin={spin} now={now} />},
			{lines: 1, render: () => <StepSummary timeline={timeline} width={width} ascii={ascii} spin={spin} />},
		],
	});
	blocks.push(
		separator('before-records'),
		line('progress', 70, () => <ProgressBar progress={runProgress(run, phase)} phase={phase} width={width} ascii={ascii} />),
	);
	// Above the step list's full form: one line of "how long still" says more than seven of "which step".
	if (forecast) blocks.push(line('eta', 85, () => <EtaLine forecast={forecast} start={start} width={width} ascii={ascii} />));
	if (layouts.length > 0) {
		blocks.push({
			key: 'records',
			priority: 50,
			optional: true,
			variants: layouts.map(layout => ({lines: layout.lines, render: () => <RecordsTable counts={run} layout={layout} ascii={ascii} />})),
		});
	}

	const duration = timing.at(-1)!;
	blocks.push(separator('before-timing'), {
		key: 'timing',
		priority: 60,
		optional: true,
		variants: [...itemGrid(timing, width), ...itemGrid([duration], width)],
	});
	const trigger = truncateToWidth(triggerText(run, ascii), width, ascii ? '~' : '…');
	blocks.push(line('trigger', 40, () => <Text>{trigger}</Text>));
	return blocks;
}

/** How the run stands out from its sync's history, in full when there is room, else cut to one line. */
function regressionBlock(text: string, width: number, ascii: boolean): Block {
	const marked = `${ascii ? '!' : '⚠'} ${text}`;
	const wrapped = wrapToWidth(marked, width);
	const cut = truncateToWidth(marked, width, ascii ? '~' : '…');
	const render = (lines: string[]) => () => <Text color="yellow">{lines.join('\n')}</Text>;
	const variants = wrapped.length > 1 ? [{lines: wrapped.length, render: render(wrapped)}, {lines: 1, render: render([cut])}] : [{lines: 1, render: render([cut])}];
	return {key: 'regression', priority: 85, optional: true, variants};
}

export function DetailPane(props: DetailPaneProps) {
	const {runId, width, height, ascii, pollIntervalMs} = props;
	const entry = useRunStore(state => state.runs[runId]);
	const forecast = useRunStore(useShallow(state => forecastOf(state, runId, pollIntervalMs)));
	const steps = useRunStore(state => state.observations[runId]?.steps);
	const sync = useRunStore(useShallow(state => syncFactsOf(state, runId)));
	const label = useRunStore(state => {
		const syncId = state.runs[runId]?.run?.syncId;
		return syncId === undefined ? null : pausedMarked(syncDisplayLabel(state.syncs, syncId), state.syncs[syncId]?.paused === true);
	});
	// The shared clock's time, not the machine's: the pane's layout (a date beside a time of another day)
	// then follows the clock the rest of the screen ticks with, and tests can fix it.
	const now = useWallClock().now();
	const timeZone = useTimeZone();
	const regression = useRunStore(state => regressionText(selectRunRegressions(state, runId, now), ascii));

	let blocks: Block[];
	if (!entry) {
		blocks = [line('absent', 100, () => <Text dimColor>{truncateToWidth(`Run ${runId} is not watched.`, width)}</Text>, false)];
	} else if (!entry.run) {
		const message = entry.notFound ? `Run ${runId} was not found (the API answered 404).` : 'Waiting for the first answer…';
		blocks = [
			titleBlock(entry, label, width, ascii),
			line('message', 95, () => <Text dimColor>{truncateToWidth(message, width)}</Text>, false),
		];
		if (entry.lastError !== null) {
			const text = truncateToWidth(`last poll failed: ${sanitizeText(entry.lastError)}`, width);
			blocks.push(line('poll-error', 92, () => <Text color="yellow">{text}</Text>));
		}
	} else {
		const timeline = buildStepTimeline({run: entry.run, observation: steps ? {steps} : undefined, notFound: entry.notFound, now});
		blocks = runBlocks(entry, entry.run, label, timeline, forecast, props, now, timeZone);
	}

	const flow = entry?.run && sync !== null ? syncText(sync, ascii) : null;
	if (flow !== null) {
		const text = truncateToWidth(flow, width, ascii ? '~' : '…');
		blocks.push(line('sync', 45, () => <Text>{text}</Text>));
	}

	if (regression !== '') blocks.push(regressionBlock(regression, width, ascii));

	const chosen = fitBlocks(blocks, height);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{blocks.map((block, index) => {
				const variant = chosen[index];
				return variant ? (
					<Box key={block.key} flexDirection="column" width={width} flexShrink={0}>
						{variant.render()}
					</Box>
				) : null;
			})}
		</Box>
	);
}
