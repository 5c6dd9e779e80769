import type {JsonObject} from './types.js';

// What is kept of an answer's object is bounded in depth and size: the API's objects are a few levels
// deep and a few KB, and a value nested thousands of levels deep overflows the stack of anything that
// walks it recursively (JSON.stringify for --json, a comparison), crashing the app on every answer and
// on every restart. Both functions here walk with an explicit stack, never by recursion.

/** Levels below the object itself; deeper values are replaced by CUT_DEEP. */
export const MAX_KEPT_DEPTH = 32;
/** Values (objects, arrays, scalars) kept in all; the rest are left out with a CUT_LARGE in their place. */
export const MAX_KEPT_VALUES = 20_000;
/** Characters kept of one string. */
export const MAX_KEPT_STRING = 64 * 1024;

export const CUT_DEEP = '[census-watch: nested too deep, left out]';
export const CUT_LARGE = '[census-watch: too large, left out]';

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
type Container = Json[] | {[key: string]: Json};

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

function scalar(value: unknown): Json {
	if (typeof value === 'string') return value.length > MAX_KEPT_STRING ? `${value.slice(0, MAX_KEPT_STRING)}${CUT_LARGE}` : value;
	if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
	return null;
}

/** A copy of `object` (parsed JSON) within the bounds above; the original is not changed. */
export function boundedJson(object: JsonObject): JsonObject {
	const root: {[key: string]: Json} = {};
	const pending: Array<{from: Container; to: Container; depth: number}> = [{from: object as Container, to: root, depth: 0}];
	let values = 1;
	for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
		const {from, to, depth} = item;
		const keys = Array.isArray(from) ? null : Object.keys(from);
		const count = keys === null ? (from as Json[]).length : keys.length;
		for (let index = 0; index < count; index++) {
			const key = keys === null ? index : (keys[index] as string);
			const value = (from as Record<string | number, unknown>)[key];
			values++;
			let copy: Json;
			if (values > MAX_KEPT_VALUES) copy = CUT_LARGE;
			else if (!isContainer(value)) copy = scalar(value);
			else if (depth + 1 > MAX_KEPT_DEPTH) copy = CUT_DEEP;
			else {
				copy = Array.isArray(value) ? [] : {};
				pending.push({from: value, to: copy, depth: depth + 1});
			}

			// defineProperty: an own "__proto__" key (JSON.parse makes one) stays a key, not a prototype.
			if (Array.isArray(to)) to.push(copy);
			else Object.defineProperty(to, key, {value: copy, enumerable: true, writable: true, configurable: true});
			if (values > MAX_KEPT_VALUES) break;
		}
	}

	return root as JsonObject;
}

/** Deep equality of two parsed JSON values, without recursion. */
export function sameJson(a: unknown, b: unknown): boolean {
	const pending: Array<[unknown, unknown]> = [[a, b]];
	for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
		const [left, right] = pair;
		if (left === right) continue;
		if (!isContainer(left) || !isContainer(right) || Array.isArray(left) !== Array.isArray(right)) return false;
		const leftKeys = Object.keys(left);
		const rightObject = right as Record<string, unknown>;
		if (leftKeys.length !== Object.keys(right).length) return false;
		for (const key of leftKeys) {
			if (!Object.hasOwn(right, key)) return false;
			pending.push([(left as Record<string, unknown>)[key], rightObject[key]]);
		}
	}

	return true;
}
