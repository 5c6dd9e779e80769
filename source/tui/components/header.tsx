import {useCallback, type ReactNode} from 'react';
import {Box, Text} from 'ink';
import {useShallow} from 'zustand/shallow';
import {useRunStore} from '../../store/react.js';
import type {ConnectionHealth} from '../../runs/model.js';
import type {BudgetUse, RunStoreState} from '../../store/run-store.js';
import {inWindow} from '../../store/budget-window.js';
import {formatClock} from '../../text/format.js';
import {useTimeZone} from '../hooks/time-zone.js';
import {agoText, onGrid, type ClockText} from '../../text/relative-clock.js';
import {sanitizeText} from '../../text/sanitize.js';
import {runPhase, statusColor, statusGlyph, type RunPhase} from '../../runs/status.js';
import {displayWidth, truncateToWidth} from '../../text/text.js';
import {useClockText, useWallClock} from '../hooks/wall-clock.js';

// The top line: what is watched (DEMO or the workspace), how many runs are in each state, whether the API
// answers, how long ago it last did, and whether polling is paused. The live parts (seconds since the last
// answer, a rate-limit countdown) are their own components on the shared wall clock.

export type HeaderProps = {
	demo: boolean;
	workspaceLabel: string | null;
	/** --group, shown beside the API version. */
	group?: string | null;
	width: number;
	ascii: boolean;
	/** The window the poller's budget counts requests in (AppOptions.budgetWindowMs). */
	budgetWindowMs: number;
};

/** The order counts are shown in: what needs attention first. */
const COUNT_ORDER: readonly RunPhase[] = ['working', 'canceling', 'queued', 'failed', 'completed', 'skipped', 'canceled', 'unknown', 'not_found'];

const COUNT_WORDS: Readonly<Record<RunPhase, string>> = {
	working: 'working',
	canceling: 'canceling',
	queued: 'queued',
	failed: 'failed',
	completed: 'completed',
	skipped: 'skipped',
	canceled: 'canceled',
	unknown: 'unknown',
	not_found: 'not found',
};

/** Runs per phase; runs without an answer yet are not counted. */
function phaseCounts(state: Pick<RunStoreState, 'runs'>): Record<RunPhase, number> {
	const counts: Record<RunPhase, number> = {
		working: 0,
		canceling: 0,
		queued: 0,
		failed: 0,
		completed: 0,
		skipped: 0,
		canceled: 0,
		unknown: 0,
		not_found: 0,
	};
	for (const entry of Object.values(state.runs)) {
		if (entry.run || entry.notFound) counts[runPhase(entry.run, entry.notFound)]++;
	}

	return counts;
}

const HEALTH_COLORS: Readonly<Record<ConnectionHealth['kind'], string>> = {
	connecting: 'gray',
	live: 'green',
	retrying: 'yellow',
	offline: 'red',
	api_error: 'red',
	rate_limited: 'yellow',
	token_rejected: 'red',
	root_gone: 'red',
};

/** A pause longer than this shows the time it ends rather than a countdown. */
const COUNTDOWN_UP_TO_MS = 60_000;

const countdownText = (until: number, now: number, timeZone?: string): ClockText => {
	const left = Math.ceil((until - now) / 1000);
	if (left <= 0) return {text: 'rate-limited', changesAt: null};
	if (until - now > COUNTDOWN_UP_TO_MS) return {text: `rate-limited until ${formatClock(until, now, {timeZone})}`, changesAt: until - COUNTDOWN_UP_TO_MS};
	return {text: `rate-limited ${left}s`, changesAt: until - (left - 1) * 1000};
};

function RateLimited({until}: {until: number}) {
	const timeZone = useTimeZone();
	const format = useCallback((now: number) => countdownText(until, now, timeZone), [until, timeZone]);
	return <Text>{useClockText(format)}</Text>;
}

function Health({health, sep, now}: {health: ConnectionHealth; sep: string; now: number}) {
	const color = HEALTH_COLORS[health.kind];
	const timeZone = useTimeZone();
	return <Text color={color}>{health.kind === 'rate_limited' ? <RateLimited until={health.until} /> : healthWords(health, sep, now, timeZone)}</Text>;
}

/**
 * '42/120 req/min': requests of the budget's window (this terminal window's and other ones' on the same
 * token) against the budget, and when the count next drops (the oldest leaves the window).
 */
export function budgetText(budget: BudgetUse, now: number, windowMs: number): ClockText {
	const counted = inWindow(budget.sent, now, windowMs);
	const oldest = counted[0];
	return {text: `${counted.length}/${budget.limit} req/min`, changesAt: oldest === undefined ? null : onGrid(oldest + windowMs, 1000)};
}

function Budget({budget, windowMs}: {budget: BudgetUse; windowMs: number}) {
	const format = useCallback((now: number) => budgetText(budget, now, windowMs), [budget, windowMs]);
	return <Text dimColor>{useClockText(format)}</Text>;
}

function LastAnswer({at}: {at: number | null}) {
	const format = useCallback((now: number) => agoText(at, now), [at]);
	const text = useClockText(format);
	return <Text dimColor>{at === null ? 'no answer yet' : `updated ${text}`}</Text>;
}

/** One piece of the header line. */
export type HeaderPiece = {
	key: string;
	/** Left: what is watched and how it stands; right: how fresh that is. */
	side: 'left' | 'right';
	/** Cells it takes; for a text that changes by itself (a countdown, an age), the most it can take. */
	width: number;
	/** A fuller form of the piece with this key: shown instead of it when it fits. */
	replaces?: string;
};

/**
 * The pieces that fit in `width`, in priority order (the order of `pieces`): each is taken when it fits
 * beside those already taken, `sepWidth` apart on its side and a cell between the sides. So a narrow or
 * busy line drops the workspace name and the age of the data, never a count or the connection state.
 */
export function fitHeader(pieces: readonly HeaderPiece[], width: number, sepWidth: number): Set<string> {
	const kept = new Map<string, HeaderPiece>();
	const used = (chosen: Iterable<HeaderPiece>): number => {
		const sides = {left: [] as number[], right: [] as number[]};
		for (const piece of chosen) sides[piece.side].push(piece.width);
		const side = (widths: number[]) => (widths.length === 0 ? 0 : widths.reduce((sum, cells) => sum + cells, 0) + sepWidth * (widths.length - 1));
		return side(sides.left) + side(sides.right) + (sides.left.length > 0 && sides.right.length > 0 ? 1 : 0);
	};

	for (const piece of pieces) {
		const next = new Map(kept);
		if (piece.replaces !== undefined) {
			if (!next.has(piece.replaces)) continue;
			next.delete(piece.replaces);
		}

		next.set(piece.key, piece);
		if (used(next.values()) <= width) {
			kept.clear();
			for (const [key, value] of next) kept.set(key, value);
		}
	}

	return new Set(kept.keys());
}

/**
 * The health as the header says it (for the rate-limit countdown, which ticks on its own, about the widest
 * it gets): what is measured for the layout and what is shown are the same text.
 */
function healthWords(health: ConnectionHealth, sep: string, now: number, timeZone?: string): string {
	switch (health.kind) {
		case 'rate_limited':
			return `rate-limited until ${formatClock(health.until, now, {timeZone})}`;
		case 'offline':
			return `API unreachable since ${formatClock(health.since, now, {timeZone})}`;
		case 'api_error':
			return `API answers ${health.status} since ${formatClock(health.since, now, {timeZone})}`;
		case 'token_rejected':
			return `token rejected${sep}r re-checks`;
		case 'root_gone':
			return health.reason === 'retired' ? 'API v1 retired' : 'no Census API at this URL';
		default:
			return health.kind;
	}
}

/** 'v2', or 'v2 · group wandering_aimlessly': which API answers, and the group its lists are asked for. */
export function apiLabel(version: string | null, group: string | null, sep: string, ascii: boolean): string {
	const groupText = group === null ? '' : `group ${truncateToWidth(sanitizeText(group), 20, ascii ? '~' : '…')}`;
	return [version ?? '', groupText].filter(part => part !== '').join(sep);
}

/** Nothing wrong to say: while paused the header leaves these out ("PAUSED · live" claims a freshness nothing checks). */
const QUIET_HEALTH: ReadonlySet<ConnectionHealth['kind']> = new Set(['connecting', 'live']);

const COUNT_SEP_WORDS = '  ';
const WHERE_WIDTH = 24;
/** 'updated just now' and 'updated 59m ago' are the widest ages. */
const LAST_ANSWER_WIDTH = 16;

export function Header({demo, workspaceLabel, group = null, width, ascii, budgetWindowMs}: HeaderProps) {
	const counts = useRunStore(useShallow(phaseCounts));
	const health = useRunStore(state => state.health);
	const lastSuccessAt = useRunStore(state => state.lastSuccessAt);
	const paused = useRunStore(state => state.paused);
	const budget = useRunStore(state => state.budget);
	const apiVersion = useRunStore(state => state.apiVersion);
	const timeZone = useTimeZone();
	// The screen's clock, not the machine's: a since-time from another day carries its date by that clock.
	const now = useWallClock().now();

	// The demo keeps no watch list and no settings: said where DEMO is, so nobody expects to find them later.
	const where = demo ? 'DEMO (nothing saved)' : truncateToWidth(sanitizeText(workspaceLabel).trim(), WHERE_WIDTH, ascii ? '~' : '…');
	const shown = COUNT_ORDER.filter(phase => counts[phase] > 0);
	const sep = ascii ? ' | ' : ' · ';
	const glyphCounts = shown.map(phase => `${statusGlyph(phase, ascii)}${counts[phase]}`);
	const wordCounts = shown.map(phase => `${counts[phase]} ${COUNT_WORDS[phase]}`);
	const api = apiLabel(apiVersion, group, sep, ascii);

	const countsNode = (words: boolean) => (
		<Text key="counts">
			{shown.map((phase, index) => (
				<Text key={phase} color={statusColor(phase)}>
					{index === 0 ? '' : words ? COUNT_SEP_WORDS : ' '}
					{words ? wordCounts[index] : glyphCounts[index]}
				</Text>
			))}
		</Text>
	);

	// Every piece, most important first; `order` places it on its side, left to right. Adding a piece to
	// the header is one entry here.
	const entries: Array<HeaderPiece & {when: boolean; order: number; node: () => ReactNode}> = [
		{key: 'counts', when: shown.length > 0, side: 'left', order: 2, width: displayWidth(glyphCounts.join(' ')), node: () => countsNode(false)},
		{
			key: 'paused',
			when: paused,
			side: 'right',
			order: 0,
			width: 'PAUSED'.length,
			node: () => (
				<Text key="paused" bold color="yellow">
					PAUSED
				</Text>
			),
		},
		{
			key: 'health',
			when: !(paused && QUIET_HEALTH.has(health.kind)),
			side: 'right',
			order: 1,
			width: displayWidth(healthWords(health, sep, now, timeZone)),
			node: () => <Health key="health" health={health} sep={sep} now={now} />,
		},
		{
			key: 'where',
			when: where !== '',
			side: 'left',
			order: 1,
			width: displayWidth(where),
			node: () => (
				<Text key="where" bold color={demo ? 'magenta' : undefined}>
					{where}
				</Text>
			),
		},
		{
			key: 'api',
			when: api !== '',
			side: 'left',
			order: 1.5,
			width: displayWidth(api),
			node: () => (
				<Text key="api" dimColor>
					{api}
				</Text>
			),
		},
		{key: 'last-answer', when: true, side: 'right', order: 2, width: LAST_ANSWER_WIDTH, node: () => <LastAnswer key="last-answer" at={lastSuccessAt} />},
		{
			key: 'title',
			when: true,
			side: 'left',
			order: 0,
			width: 'census-watch'.length,
			node: () => (
				<Text key="title" bold>
					census-watch
				</Text>
			),
		},
		{
			key: 'count-words',
			when: shown.length > 0,
			side: 'left',
			order: 2,
			width: displayWidth(wordCounts.join(COUNT_SEP_WORDS)),
			replaces: 'counts',
			node: () => countsNode(true),
		},
		{
			key: 'budget',
			when: budget !== null,
			side: 'right',
			order: 3,
			width: budget === null ? 0 : displayWidth(`${budget.limit}/${budget.limit} req/min`),
			node: () => (budget === null ? null : <Budget key="budget" budget={budget} windowMs={budgetWindowMs} />),
		},
	];
	const present = entries.filter(entry => entry.when);
	const kept = fitHeader(present, width, displayWidth(sep));
	const side = (which: 'left' | 'right') =>
		present
			.filter(entry => entry.side === which && kept.has(entry.key))
			.sort((a, b) => a.order - b.order)
			.map(entry => entry.node());
	const left = side('left');
	const right = side('right');

	const joined = (nodes: ReactNode[]) => nodes.map((node, index) => (index === 0 ? node : [sep, node]));
	return (
		<Box width={width} height={1} overflow="hidden">
			<Box flexShrink={1} flexGrow={1} overflow="hidden">
				<Text wrap="truncate">{joined(left)}</Text>
			</Box>
			{right.length === 0 ? null : (
				<Box flexShrink={0} marginLeft={1}>
					<Text wrap="truncate">{joined(right)}</Text>
				</Box>
			)}
		</Box>
	);
}
