import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {rememberedVersion, rememberVersion, versionMemoryPath} from '../../source/store/version-memory.js';

const freshFile = (): string => versionMemoryPath(join(mkdtempSync(join(tmpdir(), 'cw-memory-')), 'state.json'));

describe('the remembered API version', () => {
	it('lives next to state.json and keeps one answer per host', () => {
		const file = freshFile();
		expect(file.endsWith('/api-version.json')).toBe(true);
		expect(rememberedVersion(file, 'https://app.getcensus.com')).toBeNull();
		expect(rememberVersion(file, 'https://app.getcensus.com', 'v1')).toBe(true);
		expect(rememberVersion(file, 'https://app-eu.getcensus.com', 'v2')).toBe(true);
		expect(rememberVersion(file, 'https://app.getcensus.com', 'v2')).toBe(true);
		expect(rememberedVersion(file, 'https://app.getcensus.com')).toBe('v2');
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({version: 1, hosts: {'https://app-eu.getcensus.com': 'v2', 'https://app.getcensus.com': 'v2'}});
	});

	it('reads a broken or foreign file as no memory, and keeps only versions it knows', () => {
		const file = freshFile();
		writeFileSync(file, '{not json');
		expect(rememberedVersion(file, 'h')).toBeNull();
		writeFileSync(file, JSON.stringify({hosts: {h: 'v3', g: 'v1'}}));
		expect(rememberedVersion(file, 'h')).toBeNull();
		expect(rememberedVersion(file, 'g')).toBe('v1');
		expect(rememberedVersion(file, 'constructor')).toBeNull();
	});

	it('answers false instead of throwing when the directory cannot be written', () => {
		const dir = mkdtempSync(join(tmpdir(), 'cw-memory-'));
		// A file where the state directory should be: no directory can be made there, not even by root.
		writeFileSync(join(dir, 'state'), '');
		expect(rememberVersion(join(dir, 'state', 'api-version.json'), 'h', 'v2')).toBe(false);
	});
});
