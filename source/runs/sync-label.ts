import type {Sync} from '../census/types.js';
import {sanitizeText} from '../text/sanitize.js';

// One rule for what a sync is called, everywhere it is named: its label, else its resource identifier,
// else `Sync <id>`. A name that is only whitespace or control characters counts as none.

type Named = Pick<Sync, 'label' | 'resourceIdentifier'>;

/** The sync's own name, as the API sent it (unsanitised: JSON output keeps it whole); null when it has none. */
export function syncName(sync: Named | undefined): string | null {
	for (const name of [sync?.label, sync?.resourceIdentifier]) {
		if (typeof name === 'string' && sanitizeText(name).trim() !== '') return name;
	}

	return null;
}

/** The label a sync is shown with on screen: its name, sanitised, else `Sync <id>`. */
export function syncDisplayLabel(syncs: Readonly<Record<number, Named>>, syncId: number): string {
	const name = syncName(syncs[syncId]);
	return name === null ? `Sync ${syncId}` : sanitizeText(name).trim();
}
