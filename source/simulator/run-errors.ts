// Why simulated runs fail or reject records. Census does not catalogue its error codes (only
// JSON_ARRAY_ERROR is documented), so these are modelled on what its integrations and users report:
// short codes, a one-line message, and a multi-line detail that echoes names and values from the
// customer's warehouse.
import type {Destination, SyncTemplate, Warehouse} from './catalog.js';
import {intBetween, pick, type Random} from './random.js';

export type RunError = {code: string; message: string; detail: string};

export type ErrorContext = {
	template: SyncTemplate;
	warehouse: Warehouse;
	destination: Destination;
	random: Random;
};

/** An error that stops a run at `step` (0-based index into RUN_STEPS). */
export type FailureKind = {code: string; step: number; build(context: ErrorContext): RunError};

/** An error reported on a run that completed but whose destination rejected some records. */
export type RejectionKind = {code: string; build(context: ErrorContext, rejected: number): RunError};

const column = ({template, random}: ErrorContext): string => pick(random, template.columns);

const table = ({warehouse, template}: ErrorContext): string => `${warehouse.schema}.${template.model.toUpperCase()}`;

const queryId = (random: Random): string =>
	[8, 4, 4, 4, 12].map(length => Array.from({length}, () => Math.floor(random() * 16).toString(16)).join('')).join('-');

const SAMPLE_VALUES = ['jim', 'N/A', '[object Object]', 'ｊａｎｅ＠example.com', 'tag1, tag2', '{"plan": "pro"', ''];

export const FAILURES: readonly FailureKind[] = [
	{
		code: 'source_column_missing',
		step: 0,
		build: context => {
			const name = column(context);
			return {
				code: 'source_column_missing',
				message: `Column ${name} is mapped but no longer exists in model ${context.template.model}.`,
				detail: [
					`The model's query returned ${context.template.columns.length - 1} columns; ${name} was not among them.`,
					'It may have been renamed or dropped in a recent dbt run.',
					`Remove the mapping for ${name} or restore the column, then run the sync again.`,
				].join('\n'),
			};
		},
	},
	{
		code: 'field_not_found',
		step: 1,
		build: context => {
			const field = `${column(context).toLowerCase()}__c`;
			return {
				code: 'field_not_found',
				message: `Field "${field}" was not found on ${context.destination.name} object ${context.template.object}.`,
				detail: [
					`The mapping ${column(context)} → ${field} refers to a field that ${context.destination.name} does not report.`,
					`Checked ${context.destination.apiHost} describe endpoint for ${context.template.object}: 0 matches for "${field}".`,
					'If the field was deleted or renamed, refresh the destination fields in the sync configuration.',
				].join('\n'),
			};
		},
	},
	{
		code: 'invalid_credentials',
		step: 2,
		build: context => ({
			code: 'invalid_credentials',
			message: `${context.destination.name} rejected the credentials for connection ${context.destination.connectionId}.`,
			detail: [
				`POST https://${context.destination.apiHost}/oauth/token → 401 Unauthorized`,
				'{"error": "invalid_grant", "error_description": "expired access/refresh token"}',
				`The refresh token was issued to ${pick(context.random, ['integrations@acme.io', 'census-svc@acme.io'])}.`,
				`Reconnect ${context.destination.name} under Destinations to continue.`,
			].join('\n'),
		}),
	},
	{
		code: 'destination_object_not_found',
		step: 2,
		build: context => ({
			code: 'destination_object_not_found',
			message: `${context.destination.name} object "${context.template.object}" is not available to this connection.`,
			detail: [
				`Listing objects on ${context.destination.apiHost} returned ${intBetween(context.random, 12, 80)} objects, none named "${context.template.object}".`,
				'The connected user may lack permission to read or write it.',
			].join('\n'),
		}),
	},
	{
		code: 'warehouse_query_timeout',
		step: 3,
		build: context => ({
			code: 'warehouse_query_timeout',
			message: `The ${context.warehouse.name} query for model ${context.template.model} did not finish within 3600 seconds.`,
			detail: [
				`${context.warehouse.name} error 000630 (57014): Statement reached its statement or warehouse timeout of 3,600 second(s) and was canceled.`,
				`  Query ID: ${queryId(context.random)}`,
				`  Warehouse: ${pick(context.random, ['TRANSFORMING_XS', 'CENSUS_WH', 'REVERSE_ETL_S'])}`,
				'Consider a larger warehouse, or an incremental model that reads fewer rows.',
			].join('\n'),
		}),
	},
	{
		code: 'warehouse_permission_denied',
		step: 3,
		build: context => ({
			code: 'warehouse_permission_denied',
			message: `Census could not read ${table(context)}.`,
			detail: [
				'SQL compilation error:',
				`Object '${table(context)}' does not exist or not authorized.`,
				'Grant SELECT on the table (and USAGE on its schema) to the role Census connects with, CENSUS_ROLE.',
			].join('\n'),
		}),
	},
	{
		code: 'destination_rate_limited',
		step: 4,
		build: context => {
			const retries = intBetween(context.random, 5, 9);
			return {
				code: 'destination_rate_limited',
				message: `${context.destination.name} kept answering 429 Too Many Requests while records were being loaded.`,
				detail: [
					`429 Too Many Requests from https://${context.destination.apiHost}/ (batch upsert of ${context.template.objectLabel.toLowerCase()})`,
					`  policy: ${pick(context.random, ['TEN_SECONDLY_ROLLING', 'DAILY', 'API_REQUEST_LIMIT'])}`,
					`Census retried ${retries} times over ${retries * 2} minutes before giving up.`,
					'Records already sent stay in the destination; the next run resumes from the last committed batch.',
				].join('\n'),
			};
		},
	},
	{
		code: 'warehouse_write_failed',
		step: 6,
		build: context => ({
			code: 'warehouse_write_failed',
			message: `Census could not record this run's state in ${context.warehouse.name}.`,
			detail: [
				`INSERT INTO CENSUS.SYNC_STATE_${intBetween(context.random, 100, 999)} failed:`,
				'  Insufficient privileges to operate on schema CENSUS.',
				'Records were delivered, but the next run will resend them because its baseline was not saved.',
			].join('\n'),
		}),
	},
];

export const REJECTIONS: readonly RejectionKind[] = [
	{
		code: 'JSON_ARRAY_ERROR',
		build: (context, rejected) => {
			const name = column(context);
			return {
				code: 'JSON_ARRAY_ERROR',
				message: 'The array field being used does not appear to be valid JSON...',
				detail: [
					`Please make sure the field "custom_field:${name}" with value "${pick(context.random, SAMPLE_VALUES)}" is formatted as a JSON Array...`,
					`${rejected.toLocaleString('en-US')} record(s) were rejected for the same reason, for example:`,
					`  ${context.template.identifier}=${intBetween(context.random, 10_000, 99_999)}  "${name}": "${pick(context.random, SAMPLE_VALUES)}"`,
					`  ${context.template.identifier}=${intBetween(context.random, 10_000, 99_999)}  "${name}": "${pick(context.random, SAMPLE_VALUES)}"`,
				].join('\n'),
			};
		},
	},
	{
		code: 'invalid_field_value',
		build: (context, rejected) => ({
			code: 'invalid_field_value',
			message: `${context.destination.name} rejected ${rejected.toLocaleString('en-US')} record(s) with invalid field values.`,
			detail: [
				`${context.template.identifier} "u_${intBetween(context.random, 1000, 9999)}": email "jane@@example.com" is not a valid email address`,
				`${context.template.identifier} "u_${intBetween(context.random, 1000, 9999)}": phone "+1 (555) 010-ABCD" contains letters`,
				`${context.template.identifier} "u_${intBetween(context.random, 1000, 9999)}": country "Deutschland\t" is not an ISO 3166 code`,
				'Fix the values in the source model; rejected records are retried on the next run.',
			].join('\n'),
		}),
	},
	{
		code: 'duplicate_identifier',
		build: (context, rejected) => ({
			code: 'duplicate_identifier',
			message: `${rejected.toLocaleString('en-US')} source record(s) share a ${context.template.identifier} with another record.`,
			detail: [
				`${context.template.identifier} "ops@acme.io" appears ${intBetween(context.random, 2, 5)} times in ${context.template.model}.`,
				`${context.destination.name} keeps one record per identifier; Census sent the first and rejected the rest.`,
				'Deduplicate the model (for example with QUALIFY ROW_NUMBER() OVER (PARTITION BY …) = 1).',
			].join('\n'),
		}),
	},
];
