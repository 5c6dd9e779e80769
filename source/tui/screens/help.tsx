import {Box, Text} from 'ink';
import {helpSections, type HelpSection, type OffReasons} from '../keys/key-hints.js';
import {cell} from '../view/cell.js';
import {sanitizeText} from '../../text/sanitize.js';
import {displayWidth, wrapToWidth} from '../../text/text.js';

// The help overlay: every key from the one key table, the ones that work everywhere first. Two columns on
// a wide terminal; on a short one it scrolls (the App moves `scroll` with the list keys).

type Segment = {text: string; heading: boolean};
/** One screen line: one segment, or two side by side. */
type HelpLine = Segment[];

const TWO_COLUMNS_FROM = 116;
const COLUMN_GAP = '   ';

/** Below this many cells for its text, a key's help is cut rather than wrapped. */
const MIN_WRAP_WIDTH = 16;

function sectionLines(section: HelpSection, width: number, ascii: boolean): Segment[] {
	const keysWidth = Math.max(...section.rows.map(([keys]) => displayWidth(keys)));
	const indent = 2 + keysWidth + 2;
	// A key's help wraps under itself: some say what each answer of a question does, and a cut one would not.
	const rowLines = ([keys, help]: [string, string]): Segment[] => {
		const parts = width - indent >= MIN_WRAP_WIDTH ? wrapToWidth(help, width - indent) : [help];
		return parts.map((part, index) => ({
			text: cell(`  ${cell(index === 0 ? keys : '', keysWidth, {ascii})}  ${part}`, width, {ascii}),
			heading: false,
		}));
	};

	return [{text: cell(section.title, width, {ascii}), heading: true}, ...section.rows.flatMap(row => rowLines(row)), {text: cell('', width), heading: false}];
}

/**
 * The latest notices in full, newest first, above the keys: the line under the list cuts them, and some
 * carry what the user needs whole (the path a corrupt state file was moved to).
 */
function noticeLines(notices: readonly string[], width: number, ascii: boolean): HelpLine[] {
	if (notices.length === 0) return [];
	const lines: Segment[] = [{text: cell('Notices (newest first)', width, {ascii}), heading: true}];
	for (const notice of [...notices].reverse()) {
		const parts = width > 2 + MIN_WRAP_WIDTH ? wrapToWidth(sanitizeText(notice), width - 2) : [sanitizeText(notice)];
		for (const part of parts) lines.push({text: cell(`  ${part}`, width, {ascii}), heading: false});
	}

	lines.push({text: cell('', width), heading: false});
	return lines.map(segment => [segment]);
}

/**
 * The overlay's content for this width, each line exactly `width` cells. `off` marks the keys that are off,
 * and why (a marked key's help may wrap onto one more line); `notices` (oldest first, as the store keeps them) go on top in full.
 */
export function helpLines(width: number, ascii: boolean, off: OffReasons = {}, notices: readonly string[] = []): HelpLine[] {
	const sections = helpSections(ascii, off);
	const top = noticeLines(notices, width, ascii);
	if (width < TWO_COLUMNS_FROM) return [...top, ...sections.flatMap(section => sectionLines(section, width, ascii)).map(segment => [segment])];

	const columnWidth = Math.floor((width - COLUMN_GAP.length) / 2);
	const left: Segment[] = [];
	const right: Segment[] = [];
	// Each section goes to the shorter column, so the first (Everywhere) is top left and the columns even out.
	for (const section of sections) (right.length < left.length ? right : left).push(...sectionLines(section, columnWidth, ascii));

	const blank: Segment = {text: cell('', columnWidth), heading: false};
	return [
		...top,
		...Array.from({length: Math.max(left.length, right.length)}, (_, index) => [
			left[index] ?? blank,
			{text: COLUMN_GAP, heading: false},
			right[index] ?? blank,
		]),
	];
}

/** How far the help can scroll at this size: 0 when it fits. */
export function helpMaxScroll(width: number, height: number, ascii: boolean, notices: readonly string[] = [], off: OffReasons = {}): number {
	const count = helpLines(width, ascii, off, notices).length;
	return count <= height ? 0 : count - Math.max(1, height - 1);
}

type HelpProps = {width: number; height: number; ascii: boolean; scroll: number; off?: OffReasons; notices?: readonly string[]};

export function Help({width, height, ascii, scroll, off, notices = []}: HelpProps) {
	const lines = helpLines(width, ascii, off, notices);
	const overflows = lines.length > height;
	const room = overflows ? Math.max(1, height - 1) : height;
	const first = Math.min(Math.max(0, scroll), Math.max(0, lines.length - room));
	const shown = lines.slice(first, first + room);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			{shown.map((line, index) => (
				<Text key={first + index} wrap="truncate">
					{line.map((segment, part) => (
						<Text key={part} bold={segment.heading} color={segment.heading ? 'cyan' : undefined}>
							{segment.text}
						</Text>
					))}
				</Text>
			))}
			{overflows ? (
				<Text dimColor wrap="truncate">
					{cell(
						ascii
							? `lines ${first + 1}-${first + shown.length} of ${lines.length} | j/k scroll | Esc back`
							: `lines ${first + 1}–${first + shown.length} of ${lines.length} · ↑↓ scroll · Esc back`,
						width,
						{ascii},
					)}
				</Text>
			) : null}
		</Box>
	);
}
