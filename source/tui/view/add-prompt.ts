import {sanitizeText} from '../../text/sanitize.js';
import {truncateToWidth} from '../../text/text.js';

// What the add prompt (`a`) accepts: run ids and `s:SYNC_ID` for syncs to follow, separated by spaces or
// commas. The text is typed or pasted, so anything can arrive: a bad token is named back to the user,
// sanitised and cut, and nothing is added until every token reads.

export type AddRequest = {runIds: number[]; syncIds: number[]};

export type AddParse = {ok: true; request: AddRequest} | {ok: false; error: string};

/** Bad tokens named in the error line at most, and the cells each may take there. */
const NAMED_BAD_TOKENS = 3;
const BAD_TOKEN_WIDTH = 16;

const SYNC_PREFIX = /^s:/i;
const DIGITS = /^\d+$/;

/** A positive id that survives the round trip through a JS number, or null. */
function idOf(text: string): number | null {
	if (!DIGITS.test(text)) return null;
	const id = Number(text);
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

const tokensOf = (text: string): string[] => text.split(/[\s,]+/).filter(token => token !== '');

const shown = (token: string): string => JSON.stringify(truncateToWidth(sanitizeText(token), BAD_TOKEN_WIDTH));

export function parseAddInput(text: string): AddParse {
	const tokens = tokensOf(text);
	if (tokens.length === 0) return {ok: false, error: 'nothing to add: type run ids, or s:ID to follow a sync'};

	const runIds: number[] = [];
	const syncIds: number[] = [];
	const bad: string[] = [];
	for (const token of tokens) {
		const isSync = SYNC_PREFIX.test(token);
		const id = idOf(isSync ? token.slice(2) : token);
		if (id === null) bad.push(token);
		else if (isSync) syncIds.push(id);
		else runIds.push(id);
	}

	if (bad.length > 0) {
		const named = bad.slice(0, NAMED_BAD_TOKENS).map(shown).join(', ');
		const more = bad.length > NAMED_BAD_TOKENS ? ` and ${bad.length - NAMED_BAD_TOKENS} more` : '';
		const what = bad.length === 1 ? 'is not a run id or s:ID' : 'are not run ids or s:ID';
		return {ok: false, error: `${named}${more} ${what}`};
	}

	return {ok: true, request: {runIds: [...new Set(runIds)], syncIds: [...new Set(syncIds)]}};
}
