// Which rows of a list are on screen, and where the selection goes on a key. The selection is a run id,
// not an index, so that it stays on the same run when runs are added above it or a filter hides others.

/**
 * The first row to show so that `selected` is visible in `height` rows, moving the window as little as
 * possible from `previousStart` (the list does not jump around while the selection moves inside it) and
 * never leaving empty rows at the bottom while there are rows above.
 */
export function windowStart(count: number, selected: number, height: number, previousStart: number): number {
	if (height <= 0 || count <= height) return 0;
	const lastStart = count - height;
	let start = Math.min(Math.max(0, previousStart), lastStart);
	const index = Math.min(Math.max(0, selected), count - 1);
	if (index < start) start = index;
	if (index >= start + height) start = index - height + 1;
	return start;
}

/** The index shown as selected: the selected run's row, or the first row when it is not in the list. */
export function selectedIndex(ids: readonly number[], selectedId: number | null): number {
	if (selectedId === null) return 0;
	const index = ids.indexOf(selectedId);
	return index === -1 ? 0 : index;
}

export type Move = {by: number} | {to: 'first' | 'last'};

/** The run id selected after a move, clamped to the list; null for an empty list. */
export function moveSelection(ids: readonly number[], selectedId: number | null, move: Move): number | null {
	if (ids.length === 0) return null;
	const last = ids.length - 1;
	const target =
		'to' in move
			? move.to === 'first'
				? 0
				: last
			: Math.min(Math.max(0, selectedIndex(ids, selectedId) + move.by), last);
	return ids[target] ?? null;
}
