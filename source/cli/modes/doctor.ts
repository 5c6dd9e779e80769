// `census-watch doctor`: a read-only contract check of the user's real Census API, for bug reports and
// for confirming what census-watch infers about v2. Per version: list syncs (one), fetch that sync, list
// its runs (one), fetch that run; GET only, never a redirect followed, the token only in the
// Authorization header and redacted from everything printed. The checking itself is doctor-report.ts.
import {performance} from 'node:perf_hooks';
import {API_PATHS, LIST_QUERY, type ApiSetting, type ApiVersion} from '../../census/api-version.js';
import {shortText} from '../../census/parse.js';
import {sanitizeText} from '../../text/sanitize.js';
import {redact} from '../crash.js';
import type {ExitCode} from '../exit-codes.js';
import {
	doctorExitCode,
	doctorJson,
	firstId,
	formatDoctorTable,
	isReportedHeader,
	reportStep,
	versionReport,
	type Answer,
	type StepReport,
	type VersionReport,
} from './doctor-report.js';
import type {ModeStream} from './types.js';

export type DoctorOptions = {
	roots: Record<ApiVersion, string>;
	/** `auto` checks both versions, v2 first. */
	api: ApiSetting;
	token: string;
	groupId: string | null;
	json: boolean;
	stdout: ModeStream;
	timeoutMs?: number;
	userAgent?: string;
};

const DEFAULT_TIMEOUT_MS = 20_000;

function causeCode(error: unknown): string {
	const cause = error instanceof Error ? error.cause : undefined;
	const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
	return typeof code === 'string' ? code : 'connection failed';
}

async function get(options: DoctorOptions, root: string, path: string, query: Record<string, string>): Promise<Answer> {
	const search = new URLSearchParams(query).toString();
	const request = `/${path}${search === '' ? '' : `?${search}`}`;
	const startedAt = performance.now();
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	try {
		const response = await fetch(`${root}${request}`, {
			method: 'GET',
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs),
			headers: {
				accept: 'application/json',
				'user-agent': options.userAgent ?? 'census-watch doctor',
				...(options.token === '' ? {} : {authorization: `Bearer ${options.token}`}),
			},
		});
		const text = await response.text();
		const headers: Record<string, string> = {};
		for (const [name, value] of response.headers) if (isReportedHeader(name)) headers[name] = shortText(value, 120);
		let json: unknown;
		try {
			json = JSON.parse(text) as unknown;
		} catch {
			json = undefined;
		}

		const ok = response.status >= 200 && response.status < 300;
		const problem = json === undefined && (ok || text.trim() !== '') ? `the answer is not JSON: ${shortText(text, 60)}` : null;
		return {request, status: response.status, durationMs: performance.now() - startedAt, headers, json, problem};
	} catch (error) {
		const timedOut = error instanceof Error && error.name === 'TimeoutError';
		const problem = timedOut ? `no answer within ${Math.round(timeoutMs / 1000)}s` : `network error (${causeCode(error)})`;
		return {request, status: null, durationMs: performance.now() - startedAt, headers: {}, json: undefined, problem};
	}
}

async function checkVersion(options: DoctorOptions, version: ApiVersion): Promise<VersionReport> {
	const root = options.roots[version];
	const paths = API_PATHS[version];
	const group = options.groupId !== null && LIST_QUERY[version].groupId ? options.groupId : null;
	const withGroup = (query: Record<string, string>) => (group === null ? query : {...query, group_id: group});
	const steps: StepReport[] = [];

	const plain = await get(options, root, paths.syncs(), {per_page: '1'});
	steps.push(reportStep({step: 'list syncs', answer: plain, list: true, kind: 'sync'}));
	let listed = plain;
	let groupReport: VersionReport['group'] = null;
	if (group !== null) {
		const grouped = await get(options, root, paths.syncs(), withGroup({per_page: '1'}));
		const report = reportStep({step: 'list syncs with group', answer: grouped, list: true, kind: 'sync'});
		steps.push(report);
		const worked = (step: StepReport | undefined) => step !== undefined && step.status !== null && step.status >= 200 && step.status < 300 && step.problem === null;
		groupReport = {id: group, without: worked(steps[0]), with: worked(report)};
		// The watcher sends the group on v2's lists: follow what it would see.
		if (groupReport.with || !groupReport.without) listed = grouped;
	}

	const syncId = firstId(listed, true);
	if (syncId !== null) {
		steps.push(reportStep({step: 'fetch sync', answer: await get(options, root, paths.sync(syncId), {}), list: false, kind: 'sync'}));
		const runs = await get(options, root, paths.syncRuns(syncId), withGroup({per_page: '1'}));
		steps.push(reportStep({step: 'list runs', answer: runs, list: true, kind: 'run'}));
		const runId = firstId(runs, true);
		if (runId !== null) steps.push(reportStep({step: 'fetch run', answer: await get(options, root, paths.syncRun(runId), {}), list: false, kind: 'run'}));
	}

	return versionReport(version, root, steps, groupReport);
}

const writeAll = (stream: ModeStream, text: string): Promise<void> =>
	new Promise(resolve => {
		stream.once('error', () => undefined);
		stream.write(text, () => {
			resolve();
		});
	});

export async function runDoctor(options: DoctorOptions): Promise<ExitCode> {
	const versions: ApiVersion[] = options.api === 'auto' ? ['v2', 'v1'] : [options.api];
	const reports: VersionReport[] = [];
	// One version after the other: a contract check is no reason to send two requests at once.
	for (const version of versions) reports.push(await checkVersion(options, version));
	const report = {versions: reports, exitCode: doctorExitCode(reports)};
	const text = options.json
		? `${doctorJson(report)}\n`
		: [
				'census-watch doctor: a read-only check of the Census API (GET requests only; the token is not shown)',
				'',
				...formatDoctorTable(report).map(line => sanitizeText(line)),
			].join('\n');
	await writeAll(options.stdout, redact(text, options.token));
	return report.exitCode;
}
