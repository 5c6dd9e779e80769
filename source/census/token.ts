import {assertSafeTransport} from './base-url.js';
import {CensusError} from './errors.js';

// The API token: checked before it is sent anywhere, and kept out of any text the server sends back.

// Header values cannot hold these; fetch would reject the token with a message that quotes it.
const UNSENDABLE_TOKEN = /[\p{Cc}]/u;

/** Throws unless the token can go to this root (https, or a local address) in a header. */
export function assertSendableToken(token: string, baseUrl: string): void {
	if (token === '') return;
	assertSafeTransport(baseUrl);
	if (UNSENDABLE_TOKEN.test(token)) {
		throw new CensusError('client', 'the API token contains line breaks or control characters; copy it again');
	}
}

/** Replaces the token (and its secret part after a `secret-token:`-style prefix) in text from the server. */
export function tokenRedactor(token: string): (text: string) => string {
	const colon = token.indexOf(':');
	const secrets = [token, colon === -1 ? '' : token.slice(colon + 1)].filter(secret => secret.length >= (secret === token ? 1 : 8));
	return text => secrets.reduce((result, secret) => (result.includes(secret) ? result.replaceAll(secret, '[redacted]') : result), text);
}
