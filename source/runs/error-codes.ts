import {sanitizeText} from '../text/sanitize.js';
import {truncateToWidth} from '../text/text.js';

// Census catalogues no error codes. Its reference documents one, JSON_ARRAY_ERROR, in the example of a run
// that completed with one rejected record. For a few codes whose names say plainly what went wrong the
// inspector gives a hedged reading of the name, and says that it is one; for every other code it says
// that nothing is documented rather than guess.

export type ErrorCodeSource = 'documented' | 'inferred' | 'none';

export type ErrorCodeExplanation = {
	/** Census documents this code. */
	known: boolean;
	/** Where the explanation comes from: Census's reference, the code's name, or nowhere. */
	source: ErrorCodeSource;
	title: string;
	explanation: string;
};

const UNDOCUMENTED = 'Census does not document this code; from its name, ';

type Inference = {
	/** Matched against the code's words (split at _ - . and spaces, lower case). */
	matches: (words: ReadonlySet<string>, joined: string) => boolean;
	title: string;
	reading: string;
};

const has = (words: ReadonlySet<string>, ...candidates: string[]): boolean => candidates.some(word => words.has(word));

// Ordered: the first match wins, so the narrower readings come before the broader ones.
const INFERENCES: readonly Inference[] = [
	{
		matches: (words, joined) => (has(words, 'rate') && has(words, 'limit', 'limited', 'limits')) || has(words, 'throttled', 'throttling') || joined.includes('too_many_requests'),
		title: 'Rate limited (inferred)',
		reading:
			'a service (probably the destination) refused requests because too many were sent too quickly. Such errors often pass on their own; if they recur, the sync may need a lower request rate or a different schedule.',
	},
	{
		matches: words => has(words, 'timeout', 'timedout') || (has(words, 'timed') && has(words, 'out')),
		title: 'Timed out (inferred)',
		reading:
			'an operation (a warehouse query, or a call to the destination) took longer than allowed. A slow or busy warehouse, or a large model, are common causes; the message and detail may say which side timed out.',
	},
	{
		matches: words =>
			has(words, 'credential', 'credentials', 'unauthorized', 'unauthorised', 'unauthenticated', 'authentication') ||
			((has(words, 'auth', 'token', 'password', 'apikey') || (has(words, 'api') && has(words, 'key'))) &&
				has(words, 'invalid', 'expired', 'revoked', 'failed', 'error')),
		title: 'Credentials rejected (inferred)',
		reading:
			'a connection (the source or the destination) was refused because its credentials were wrong, expired or revoked. Check the connection named in the message under Sources or Destinations in the Census web app.',
	},
	{
		matches: words =>
			has(words, 'permission', 'permissions', 'forbidden', 'privilege', 'privileges') ||
			(has(words, 'access') && has(words, 'denied', 'insufficient')),
		title: 'Permission denied (inferred)',
		reading:
			'the account Census uses could connect but was not allowed to do something (read a table, write an object or field). Check that account\'s grants in the warehouse or the destination.',
	},
	{
		// "MISSING_REQUIRED_FIELD" is about a missing value, not a missing field, hence the 'required' guard.
		matches: words =>
			has(words, 'field', 'fields', 'column', 'columns', 'property', 'attribute') &&
			!has(words, 'required') &&
			(has(words, 'missing', 'unknown') || (has(words, 'not') && has(words, 'found', 'exist', 'exists'))),
		title: 'Field not found (inferred)',
		reading:
			'a mapped field or column no longer exists on one side, perhaps renamed or removed in the model or the destination. Compare the sync\'s mappings with the source and destination.',
	},
	{
		matches: words => has(words, 'object', 'table', 'model', 'relation', 'schema') && (has(words, 'missing') || (has(words, 'not') && has(words, 'found', 'exist', 'exists'))),
		title: 'Object not found (inferred)',
		reading:
			'the table, model or destination object the sync uses could not be found, perhaps renamed, dropped, or not visible to the account Census uses.',
	},
	{
		matches: words => has(words, 'connection', 'connect', 'network', 'unreachable') && has(words, 'failed', 'failure', 'error', 'refused', 'lost', 'reset', 'unreachable'),
		title: 'Connection failed (inferred)',
		reading:
			'Census could not reach the warehouse or the destination, or lost the connection. This may be a passing network fault, or a host, firewall or IP allow-list setting.',
	},
];

const TITLE_WIDTH = 40;

/** What an error_code means, as far as anyone can say; matched ignoring case and surrounding whitespace. */
export function explainErrorCode(code: string | null | undefined): ErrorCodeExplanation {
	const trimmed = typeof code === 'string' ? code.trim() : '';
	if (trimmed === '') {
		return {known: false, source: 'none', title: 'No error code', explanation: 'Census gave no error code for this run.'};
	}

	const joined = trimmed.toLowerCase().replaceAll(/[\s.-]+/g, '_');
	if (joined === 'json_array_error') {
		return {
			known: true,
			source: 'documented',
			title: 'JSON array error',
			explanation:
				'A field mapped to a JSON array field in the destination does not hold a valid JSON array for some records. Census rejects those records (the run can still complete, with rejected records). The detail usually names the field and the offending value; make the source column produce a JSON array, such as ["a", "b"].',
		};
	}

	const words = new Set(joined.split('_').filter(word => word !== ''));
	for (const inference of INFERENCES) {
		if (inference.matches(words, joined)) {
			return {known: false, source: 'inferred', title: inference.title, explanation: UNDOCUMENTED + inference.reading};
		}
	}

	return {
		known: false,
		source: 'none',
		title: truncateToWidth(sanitizeText(trimmed), TITLE_WIDTH),
		explanation: 'Census documents nothing about this code. The message and detail below are all it said.',
	};
}
