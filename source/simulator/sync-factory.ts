// Builds sync objects shaped like Census's: large (mappings, model SQL, alert settings), because the
// app must cache them rather than re-list them, and a small sync would hide that cost.
import {
	COMMON_COLUMNS,
	DESTINATIONS,
	LABEL_VARIANTS,
	SYNC_TEMPLATES,
	WAREHOUSES,
	type Destination,
	type FieldStyle,
	type SyncTemplate,
	type Warehouse,
} from './catalog.js';
import {intBetween, pick, type Random} from './random.js';

export type RawSync = Record<string, unknown>;

/** What the world needs to know about a sync to plan its runs. */
export type SyncProfile = {
	template: SyncTemplate;
	warehouse: Warehouse;
	destination: Destination;
	/** Rows in the source model; each run varies a little around it. */
	sourceSize: number;
};

export type SyncShape = {
	id: number;
	/** Position in the workspace: picks the template, so that neighbours differ. */
	index: number;
	createdAt: number;
	paused: boolean;
	/** Census's schedule word: continuous, quarter_hourly, hourly, daily, never, … */
	frequency: string;
};

function destinationFor(template: SyncTemplate): Destination {
	const destination = DESTINATIONS.find(candidate => candidate.name === template.destination);
	if (destination === undefined) {
		throw new Error(`catalog: no destination named ${template.destination}`);
	}

	return destination;
}

function templateFor(index: number): SyncTemplate {
	const template = SYNC_TEMPLATES[index % SYNC_TEMPLATES.length];
	if (template === undefined) {
		throw new Error('catalog: no sync templates');
	}

	return template;
}

function labelFor(index: number): string {
	const template = templateFor(index);
	const round = Math.floor(index / SYNC_TEMPLATES.length);
	const variant = LABEL_VARIANTS[round] ?? ` #${round + 1}`;
	return `${template.source} → ${template.destination} ${template.objectLabel}${variant}`;
}

/** Census's schedule word for a sync that starts a run every `periodMs`. */
export function frequencyFor(periodMs: number): string {
	if (periodMs <= 3 * 60_000) {
		return 'continuous';
	}

	if (periodMs <= 15 * 60_000) {
		return 'quarter_hourly';
	}

	return periodMs <= 3_600_000 ? 'hourly' : 'daily';
}

export function profileFor(index: number, random: Random): SyncProfile {
	const template = templateFor(index);
	return {
		template,
		warehouse: pick(random, WAREHOUSES),
		destination: destinationFor(template),
		sourceSize: intBetween(random, template.size[0], template.size[1]),
	};
}

const STANDARD_SALESFORCE_FIELDS: Readonly<Record<string, string>> = {
	EMAIL: 'Email',
	FIRST_NAME: 'FirstName',
	LAST_NAME: 'LastName',
	PHONE: 'Phone',
	TITLE: 'Title',
	NAME: 'Name',
	INDUSTRY: 'Industry',
};

function destinationField(style: FieldStyle, column: string): string {
	const words = column.toLowerCase().split('_');
	switch (style) {
		case 'salesforce': {
			return (
				STANDARD_SALESFORCE_FIELDS[column] ??
				`${words.map(word => word.charAt(0).toUpperCase() + word.slice(1)).join('_')}__c`
			);
		}

		case 'camel': {
			return words.map((word, position) => (position === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
		}

		case 'snake': {
			return words.join('_');
		}
	}
}

function mappings(profile: SyncProfile, random: Random): Array<Record<string, unknown>> {
	const {template, destination} = profile;
	const extra = COMMON_COLUMNS.slice(0, intBetween(random, 6, COMMON_COLUMNS.length));
	return [...template.columns, ...extra].map(column => ({
		from: {type: 'column', data: column},
		to: destinationField(destination.fieldStyle, column),
		is_primary_identifier: column === template.identifier,
		generate_field: !template.columns.includes(column),
		preserve_values: column.endsWith('_AT') && random() < 0.3,
		operation: null,
		lookup_object: null,
		lookup_field: null,
		follow_source_type: false,
		sync_null_values: random() < 0.5,
		array_field: false,
	}));
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The source: mostly a SQL model, as in Census's published examples; every fourth sync reads a table
 * straight from the warehouse, named by catalog, schema and table.
 */
function sourceObject(shape: SyncShape, {template, warehouse}: SyncProfile, random: Random): Record<string, unknown> {
	// Drawn for tables too, so that the draws after it (mappings, schedule) do not depend on the kind.
	const modelCreatedAt = iso(shape.createdAt - intBetween(random, 86_400_000, 90 * 86_400_000));
	if (shape.index % 4 === 2) {
		const [catalog = '', schema = ''] = warehouse.schema.split('.');
		const upper = warehouse.schema === warehouse.schema.toUpperCase();
		return {
			type: 'table',
			table_catalog: catalog,
			table_schema: schema,
			table_name: upper ? template.model.toUpperCase() : template.model,
		};
	}

	const columns = [...template.columns].map(name => name.toLowerCase()).join(',\n       ');
	return {
		type: 'model',
		id: 300 + shape.index,
		name: template.model,
		created_at: modelCreatedAt,
		updated_at: iso(shape.createdAt),
		query: `select ${columns}\n  from ${warehouse.schema}.${template.model}\n where not is_test_account`,
	};
}

/** The sync as GET /syncs/{id} gives it, except `status`, which follows the sync's runs. */
export function buildSync(shape: SyncShape, profile: SyncProfile, random: Random): RawSync {
	const {template, warehouse, destination} = profile;
	const updatedAt = shape.createdAt + intBetween(random, 3_600_000, 40 * 86_400_000);
	const schedule = {
		frequency: shape.frequency,
		day: shape.frequency === 'weekly' ? 'Monday' : null,
		hour: shape.frequency === 'daily' || shape.frequency === 'weekly' ? intBetween(random, 0, 23) : null,
		minute: shape.frequency === 'never' || shape.frequency === 'continuous' ? null : intBetween(random, 0, 59),
		cron_expression: null,
	};
	return {
		id: shape.id,
		label: labelFor(shape.index),
		resource_identifier: `sync:${template.model}:${destination.name.toLowerCase().replaceAll(/[^a-z]+/g, '_')}:${template.object}`,
		status: 'Ready',
		paused: shape.paused,
		operation: template.operation,
		created_at: iso(shape.createdAt),
		updated_at: iso(updatedAt),
		schedule_frequency: shape.frequency,
		schedule_day: schedule.day,
		schedule_hour: schedule.hour,
		schedule_minute: schedule.minute,
		cron_expression: null,
		mode: {
			// Census's two modes: live syncs stream changes as they come, every other sync runs when triggered
			// (by its schedule, by hand or by the API).
			type: shape.frequency === 'continuous' ? 'live' : 'triggered',
			triggers: {
				schedule,
				dbt_cloud: null,
				fivetran: null,
				sync_sequence: null,
			},
		},
		source_attributes: {
			connection_id: warehouse.connectionId,
			object: sourceObject(shape, profile, random),
			filter_segment_id: null,
		},
		destination_attributes: {
			connection_id: destination.connectionId,
			object: template.object,
			lead_union_insert_to: null,
		},
		field_behavior: 'specific_properties',
		field_normalization: null,
		field_order: 'alphabetical_column_name',
		trigger_on_dbt_cloud_rebuild: false,
		high_water_mark_attributes: null,
		advanced_configuration: {batch_size: pick(random, [200, 500, 1000, 5000]), parallelism: pick(random, [1, 2, 4])},
		alert_attributes: [
			{id: 9000 + shape.index * 2, type: 'FailureAlertConfiguration', send_for: 'first_time', should_send_recovery: true, options: {}},
			{
				id: 9001 + shape.index * 2,
				type: 'InvalidRecordPercentAlertConfiguration',
				send_for: 'every_time',
				should_send_recovery: false,
				options: {threshold: pick(random, [5, 10, 25])},
			},
		],
		failed_run_notifications_enabled: true,
		mappings: mappings(profile, random),
	};
}
