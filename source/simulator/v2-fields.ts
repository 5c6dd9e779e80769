// What API v2 adds to v1's sync and run objects. Confirmed: `group_id`, a string naming the Fivetran group
// of the source connection ("wandering_aimlessly"). Invented, so that clients are tested with a field
// v1 never had: `activation_id`, the string id of the sync's destination (v2 renames destinations to
// "activations" with string ids). Everything else is v1's shape, as the v2 reference implies.
import {DESTINATIONS, WAREHOUSES} from './catalog.js';

export type V2Fields = {group_id: string; activation_id: string};

/** The group of a connection the catalog does not know (a sync a test added by hand). */
const FALLBACK_GROUP = 'wandering_aimlessly';

const record = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The v2 fields of a sync and of each of its runs, from the sync's connections. */
export function v2FieldsOf(sync: Record<string, unknown> | null): V2Fields {
	const sourceConnection = record(sync?.['source_attributes'])['connection_id'];
	const destinationConnection = record(sync?.['destination_attributes'])['connection_id'];
	const group = WAREHOUSES.find(warehouse => warehouse.connectionId === sourceConnection)?.groupId ?? FALLBACK_GROUP;
	const destination = DESTINATIONS.find(candidate => candidate.connectionId === destinationConnection);
	const slug = (destination?.name ?? 'destination').toLowerCase().replaceAll(/[^a-z]+/g, '_');
	return {group_id: group, activation_id: `act_${slug}_${String(destinationConnection ?? 0)}`};
}
