import {describe, expect, it} from 'vitest';
import {boundedJson, CUT_DEEP, CUT_LARGE, MAX_KEPT_DEPTH, MAX_KEPT_STRING, MAX_KEPT_VALUES, sameJson} from '../../source/census/bounded-json.js';
import type {JsonObject} from '../../source/census/types.js';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

/** How many levels of arrays, counted without recursion. */
function depthOf(value: unknown): number {
	let depth = 0;
	for (let level = value; Array.isArray(level); level = level[0] as unknown) depth++;
	return depth;
}

describe('boundedJson', () => {
	it('keeps an ordinary run object as it is', () => {
		const run = JSON.parse('{"id":1,"status":"working","sync_trigger_reason":{"ui_tag":"API","ui_detail":null},"tags":[1,"a",true,null]}') as JsonObject;
		const kept = boundedJson(run);
		expect(kept).toEqual(run);
		expect(kept).not.toBe(run);
		expect(Object.keys(kept)).toEqual(Object.keys(run));
	});

	it('cuts what is nested deeper than the limit, so that JSON.stringify of it cannot overflow', () => {
		const run = {id: 1, deep: nested(100_000)} as JsonObject;
		expect(() => JSON.stringify(run)).toThrow(RangeError);
		const kept = boundedJson(run);
		expect(depthOf(kept['deep'])).toBe(MAX_KEPT_DEPTH);
		expect(JSON.stringify(kept)).toContain(CUT_DEEP);
	});

	it('keeps a bounded number of values and of characters per string', () => {
		const run = {id: 1, many: Array.from({length: MAX_KEPT_VALUES * 2}, (_, index) => index), long: 'x'.repeat(MAX_KEPT_STRING * 3)} as JsonObject;
		const text = JSON.stringify(boundedJson(run));
		expect(text.length).toBeLessThan(MAX_KEPT_VALUES * 8 + MAX_KEPT_STRING + 1000);
		expect(text).toContain(CUT_LARGE);
	});

	it('keeps an own "__proto__" key as a key', () => {
		const run = JSON.parse('{"id":1,"__proto__":{"polluted":true}}') as JsonObject;
		const kept = boundedJson(run);
		expect(Object.hasOwn(kept, '__proto__')).toBe(true);
		expect((kept as {polluted?: unknown}).polluted).toBeUndefined();
	});
});

describe('sameJson', () => {
	it('compares like JSON.stringify does for parsed JSON, key order aside', () => {
		expect(sameJson({a: [1, {b: null}], c: 'x'}, {c: 'x', a: [1, {b: null}]})).toBe(true);
		expect(sameJson({a: [1, 2]}, {a: [1, 2, 3]})).toBe(false);
		expect(sameJson({a: {}}, {a: []})).toBe(false);
		expect(sameJson({a: 1}, {b: 1})).toBe(false);
		expect(sameJson({a: null}, {a: 0})).toBe(false);
	});

	it('compares values nested far deeper than the stack would allow', () => {
		expect(sameJson(nested(200_000), nested(200_000))).toBe(true);
		expect(sameJson(nested(200_000), nested(199_999))).toBe(false);
	});
});
