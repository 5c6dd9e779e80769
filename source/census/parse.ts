// The boundary between the API's JSON and the app's types. Strict only where the app cannot go on
// without a value (ids, a run's status); tolerant everywhere else (a count or text of the wrong type
// becomes null), and whatever the API adds is ignored here but kept in SyncRun.raw (within
// bounded-json's limits of depth and size).
import {boundedJson} from './bounded-json.js';
import {CensusError} from './errors.js';
import type {JsonObject, Page, Pagination, Sync, SyncRun, TriggerReason} from './types.js';

const ERROR_TEXT_MAX = 200;

const isObject = (value: unknown): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const badResponse = (message: string): CensusError => new CensusError('bad_response', message);

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const booleanOrNull = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/** Counts can exceed 2^31 (and, inexactly, 2^53): any non-negative integer JSON number is kept. */
const countOrNull = (value: unknown): number | null =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

const idOrNull = (value: unknown): number | null => (isId(value) ? value : null);

/** v2 renamed destinations to activations, whose ids are strings; v1's are integers. */
const activationIdOrNull = (value: unknown): number | string | null =>
	typeof value === 'string' ? (value.trim() === '' ? null : value) : idOrNull(value);

/** v2's Fivetran group of a source connection, e.g. "wandering_aimlessly"; undefined when there is none. */
const groupIdOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function requireId(object: JsonObject, field: string, where: string): number {
	const value = object[field];
	if (!isId(value)) {
		throw badResponse(`${where}: "${field}" is missing or not a positive integer`);
	}

	return value;
}

function requireObject(value: unknown, where: string): JsonObject {
	if (!isObject(value)) {
		throw badResponse(`${where} is not a JSON object`);
	}

	return value;
}

/**
 * One line of at most `max` characters of untrusted text: control characters and runs of whitespace
 * become one space, so that a body cannot break a log line or the layout of a message.
 */
export function shortText(text: string, max: number): string {
	const flat = text.replaceAll(/[\s\p{Cc}]+/gu, ' ').trim();
	if (flat.length <= max) {
		return flat;
	}

	const cut = flat.slice(0, max - 1);
	// Do not leave half of a surrogate pair at the cut.
	return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** Whether JSON.parse gave up where the text ends, which is what a cut-off answer looks like. */
function failsAtEnd(error: unknown, text: string): boolean {
	const message = error instanceof Error ? error.message : '';
	if (/end of JSON input|Unterminated/i.test(message)) {
		return true;
	}

	const position = /at position (\d+)/.exec(message)?.[1];
	return position !== undefined && Number(position) >= text.trimEnd().length;
}

// A proxy or load balancer in front of the API (a 502/503 page) answers with HTML: its markup says
// nothing a line of text could use, so it is named rather than quoted. JSON never opens with a tag.
const HTML_PAGE = /^\s*<[!a-z]/i;
const HTML_PAGE_TEXT = 'an HTML error page';

/** Whether an answer is an HTML page rather than the API's JSON. */
const isHtmlPage = (text: string): boolean => HTML_PAGE.test(text);

/** JSON.parse with the failure told apart: a cut-off answer versus something that is not JSON at all. */
export function parseJsonBody(text: string): unknown {
	if (text.trim() === '') {
		throw badResponse('the answer is empty, expected JSON');
	}

	if (isHtmlPage(text)) {
		throw badResponse('the answer is an HTML page, not JSON');
	}

	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		if (/^\s*[[{]/.test(text) && failsAtEnd(error, text)) {
			throw badResponse('the answer is truncated JSON');
		}

		throw badResponse(`the answer is not JSON: ${shortText(text, 60)}`);
	}
}

export type Envelope = {
	/** The envelope word ("success", "cancelled", …), never a run's status. */
	status: string | null;
	data: unknown;
	pagination: unknown;
};

/**
 * `{"status": "success", "data": …}`. A 2xx whose envelope says "error" is the API refusing the request,
 * not a malformed answer, so it becomes a `client` error carrying the API's message.
 */
export function parseEnvelope(body: unknown): Envelope {
	const envelope = requireObject(body, 'the answer');
	const status = textOrNull(envelope['status']);
	if (status?.toLowerCase() === 'error') {
		const message = textOrNull(envelope['message']);
		throw new CensusError('client', `the API refused: ${message === null ? 'no reason given' : shortText(message, ERROR_TEXT_MAX)}`);
	}

	return {status, data: envelope['data'], pagination: envelope['pagination']};
}

function parseTriggerReason(value: unknown): TriggerReason | null {
	// v2 may give the reason as plain text: shown as it is, like a tag.
	if (typeof value === 'string') {
		return value.trim() === '' ? null : {uiTag: value, uiDetail: null};
	}

	if (!isObject(value)) {
		return null;
	}

	return {uiTag: textOrNull(value['ui_tag']), uiDetail: textOrNull(value['ui_detail'])};
}

/**
 * A run object. `knownSyncId` is the sync the request was about (a sync's run list): an answer without
 * `sync_id` (API v2 leaves it out in places) is that sync's run; without it, `sync_id` is required.
 */
export function parseSyncRun(data: unknown, where = 'sync run', knownSyncId?: number): SyncRun {
	const run = requireObject(data, where);
	const id = requireId(run, 'id', where);
	const syncId = knownSyncId !== undefined && run['sync_id'] === undefined ? knownSyncId : requireId(run, 'sync_id', where);
	const status = run['status'];
	if (typeof status !== 'string') {
		throw badResponse(`${where}: "status" is missing or not a string`);
	}

	return {
		id,
		syncId,
		status,
		canceled: run['canceled'] === true,
		fullSync: run['full_sync'] === true,
		currentStep: textOrNull(run['current_step']),
		createdAt: textOrNull(run['created_at']),
		updatedAt: textOrNull(run['updated_at']),
		completedAt: textOrNull(run['completed_at']),
		scheduledExecutionTime: textOrNull(run['scheduled_execution_time']),
		sourceRecordCount: countOrNull(run['source_record_count']),
		sourceRecordUpdates: countOrNull(run['source_record_updates']),
		sourceRecordDeletes: countOrNull(run['source_record_deletes']),
		sourceRecordInvalids: countOrNull(run['source_record_invalids']) ?? countOrNull(run['records_invalid']),
		recordsProcessed: countOrNull(run['records_processed']),
		recordsUpdated: countOrNull(run['records_updated']),
		recordsFailed: countOrNull(run['records_failed']),
		errorCode: textOrNull(run['error_code']),
		errorMessage: textOrNull(run['error_message']),
		errorDetail: textOrNull(run['error_detail']),
		triggerReason: parseTriggerReason(run['sync_trigger_reason']),
		groupId: groupIdOf(run['group_id']),
		raw: boundedJson(run),
	};
}

/** A source or destination object is a name, or (for sources) a model/table description. */
function objectName(value: unknown): string | null {
	if (typeof value === 'string') {
		return value;
	}

	if (!isObject(value)) {
		return null;
	}

	const name = textOrNull(value['name']);
	if (name !== null) {
		return name;
	}

	const table = textOrNull(value['table_name']);
	if (table === null) {
		return null;
	}

	const parts = [textOrNull(value['table_catalog']), textOrNull(value['table_schema']), table];
	return parts.filter(part => part !== null && part !== '').join('.');
}

function scheduleFrequency(sync: JsonObject): string | null {
	const mode = sync['mode'];
	const triggers = isObject(mode) ? mode['triggers'] : undefined;
	const schedule = isObject(triggers) ? triggers['schedule'] : undefined;
	const frequency = isObject(schedule) ? textOrNull(schedule['frequency']) : null;
	return frequency ?? textOrNull(sync['schedule_frequency']);
}

export function parseSync(data: unknown, where = 'sync'): Sync {
	const sync = requireObject(data, where);
	const source = sync['source_attributes'];
	const destination = sync['destination_attributes'];
	return {
		id: requireId(sync, 'id', where),
		label: textOrNull(sync['label']),
		resourceIdentifier: textOrNull(sync['resource_identifier']),
		status: textOrNull(sync['status']),
		paused: booleanOrNull(sync['paused']),
		operation: textOrNull(sync['operation']),
		sourceConnectionId: isObject(source) ? idOrNull(source['connection_id']) : null,
		sourceObject: isObject(source) ? objectName(source['object']) : null,
		destinationConnectionId: isObject(destination) ? activationIdOrNull(destination['connection_id']) : null,
		destinationObject: isObject(destination) ? objectName(destination['object']) : null,
		scheduleFrequency: scheduleFrequency(sync),
		groupId: groupIdOf(sync['group_id']),
	};
}

/** Null when the answer has no usable pagination block; a field of the wrong type becomes null. */
export function parsePagination(value: unknown): Pagination | null {
	if (!isObject(value)) {
		return null;
	}

	return {
		totalRecords: countOrNull(value['total_records']),
		perPage: countOrNull(value['per_page']),
		page: countOrNull(value['page']),
		prevPage: countOrNull(value['prev_page']),
		nextPage: countOrNull(value['next_page']),
		lastPage: countOrNull(value['last_page']),
	};
}

/** A list answer. One malformed item fails the whole page: a run without an id cannot be tracked. */
export function parsePage<T>(body: unknown, parseItem: (data: unknown, where: string) => T, what: string): Page<T> {
	const envelope = parseEnvelope(body);
	if (!Array.isArray(envelope.data)) {
		throw badResponse(`${what}: "data" is not a list`);
	}

	const items = envelope.data.map((item: unknown, index) => parseItem(item, `${what}[${index}]`));
	return {items, pagination: parsePagination(envelope.pagination)};
}

export function parseTriggerAnswer(body: unknown): {syncRunId: number} {
	const data = requireObject(parseEnvelope(body).data, 'trigger answer "data"');
	return {syncRunId: requireId(data, 'sync_run_id', 'trigger answer')};
}

const CANCEL_ENVELOPE_WORDS = new Set(['cancelled', 'canceled', 'success']);

export function parseCancelAnswer(body: unknown): void {
	const {status} = parseEnvelope(body);
	if (status === null || !CANCEL_ENVELOPE_WORDS.has(status.toLowerCase())) {
		throw badResponse(`cancel answer: unexpected status ${JSON.stringify(shortText(status ?? 'none', 40))}`);
	}
}

/**
 * What an error answer says, in one short line: the `message` of a JSON body (whatever its `status`, a
 * word or Census's integer), "an HTML error page" for a proxy's page, else the raw text. Null when it
 * says nothing (a 404 may be just `{"status": 404}`, a 429 may have no body at all).
 */
export function errorBodyMessage(text: string): string | null {
	if (isHtmlPage(text)) {
		return HTML_PAGE_TEXT;
	}

	let body: unknown;
	try {
		body = JSON.parse(text) as unknown;
	} catch {
		const raw = shortText(text, ERROR_TEXT_MAX);
		return raw === '' ? null : raw;
	}

	const message = isObject(body) ? (textOrNull(body['message']) ?? textOrNull(body['error'])) : textOrNull(body);
	if (message === null) {
		return null;
	}

	const short = shortText(message, ERROR_TEXT_MAX);
	return short === '' ? null : short;
}
