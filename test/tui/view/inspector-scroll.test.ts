import {describe, expect, it} from 'vitest';
import type {InspectorLine} from '../../../source/tui/view/inspector-lines.js';
import {inspectorPosition, inspectorViewRows, jumpedToMatch, scrolled, searched} from '../../../source/tui/view/inspector-scroll.js';

const lines: InspectorLine[] = Array.from({length: 30}, (_, index) => ({label: '', text: index === 12 || index === 25 ? `needle ${index}` : `line ${index}`, style: 'text'}));
const page = {lines, view: 10};
const TOP = {runId: null, offset: 0, match: null};

describe('inspector scroll', () => {
	it('leaves a title and a status line around the view when there is room', () => {
		expect([inspectorViewRows(20), inspectorViewRows(2), inspectorViewRows(1)]).toEqual([18, 1, 1]);
	});

	it('keeps the offset of the run it was scrolled on, within range; another run starts at the top', () => {
		expect(inspectorPosition({runId: 7, offset: 99, match: null}, 7, page, '')).toEqual({offset: 20, match: null});
		expect(inspectorPosition({runId: 7, offset: 15, match: null}, 8, page, '')).toEqual({offset: 0, match: null});
	});

	it('starts another run at the search\'s first match', () => {
		expect(inspectorPosition({runId: 7, offset: 15, match: null}, 8, page, 'needle')).toEqual({offset: 11, match: 12});
	});

	it('scrolls by lines and pages, to the ends, keeping the match', () => {
		const at = scrolled(TOP, 7, page, '', 'page-down');
		expect(at).toEqual({runId: 7, offset: 9, match: null});
		expect(scrolled(at, 7, page, '', 'bottom').offset).toBe(20);
		expect(scrolled({runId: 7, offset: 3, match: 12}, 7, page, 'needle', 'line-up')).toEqual({runId: 7, offset: 2, match: 12});
	});

	it('lands a new query on its first match from the view, and ]/[ wrap between matches', () => {
		const found = searched({runId: 7, offset: 14, match: null}, 7, page, 'needle');
		expect(found).toEqual({runId: 7, offset: 20, match: 25});
		expect(jumpedToMatch(found, 7, page, 'needle', 1)).toEqual({runId: 7, offset: 11, match: 12});
		expect(jumpedToMatch(found, 7, page, 'needle', -1)).toEqual({runId: 7, offset: 11, match: 12});
		expect(searched({runId: 7, offset: 4, match: null}, 7, page, 'nothing')).toEqual({runId: 7, offset: 4, match: null});
	});
});
