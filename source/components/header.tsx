import {useCallback} from 'react';
import {Box, Text} from 'ink';
import {useShallow} from 'zustand/shallow';
import {useRunStore} from '../store/react.js';
import type {BudgetUse, ConnectionHealth, RunStoreState} from '../store/run-store.js';
import {BUDGET_WINDOW_MS} from '../polling/budget.js';
import {formatClock} from '../lib/format.js';
import {agoText, onGrid, type ClockText} from '../lib/relative-clock.js';
import {sanitizeText} from '../lib/sanitize.js';
import {runPhase, statusColor, statusGlyph, type RunPhase} from '../lib/status.js';
import {displayWidth, truncateToWidth} from '../lib/text.js';
import {useClockText} from './wall-clock.js';

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
};

/** The order counts are shown in: what needs attention first. */
const COUNT_ORDER: readonly RunPhase[] = ['working', 'queued', 'failed', 'completed', 'skipped', 'canceled', 'unknown', 'not_found'];

const COUNT_WORDS: Readonly<Record<RunPhase, string>> = {
	working: 'working',
	queued: 'queued',
	failed: 'failed',
	completed: 'completed',
	skipped: 'skipped',
	canceled: 'canceled',
	unknown: 'unknown',
	not_found: 'not found',
};

/** Runs per phase; runs without an answer yet are not counted. */
export function phaseCounts(state: Pick<RunStoreState, 'runs'>): Record<RunPhase, number> {
	const counts: Record<RunPhase, number> = {
		working: 0,
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

/** Cells kept for the right side (health and the time since the last answer) when choosing words. */
const RIGHT_SIDE_ROOM = 36;
/** The request budget shows from this width; it takes about this many more cells. */
const BUDGET_FROM_WIDTH = 100;
const BUDGET_ROOM = 20;

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

export const countdownText = (until: number, now: number): ClockText => {
	const left = Math.ceil((until - now) / 1000);
	if (left <= 0) return {text: 'rate-limited', changesAt: null};
	if (until - now > COUNTDOWN_UP_TO_MS) return {text: `rate-limited until ${formatClock(until, now)}`, changesAt: until - COUNTDOWN_UP_TO_MS};
	return {text: `rate-limited ${left}s`, changesAt: until - (left - 1) * 1000};
};

function RateLimited({until}: {until: number}) {
	const format = useCallback((now: number) => countdownText(until, now), [until]);
	return <Text>{useClockText(format)}</Text>;
}

function Health({health}: {health: ConnectionHealth}) {
	const color = HEALTH_COLORS[health.kind];
	switch (health.kind) {
		case 'rate_limited':
			return (
				<Text color={color}>
					<RateLimited until={health.until} />
				</Text>
			);
		case 'offline':
			return <Text color={color}>API unreachable since {formatClock(health.since)}</Text>;
		case 'api_error':
			return (
				<Text color={color}>
					API answers {health.status} since {formatClock(health.since)}
				</Text>
			);
		case 'token_rejected':
			return <Text color={color}>token rejected · r re-checks</Text>;
		case 'root_gone':
			return <Text color={color}>{health.reason === 'retired' ? 'API v1 retired' : 'no Census API at this URL'}</Text>;
		default:
			return <Text color={color}>{health.kind}</Text>;
	}
}

/**
 * '42/120 req/min': requests of the last minute (this window's and other windows' on the same token)
 * against the budget, and when the count next drops (the oldest leaves the minute).
 */
export function budgetText(budget: BudgetUse, now: number): ClockText {
	const from = budget.sent.findIndex(at => at > now - BUDGET_WINDOW_MS);
	const oldest = from === -1 ? undefined : budget.sent[from];
	const used = from === -1 ? 0 : budget.sent.length - from;
	return {text: `${used}/${budget.limit} req/min`, changesAt: oldest === undefined ? null : onGrid(oldest + BUDGET_WINDOW_MS, 1000)};
}

function Budget({budget}: {budget: BudgetUse}) {
	const format = useCallback((now: number) => budgetText(budget, now), [budget]);
	return <Text dimColor>{useClockText(format)}</Text>;
}

function LastAnswer({at}: {at: number | null}) {
	const format = useCallback((now: number) => agoText(at, now), [at]);
	const text = useClockText(format);
	return <Text dimColor>{at === null ? 'no answer yet' : `updated ${text}`}</Text>;
}

/** 'v2', or 'v2 · group wandering_aimlessly': which API answers, and the group its lists are asked for. */
export function apiLabel(version: string | null, group: string | null, sep: string, ascii: boolean): string {
	const groupText = group === null ? '' : `group ${truncateToWidth(sanitizeText(group), 20, ascii ? '~' : '…')}`;
	return [version ?? '', groupText].filter(part => part !== '').join(sep);
}

export function Header({demo, workspaceLabel, group = null, width, ascii}: HeaderProps) {
	const counts = useRunStore(useShallow(phaseCounts));
	const health = useRunStore(state => state.health);
	const lastSuccessAt = useRunStore(state => state.lastSuccessAt);
	const paused = useRunStore(state => state.paused);
	const budget = useRunStore(state => state.budget);
	const apiVersion = useRunStore(state => state.apiVersion);
	const showBudget = budget !== null && width >= BUDGET_FROM_WIDTH;

	// The demo keeps no watch list and no settings: said where DEMO is, so nobody expects to find them later.
	const where = demo ? 'DEMO (nothing saved)' : truncateToWidth(sanitizeText(workspaceLabel).trim(), 24, ascii ? '~' : '…');
	const shown = COUNT_ORDER.filter(phase => counts[phase] > 0);
	const sep = ascii ? ' | ' : ' · ';
	// Counts as words ('3 working  12 completed') when they fit whole, else glyphs ('⟳3 ✓12').
	const asWords = shown.map(phase => `${counts[phase]} ${COUNT_WORDS[phase]}`).join('  ');
	const api = apiLabel(apiVersion, group, sep, ascii);
	const prefix = `census-watch${sep}${[where, api].filter(part => part !== '').map(part => `${part}${sep}`).join('')}`;
	const words = displayWidth(prefix + asWords) + RIGHT_SIDE_ROOM + (showBudget ? BUDGET_ROOM : 0) <= width;

	return (
		<Box width={width} height={1} overflow="hidden">
			<Box flexShrink={1} flexGrow={1} overflow="hidden">
				<Text wrap="truncate">
					<Text bold>census-watch</Text>
					{where === '' ? null : (
						<Text>
							{sep}
							<Text bold color={demo ? 'magenta' : undefined}>
								{where}
							</Text>
						</Text>
					)}
					{api === '' ? null : (
						<Text>
							{sep}
							<Text dimColor>{api}</Text>
						</Text>
					)}
					{shown.length === 0 ? null : sep}
					{shown.map((phase, index) => (
						<Text key={phase} color={statusColor(phase)}>
							{index === 0 ? '' : words ? '  ' : ' '}
							{words ? `${counts[phase]} ${COUNT_WORDS[phase]}` : `${statusGlyph(phase, ascii)}${counts[phase]}`}
						</Text>
					))}
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1}>
				<Text wrap="truncate">
					{paused ? (
						<Text bold color="yellow">
							PAUSED{sep}
						</Text>
					) : null}
					<Health health={health} />
					{width >= 60 ? (
						<>
							{sep}
							<LastAnswer at={lastSuccessAt} />
						</>
					) : null}
					{showBudget ? (
						<>
							{sep}
							<Budget budget={budget} />
						</>
					) : null}
				</Text>
			</Box>
		</Box>
	);
}
