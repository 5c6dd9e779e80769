import {clusterWidth, displayWidth, truncateToWidth} from './text.js';

// A sync label cut to a column without losing what tells it from its neighbours. Census labels read
// `Source → Service Object (Variant)`, and a workspace has many syncs from the same source to the same
// service: cutting the end (`Trials → Marketo Leads (San…`) keeps what they share and drops what differs.
// So the variant in parentheses is kept whole, then the destination's end (its object), and the source
// gives way first.

const segmenter = new Intl.Segmenter();
const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), ({segment}) => segment);

/** Below this many cells for the rest, the parenthesis is cut as well. */
const MIN_HEAD = 4;

const ARROWS = [' → ', ' -> '];

/** The longest run of whole clusters from the end that fits in `width` cells. */
function takeSuffix(text: string, width: number): string {
	const clusters = graphemes(text);
	let suffix = '';
	let used = 0;
	for (let index = clusters.length - 1; index >= 0; index--) {
		const cluster = clusters[index] ?? '';
		const cells = clusterWidth(cluster);
		if (used + cells > width) break;
		suffix = cluster + suffix;
		used += cells;
	}

	return suffix;
}

/** The head cut from its start (an ellipsis first), so that its end stays. */
const keepEnd = (text: string, width: number, ellipsis: string): string => {
	const room = width - displayWidth(ellipsis);
	return room <= 0 ? truncateToWidth(text, width, ellipsis) : ellipsis + takeSuffix(text, room).trimStart();
};

/** `Source → Destination` (the part before the parenthesis) cut to `width` cells. */
function cutHead(head: string, width: number, ellipsis: string): string {
	const arrow = ARROWS.find(candidate => head.includes(candidate));
	if (arrow === undefined) return truncateToWidth(head, width, ellipsis);
	const at = head.indexOf(arrow);
	const source = head.slice(0, at);
	const destination = head.slice(at + arrow.length);
	// The source keeps at least one letter and its ellipsis, or goes altogether.
	const sourceRoom = width - displayWidth(arrow) - displayWidth(destination);
	if (sourceRoom >= 1 + displayWidth(ellipsis) && source !== '') return truncateToWidth(source, sourceRoom, ellipsis) + arrow + destination;
	return keepEnd(destination, width, ellipsis);
}

/**
 * The label in at most `width` cells: whole when it fits; else the source is cut, then the destination
 * from its start; the trailing parenthesis stays whole while the rest keeps a few cells.
 */
export function cutSyncLabel(label: string, width: number, ellipsis = '…'): string {
	if (displayWidth(label) <= width) return label;
	const parenthesis = /\s*\([^()]*\)\s*$/.exec(label);
	const tail = parenthesis ? parenthesis[0].trimEnd() : '';
	const head = parenthesis ? label.slice(0, parenthesis.index) : label;
	if (tail === '' || head === '') return cutHead(label.trimEnd(), width, ellipsis);
	const headRoom = width - displayWidth(tail);
	if (headRoom >= MIN_HEAD) return cutHead(head, headRoom, ellipsis) + tail;
	// Too narrow for both: a few cells of the head and as much of the parenthesis as fits, closed.
	const shortHead = cutHead(head, Math.min(MIN_HEAD, width), ellipsis);
	const tailRoom = width - displayWidth(shortHead);
	if (tailRoom < 4) return truncateToWidth(label, width, ellipsis);
	return shortHead + truncateToWidth(tail.slice(0, -1), tailRoom - 1, ellipsis) + ')';
}
