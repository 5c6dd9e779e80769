import {describe, expect, it} from 'vitest';
import {zoneLabel} from '../../source/text/time-zone.js';

const WINTER = Date.UTC(2026, 11, 6, 8, 0);
const SUMMER = Date.UTC(2026, 6, 1, 8, 0);

describe('zoneLabel', () => {
	it('says the offset from UTC of that instant, daylight saving included', () => {
		expect(zoneLabel('Europe/Paris', WINTER)).toBe('UTC+1');
		expect(zoneLabel('Europe/Paris', SUMMER)).toBe('UTC+2');
		expect(zoneLabel('America/Los_Angeles', WINTER)).toBe('UTC-8');
		expect(zoneLabel('Asia/Kolkata', WINTER)).toBe('UTC+5:30');
	});

	it('says UTC for UTC and for zones at offset zero', () => {
		expect(zoneLabel('UTC', WINTER)).toBe('UTC');
		expect(zoneLabel('Europe/London', WINTER)).toBe('UTC');
		expect(zoneLabel('Europe/London', SUMMER)).toBe('UTC+1');
	});

	it('reads an unknown zone as its name', () => {
		expect(zoneLabel('Nowhere/Special', WINTER)).toBe('Nowhere/Special');
	});
});
