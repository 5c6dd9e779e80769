// `census-watch doctor`, the pure part: what each answer of the contract check says (status, envelope,
// pagination, fields present, missing, of another type or new, rate-limit and deprecation headers), the
// verdict per API version, the exit code, and the table and JSON forms. No I/O: doctor.ts sends the
// requests and hands the answers here, so that all of this is tested without a network.
import type {ApiVersion} from '../../census/api-version.js';
import {shortText} from '../../census/parse.js';
import {stringifyJsonForTerminal} from './run-json.js';
import {EXIT_API_UNREACHABLE, EXIT_OK, EXIT_TOKEN_REJECTED, type ExitCode} from '../exit-codes.js';

export type StepName = 'list syncs' | 'list syncs with group' | 'fetch sync' | 'list runs' | 'fetch run';

/** One answer as it came: doctor.ts fills this in, without the token anywhere. */
export type Answer = {
	/** Path and query under the version's root, e.g. /syncs?per_page=1. */
	request: string;
	/** Null when no answer came (network, timeout). */
	status: number | null;
	durationMs: number;
	/** Lower-case names; only those doctor reports (see REPORTED_HEADERS). */
	headers: Record<string, string>;
	/** The body parsed as JSON; undefined when it was not JSON (or there was none). */
	json: unknown;
	/** What went wrong without an answer, or a body that is not JSON: one line. */
	problem: string | null;
};

type FieldType = 'integer' | 'string' | 'boolean' | 'object' | 'id';

/** A field census-watch reads and the type it expects; `nullable` when the API documents null. */
type Expected = {type: FieldType; nullable?: boolean};

// What census-watch reads, from v1's reference; under v2 each is inferred to keep its name and type.
const RUN_FIELDS: Readonly<Record<string, Expected>> = {
	id: {type: 'integer'},
	sync_id: {type: 'integer'},
	status: {type: 'string'},
	canceled: {type: 'boolean'},
	full_sync: {type: 'boolean'},
	current_step: {type: 'string', nullable: true},
	created_at: {type: 'string'},
	updated_at: {type: 'string', nullable: true},
	completed_at: {type: 'string', nullable: true},
	scheduled_execution_time: {type: 'string', nullable: true},
	source_record_count: {type: 'integer', nullable: true},
	source_record_updates: {type: 'integer', nullable: true},
	source_record_deletes: {type: 'integer', nullable: true},
	source_record_invalids: {type: 'integer', nullable: true},
	records_processed: {type: 'integer', nullable: true},
	records_updated: {type: 'integer', nullable: true},
	records_failed: {type: 'integer', nullable: true},
	error_code: {type: 'string', nullable: true},
	error_message: {type: 'string', nullable: true},
	error_detail: {type: 'string', nullable: true},
	sync_trigger_reason: {type: 'object', nullable: true},
};
/** Run fields seen in published v1 answers that census-watch does not need: not "new". */
const RUN_KNOWN = new Set(['records_invalid']);
/** A watcher cannot go on without these: a run or sync without them fails its page. */
const REQUIRED = new Set(['id', 'sync_id', 'status']);
/** A run in a sync's run list without sync_id takes the sync id from the path. */
const REQUIRED_IN_RUN_LIST = new Set(['id', 'status']);

const SYNC_FIELDS: Readonly<Record<string, Expected>> = {
	id: {type: 'integer'},
	label: {type: 'string', nullable: true},
	status: {type: 'string', nullable: true},
	paused: {type: 'boolean', nullable: true},
	operation: {type: 'string', nullable: true},
	source_attributes: {type: 'object', nullable: true},
	destination_attributes: {type: 'object', nullable: true},
};
const SYNC_KNOWN = new Set([
	'resource_identifier',
	'mode',
	'schedule_frequency',
	'schedule_day',
	'schedule_hour',
	'schedule_minute',
	'cron_expression',
	'created_at',
	'updated_at',
	'mappings',
	'field_behavior',
	'field_normalization',
	'lead_union_insert_to',
	'mirror_strategy',
	'triggers',
	'trigger_on_dbt_cloud_rebuild',
	'failed_record_notifications_enabled',
	'failed_record_notifications_threshold_percent',
	'failed_run_notifications_enabled',
]);

const REPORTED_HEADERS: readonly string[] = ['retry-after', 'deprecation', 'sunset', 'link', 'location'];
export const isReportedHeader = (name: string): boolean => REPORTED_HEADERS.includes(name) || name.startsWith('x-ratelimit-');

export type FieldCheck = {
	present: string[];
	missing: string[];
	/** `field: expected integer, got string` */
	otherType: string[];
	/** Fields not in v1's published shape. */
	unexpected: string[];
};

export type StepReport = {
	step: StepName;
	request: string;
	status: number | null;
	durationMs: number;
	/** The envelope's `status` word, `none` when the body has none, null without a JSON body. */
	envelope: string | null;
	/** `page 1 of 3 (per_page 1, 42 in all)`, `none`, or null when not a list. */
	pagination: string | null;
	fields: FieldCheck | null;
	headers: Record<string, string>;
	problem: string | null;
};

export type VersionVerdict = 'works' | 'works_partly' | 'retired' | 'rejected' | 'no_api' | 'unreachable' | 'broken';

export type VersionReport = {
	version: ApiVersion;
	root: string;
	steps: StepReport[];
	verdict: VersionVerdict;
	/** One line: "v2 works for watching", "v1 retired", … */
	summary: string;
	/** With --group: which sync lists worked. */
	group: {id: string; without: boolean; with: boolean} | null;
};

export type DoctorReport = {versions: VersionReport[]; exitCode: ExitCode};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function fits(value: unknown, expected: Expected): boolean {
	if (value === null) return expected.nullable === true;
	const type = typeOf(value);
	return expected.type === 'id' ? type === 'integer' || type === 'string' : type === expected.type;
}

// v2's trigger reason may be plain text, which census-watch shows as it is.
const ALSO_ACCEPTED: Readonly<Record<string, string>> = {sync_trigger_reason: 'string'};

export function checkFields(object: Record<string, unknown>, expected: Readonly<Record<string, Expected>>, known: ReadonlySet<string>): FieldCheck {
	const check: FieldCheck = {present: [], missing: [], otherType: [], unexpected: []};
	for (const [field, want] of Object.entries(expected)) {
		if (!Object.hasOwn(object, field)) {
			check.missing.push(field);
		} else if (fits(object[field], want) || ALSO_ACCEPTED[field] === typeOf(object[field])) {
			check.present.push(field);
		} else {
			check.otherType.push(`${field}: expected ${want.type}${want.nullable ? ' or null' : ''}, got ${typeOf(object[field])}`);
		}
	}

	for (const field of Object.keys(object)) {
		if (!Object.hasOwn(expected, field) && !known.has(field)) check.unexpected.push(shortText(field, 60));
	}

	return check;
}

function paginationText(value: unknown): string {
	if (!isObject(value)) return 'none';
	const number = (field: string) => (typeof value[field] === 'number' ? String(value[field]) : '?');
	return `page ${number('page')} of ${number('last_page')} (per_page ${number('per_page')}, ${number('total_records')} in all)`;
}

export type StepInput = {step: StepName; answer: Answer; list: boolean; kind: 'sync' | 'run'};

/** What one answer says. A list's fields are those of its first item. */
export function reportStep({step, answer, list, kind}: StepInput): StepReport {
	const word = isObject(answer.json) ? answer.json['status'] : undefined;
	const envelope = isObject(answer.json) ? (typeof word === 'string' || typeof word === 'number' ? String(word) : 'none') : null;
	const data = isObject(answer.json) ? answer.json['data'] : undefined;
	const item = list ? (Array.isArray(data) ? data[0] : undefined) : data;
	const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
	const fields = ok && isObject(item) ? (kind === 'run' ? checkFields(item, RUN_FIELDS, RUN_KNOWN) : checkFields(item, SYNC_FIELDS, SYNC_KNOWN)) : null;
	let problem = answer.problem;
	if (problem === null && !ok && answer.status !== null) problem = errorMessage(answer.json);
	if (problem === null && ok && list && !Array.isArray(data)) problem = '"data" is not a list';
	if (problem === null && ok && list && Array.isArray(data) && data.length === 0) problem = 'the list is empty';
	return {
		step,
		request: answer.request,
		status: answer.status,
		durationMs: Math.round(answer.durationMs),
		envelope,
		pagination: list && ok ? paginationText(isObject(answer.json) ? answer.json['pagination'] : undefined) : null,
		fields,
		headers: answer.headers,
		problem: problem === null ? null : shortText(problem, 160),
	};
}

function errorMessage(json: unknown): string | null {
	if (!isObject(json)) return null;
	const message = json['message'] ?? json['error'];
	return typeof message === 'string' ? message : null;
}

/** The ids the next steps need, from an answer; null when it gave none. */
export function firstId(answer: Answer, list: boolean): number | null {
	const data = isObject(answer.json) ? answer.json['data'] : undefined;
	const item = list ? (Array.isArray(data) ? data[0] : undefined) : data;
	const id = isObject(item) ? item['id'] : undefined;
	return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

const RETIREMENT = /retire|deprecat|sunset|\bv2\b/i;

/** What a failed first step says about the version as a whole. */
function failureVerdict(step: StepReport): VersionVerdict {
	const {status} = step;
	if (status === null || status === 429 || status >= 500) return 'unreachable';
	if (status === 410) return 'retired';
	if (status >= 300 && status < 400) return step.headers['location']?.includes('/api/v2') ? 'retired' : 'broken';
	if (status === 401 || status === 403) return RETIREMENT.test(step.problem ?? '') ? 'retired' : 'rejected';
	if (status === 404) return 'no_api';
	return 'broken';
}

const SUMMARIES: Readonly<Record<VersionVerdict, (version: ApiVersion, root: string) => string>> = {
	works: version => `${version} works for watching`,
	works_partly: version => `${version} answers, but not every check could be made (see above)`,
	retired: version => `${version} retired`,
	rejected: version => `${version} rejects this token`,
	no_api: (version, root) => `no Census API ${version} at ${root}: check --base-url`,
	unreachable: version => `${version} unreachable (no answer, a server error or rate-limited)`,
	broken: version => `${version} answers in a way census-watch cannot use (see above)`,
};

function fieldsUsable(step: StepReport): boolean {
	const required = step.step === 'list runs' ? REQUIRED_IN_RUN_LIST : REQUIRED;
	return step.fields === null || (step.fields.missing.every(field => !required.has(field)) && step.fields.otherType.every(text => !required.has(text.split(':')[0] ?? '')));
}

const succeeded = (step: StepReport): boolean => step.status !== null && step.status >= 200 && step.status < 300 && step.problem === null;

/** The verdict of a version from its steps (in the order they ran). */
export function versionReport(version: ApiVersion, root: string, steps: StepReport[], group: VersionReport['group']): VersionReport {
	const lists = steps.filter(step => step.step === 'list syncs' || step.step === 'list syncs with group');
	const rest = steps.filter(step => !lists.includes(step));
	const listed = lists.find(step => succeeded(step));
	const first = lists[0];
	let verdict: VersionVerdict;
	if (first === undefined) {
		verdict = 'unreachable';
	} else if (listed === undefined) {
		const answered = first.status !== null && first.status >= 200 && first.status < 300;
		verdict = answered ? (first.problem === 'the list is empty' ? 'works_partly' : 'broken') : failureVerdict(first);
	} else if (![listed, ...rest].every(step => fieldsUsable(step))) {
		verdict = 'broken';
	} else {
		verdict = rest.length === 3 && rest.every(step => succeeded(step)) ? 'works' : 'works_partly';
	}

	return {version, root, steps, verdict, summary: SUMMARIES[verdict](version, root), group};
}

const WORKING: ReadonlySet<VersionVerdict> = new Set(['works', 'works_partly']);

/** 0 when a version checked works, 4 when none answered, 3 otherwise (rejected, retired, no API). */
export function doctorExitCode(versions: readonly VersionReport[]): ExitCode {
	if (versions.some(report => WORKING.has(report.verdict))) return EXIT_OK;
	return versions.every(report => report.verdict === 'unreachable') ? EXIT_API_UNREACHABLE : EXIT_TOKEN_REJECTED;
}

const list = (items: readonly string[]): string => (items.length === 0 ? '-' : items.join(', '));

/** The table: a block per version, a line per request, its details indented below, the verdict last. */
export function formatDoctorTable(report: DoctorReport): string[] {
	const lines: string[] = [];
	for (const version of report.versions) {
		lines.push(`API ${version.version} at ${version.root}`);
		for (const step of version.steps) {
			const status = step.status === null ? 'no answer' : String(step.status);
			lines.push(
				`  ${step.step.padEnd(22)}GET ${step.request.padEnd(34)} ${status.padEnd(9)} ${`${step.durationMs} ms`.padStart(8)}  envelope ${step.envelope ?? '-'}`,
			);
			if (step.pagination !== null) lines.push(`      pagination: ${step.pagination}`);
			if (step.fields !== null) {
				const {present, missing, otherType, unexpected} = step.fields;
				lines.push(`      fields: ${present.length} expected present; missing: ${list(missing)}; other type: ${list(otherType)}; new: ${list(unexpected)}`);
			}

			const headers = Object.entries(step.headers);
			if (headers.length > 0) lines.push(`      headers: ${headers.map(([name, value]) => `${name}: ${value}`).join('; ')}`);
			if (step.problem !== null) lines.push(`      said: ${step.problem}`);
		}

		if (version.group !== null) {
			const worked = [version.group.without ? 'without it' : null, version.group.with ? 'with it' : null].filter(Boolean).join(' and ');
			lines.push(`  group ${version.group.id}: the sync list worked ${worked === '' ? 'neither without nor with it' : worked}`);
		}

		lines.push(`  verdict: ${version.summary}`, '');
	}

	return lines;
}

export const doctorJson = (report: DoctorReport): string => stringifyJsonForTerminal({exit_code: report.exitCode, versions: report.versions}, 2);
