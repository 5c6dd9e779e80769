import {Box, Text} from 'ink';
import {useCallback} from 'react';
import {formatClock, formatDuration} from '../../text/format.js';
import {durationText} from '../../text/relative-clock.js';
import {isTerminalPhase, spinnerFrame, type InkColor} from '../../runs/status.js';
import type {Segment} from '../view/paint.js';
import type {ClockText} from '../../text/relative-clock.js';
import type {OffOrderStepLine, OrderedStepLine, StepMark, StepTimeline} from '../../runs/step-timeline.js';
import {STEP_COUNT} from '../../runs/steps.js';
import {displayWidth, fitToWidth, padStartToWidth, truncateToWidth} from '../../text/text.js';
import {useAnimationFrameWhile} from '../hooks/animation-clock.js';
import {FixedLine} from './fixed-line.js';
import {useClockText} from '../hooks/wall-clock.js';
import {useTimeZone} from '../hooks/time-zone.js';

// The run's steps, one line each: a mark, the step's place in the order, its name (full when it fits,
// short otherwise), when the polls first saw it (or "between t1 and t2" when the gap before was wide)
// and how long it lasted as observed. Columns are sized from what the lines hold and dropped from the
// right when the pane is narrow, so no line is ever wider than the pane. A spinner and a ticking length
// exist only on the step a working run is on, so the shared clocks run only while there is one.

type StepLine = OrderedStepLine | OffOrderStepLine;

const GLYPHS: Readonly<Record<StepMark, {unicode: string; ascii: string; color?: InkColor}>> = {
	done: {unicode: '✓', ascii: '+', color: 'green'},
	current: {unicode: '▶', ascii: '>', color: 'cyan'},
	pending: {unicode: '·', ascii: '.'},
	'failed-at': {unicode: '✗', ascii: 'x', color: 'red'},
	'stopped-at': {unicode: '⊘', ascii: '/', color: 'yellow'},
};

/** Mark and a space, place in the order and a space. */
const MARK_WIDTH = 2;
const INDEX_WIDTH = 2;
/** '59m 59s', '23h 59m': formatDuration's widest under a week. */
const DURATION_WIDTH = 7;
/** A name column narrower than this loses the columns to its right first. */
const MIN_NAME = 8;

/** The lines the full list takes. */
export const stepListHeight = (timeline: StepTimeline): number => timeline.ordered.length + timeline.offOrder.length;

const clock = (at: number, now: number, timeZone: string | undefined): string => formatClock(at, now, {timeZone});

function timeText(line: StepLine, now: number, ranges: boolean, ascii: boolean, timeZone?: string): string {
	if (line.firstSeenAt === null) return '';
	const bounds = line.startedBetween;
	if (bounds === null) return clock(line.firstSeenAt, now, timeZone);
	return ranges
		? `${clock(bounds.after, now, timeZone)}${ascii ? '-' : '–'}${clock(bounds.by, now, timeZone)}`
		: `${ascii ? '<' : '≤'}${clock(bounds.by, now, timeZone)}`;
}

type Columns = {name: number; short: boolean; time: number; ranges: boolean; duration: boolean};

/** How wide each column is on a pane `width` cells wide; time and duration go when even short names would not fit. */
function stepColumns(lines: StepLine[], width: number, now: number, ascii: boolean, timeZone?: string): Columns {
	const hasDuration = lines.some(line => line.observedMs !== null || line.ongoing);
	const nameFor = (short: boolean) => Math.max(...lines.map(line => displayWidth(line.kind === 'ordered' && short ? line.short : line.name)));
	const timeFor = (ranges: boolean) => Math.max(0, ...lines.map(line => displayWidth(timeText(line, now, ranges, ascii, timeZone))));
	const options: Array<Omit<Columns, 'name' | 'short'>> = [
		{time: timeFor(true), ranges: true, duration: hasDuration},
		{time: timeFor(false), ranges: false, duration: hasDuration},
		{time: 0, ranges: false, duration: hasDuration},
		{time: 0, ranges: false, duration: false},
	];
	const room = (option: Omit<Columns, 'name' | 'short'>) =>
		width - MARK_WIDTH - INDEX_WIDTH - (option.time > 0 ? option.time + 1 : 0) - (option.duration ? DURATION_WIDTH + 1 : 0);
	// Times say more than the long form of a name, so the names shorten before a column goes.
	for (const option of options) {
		for (const short of [false, true]) {
			if (room(option) >= nameFor(short)) return {...option, name: room(option), short};
		}
	}

	const fallback = options.find(option => room(option) >= MIN_NAME) ?? options.at(-1)!;
	return {...fallback, name: Math.max(0, room(fallback)), short: true};
}

/** A step's mark and its paint: the spinner's frame while it spins (`frame` is null when it does not). */
function markSegment(mark: StepMark, ascii: boolean, frame: number | null): Segment {
	if (frame !== null) return [spinnerFrame(frame, ascii), {color: 'cyan'}];
	const glyph = GLYPHS[mark];
	return [ascii ? glyph.ascii : glyph.unicode, {color: glyph.color, dim: mark === 'pending'}];
}

function Mark({mark, ascii, spin}: {mark: StepMark; ascii: boolean; spin: boolean}) {
	const spinning = mark === 'current' && spin;
	const frame = useAnimationFrameWhile(spinning);
	const [text, style = {}] = markSegment(mark, ascii, spinning ? frame : null);
	return (
		<Text color={style.color} dimColor={style.dim}>
			{text}
		</Text>
	);
}

const STILL: ClockText = {text: '', changesAt: null};

type StepRowProps = {line: StepLine; columns: Columns; width: number; ascii: boolean; spin: boolean; now: number; timeZone: string | undefined};

/**
 * One step as one painted line of the pane's width (FixedLine): the step a working run is on ticks its
 * length every second, and Ink would keep every such line it measured.
 */
function StepRow({line, columns, width, ascii, spin, now, timeZone}: StepRowProps) {
	const since = line.ongoing ? line.firstSeenAt : null;
	const format = useCallback((at: number) => (since === null ? STILL : durationText(since, null, at)), [since]);
	const ticking = useClockText(format);
	const spinning = line.mark === 'current' && spin;
	const frame = useAnimationFrameWhile(spinning);
	const pending = line.mark === 'pending';
	const name = line.kind === 'ordered' && columns.short ? line.short : line.name;
	let rest = ` ${line.kind === 'ordered' ? `${line.index} ` : '  '}${fitToWidth(name, columns.name)}`;
	if (columns.time > 0) rest += ` ${padStartToWidth(timeText(line, now, columns.ranges, ascii, timeZone), columns.time)}`;
	if (columns.duration) {
		const duration = since === null ? (line.observedMs === null ? '' : formatDuration(line.observedMs)) : ticking;
		rest += ` ${padStartToWidth(truncateToWidth(duration, DURATION_WIDTH), DURATION_WIDTH)}`;
	}

	const segments: Segment[] = [markSegment(line.mark, ascii, spinning ? frame : null), [rest, {dim: pending}]];
	return <FixedLine segments={segments} width={width} />;
}

export type StepListProps = {
	timeline: StepTimeline;
	width: number;
	ascii: boolean;
	/** Spin the current step's mark (the run is working and animation is on). */
	spin: boolean;
	now: number;
};

export function StepList({timeline, width, ascii, spin, now}: StepListProps) {
	const lines: StepLine[] = [...timeline.ordered, ...timeline.offOrder];
	const timeZone = useTimeZone();
	const columns = stepColumns(lines, width, now, ascii, timeZone);
	return (
		<Box flexDirection="column" width={width}>
			{lines.map(line => (
				<StepRow
					key={line.kind === 'ordered' ? line.index : `${line.kind}:${line.name}`}
					line={line}
					columns={columns}
					width={width}
					ascii={ascii}
					spin={spin}
					now={now}
					timeZone={timeZone}
				/>
			))}
		</Box>
	);
}

/** The whole list in one line, for a pane too short for it: the mark, `n/7` and the step's name. */
export function StepSummary({timeline, width, ascii, spin}: Omit<StepListProps, 'now'>) {
	if (timeline.phase === 'completed') {
		return (
			<Text wrap="truncate">
				<Mark mark="done" ascii={ascii} spin={false} />
				{' '}
				{truncateToWidth(`all ${STEP_COUNT} steps done`, Math.max(0, width - MARK_WIDTH))}
			</Text>
		);
	}

	const latestOffOrder = timeline.offOrder.find(line => line.mark !== 'done');
	const reached = timeline.ordered.find(line => line.index === timeline.reachedIndex);
	const line: StepLine | undefined = latestOffOrder ?? reached;
	if (!line) {
		return (
			<Text dimColor wrap="truncate">
				{truncateToWidth(isTerminalPhase(timeline.phase) ? 'no step seen' : 'no step seen yet', width)}
			</Text>
		);
	}

	const text = line.kind === 'ordered' ? `step ${line.index}/${STEP_COUNT} ${line.name}` : line.name;
	return (
		<Text wrap="truncate">
			<Mark mark={line.mark} ascii={ascii} spin={spin} />
			{' '}
			{truncateToWidth(text, Math.max(0, width - MARK_WIDTH))}
		</Text>
	);
}
