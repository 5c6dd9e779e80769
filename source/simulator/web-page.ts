import type {ServerResponse} from 'node:http';
import type {World} from './world.js';

// The simulator's stand-in for the Census web app: census-watch links a run to its sync's history page
// (source/runs/links.ts), and in --demo those links point at the simulator's origin. A small HTML page
// for the sync (and the run named in the query) answers them, so that `o` and the inspector's link open
// something real. Only GET on the web app's paths; everything else is left to the API routes.

const SYNC_PAGE = /^(?:\/workspaces\/[^/]+)?\/syncs\/(\d+)\/(?:history|overview|sync-history)$/;

const escapeHtml = (text: string): string =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const field = (record: Record<string, unknown> | null, name: string): string => {
	const value = record?.[name];
	return value === null || value === undefined ? '—' : escapeHtml(String(value));
};

function page(world: World, syncId: number, runId: number | null): string | null {
	const sync = world.getSync(syncId);
	if (sync === null) return null;
	const run = runId === null ? null : world.getRun(runId);
	const runs = (world.listRuns(syncId) ?? []).slice(0, 10);
	const rows = runs
		.map(each => `<tr${each['id'] === runId ? ' class="this"' : ''}><td>${field(each, 'id')}</td><td>${field(each, 'status')}</td><td>${field(each, 'created_at')}</td><td>${field(each, 'error_code')}</td></tr>`)
		.join('\n');
	const runPart =
		run === null
			? ''
			: `<h2>Run ${field(run, 'id')}: ${field(run, 'status')}</h2>\n<p>${field(run, 'error_code')}: ${field(run, 'error_message')}</p>\n`;
	return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sync ${syncId} · census-watch simulator</title>
<style>body{font-family:sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}.this{background:#ffd}</style></head>
<body><p>census-watch simulator: a stand-in for the Census web app.</p>
<h1>Sync ${syncId}: ${field(sync, 'label')}</h1>
${runPart}<table><tr><th>run</th><th>status</th><th>created</th><th>error</th></tr>
${rows}
</table></body></html>
`;
}

/** Answers a GET for a web-app page of a sync; false when the request is not one (nothing is written then). */
export function answerWebPage(method: string | undefined, url: URL, world: World, response: ServerResponse): boolean {
	const match = method === 'GET' ? SYNC_PAGE.exec(url.pathname) : null;
	if (!match) return false;
	const runText = url.searchParams.get('sync_run_id');
	const html = page(world, Number(match[1]), runText !== null && /^\d+$/.test(runText) ? Number(runText) : null);
	const body = html ?? '<!DOCTYPE html>\n<html><body><h1>No such sync</h1></body></html>\n';
	response.writeHead(html === null ? 404 : 200, {'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body)});
	response.end(body);
	return true;
}
