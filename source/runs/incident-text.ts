import type {SyncRun} from '../census/types.js';
import {explainErrorCode} from './error-codes.js';
import {formatCountFull, parseIsoTime} from '../text/format.js';
import {isoSeconds} from '../text/format.js';
import {sanitizeText} from '../text/sanitize.js';
import {statusWord} from './status.js';
import {classifyStep, STEP_COUNT} from './steps.js';

// What `y` in the error inspector copies: one block to paste into an incident channel or ticket, which
// reads on its own: which run of which sync, where it stopped, its counts, where to look in the web app,
// and the error in full. Times are UTC with their zone, so the block means the same to every reader.
// Everything from the API is sanitised (multiline for the detail, which often holds SQL or a trace).

export type IncidentInput = {
	runId: number;
	run: SyncRun | null;
	/** The sync's label as shown, or null. */
	syncLabel: string | null;
	webUrl: string | null;
};

const oneLine = (text: string | null): string => sanitizeText(text).replaceAll(/\s+/g, ' ').trim();

function stepText(step: string | null): string {
	const kind = classifyStep(step);
	if (kind.kind === 'ordered') return `${kind.index}/${STEP_COUNT} ${kind.name}`;
	if (kind.kind === 'none') return '—';
	return oneLine(kind.name);
}

const time = (iso: string | null): string => {
	const at = parseIsoTime(iso);
	return at === null ? '—' : isoSeconds(at);
};

/** The block for a run; '' while the run has not been loaded. */
export function incidentText({runId, run, syncLabel, webUrl}: IncidentInput): string {
	if (run === null) return '';
	const label = oneLine(syncLabel);
	const counts = [
		`source ${formatCountFull(run.sourceRecordCount)}`,
		`updates ${formatCountFull(run.sourceRecordUpdates)}`,
		`deletes ${formatCountFull(run.sourceRecordDeletes)}`,
		`invalids ${formatCountFull(run.sourceRecordInvalids)}`,
		`processed ${formatCountFull(run.recordsProcessed)}`,
		`updated ${formatCountFull(run.recordsUpdated)}`,
		`failed ${formatCountFull(run.recordsFailed)}`,
	].join(', ');
	const code = oneLine(run.errorCode);
	const explained = code === '' ? null : explainErrorCode(run.errorCode);
	const lines = [
		`Census sync run ${runId}: ${statusWord(run)}`,
		`Run:       ${runId}`,
		`Sync:      ${label === '' ? '' : `${label} `}(sync ${run.syncId})`,
		`Status:    ${statusWord(run)}${run.fullSync ? ' (full sync)' : ''}`,
		`Step:      ${stepText(run.currentStep)}`,
		`Records:   ${counts}`,
		`Started:   ${time(run.createdAt)}`,
		`Completed: ${time(run.completedAt)}`,
		`Web app:   ${webUrl ?? '—'}`,
		`Error:     ${code === '' ? '—' : code}${explained && explained.source !== 'none' ? ` - ${explained.title}` : ''}`,
		`Message:   ${oneLine(run.errorMessage) || '—'}`,
	];
	const detail = sanitizeText(run.errorDetail, {multiline: true}).trim();
	if (detail === '') lines.push('Detail:    —');
	else lines.push('Detail:', ...detail.split('\n').map(line => `  ${line}`));
	return lines.join('\n');
}
