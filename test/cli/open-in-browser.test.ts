import {describe, expect, it} from 'vitest';
import {openInBrowser} from '../../source/cli/open-in-browser.js';

const URL = 'http://127.0.0.1:1/syncs/1/overview';

describe('openInBrowser', () => {
	it('does not start anything without a local display', async () => {
		await expect(openInBrowser(URL, {PATH: process.env.PATH}, 'linux')).resolves.toBe(false);
		await expect(openInBrowser(URL, {PATH: process.env.PATH, DISPLAY: ':0', SSH_CONNECTION: 'a 1 b 22'}, 'linux')).resolves.toBe(false);
	});

	it('says false when the opener is not installed, so the link is shown instead', async () => {
		await expect(openInBrowser(URL, {PATH: '/nonexistent-census-watch', DISPLAY: ':0'}, 'linux')).resolves.toBe(false);
	});
});
