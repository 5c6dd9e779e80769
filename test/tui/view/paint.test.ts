import {describe, expect, it} from 'vitest';
import chalk from 'chalk';
import {paint, paintLine} from '../../../source/tui/view/paint.js';
import {displayWidth} from '../../../source/text/text.js';

const strip = (text: string): string => text.replaceAll(/\u001B\[[\d;]*m/g, '');

describe('paint', () => {
	it('leaves text alone without a style, and empty text always', () => {
		expect(paint('abc')).toBe('abc');
		expect(paint('', {color: 'red', bold: true})).toBe('');
	});

	it('applies colour and weights as chalk does when colour is on', () => {
		const level = chalk.level;
		chalk.level = 1;
		try {
			expect(paint('ok', {color: 'green', bold: true})).toBe(chalk.green.bold('ok'));
			expect(paint('ok', {dim: true, inverse: true})).toBe(chalk.dim.inverse('ok'));
		} finally {
			chalk.level = level;
		}
	});
});

describe('paintLine', () => {
	const withColour = <T>(run: () => T): T => {
		const level = chalk.level;
		chalk.level = 1;
		try {
			return run();
		} finally {
			chalk.level = level;
		}
	};

	it('joins the segments and pads the line to the width', () => {
		const {line, cyan} = withColour(() => ({line: paintLine([['› ', {bold: true}], ['working', {color: 'cyan'}], [' 42']], 20), cyan: chalk.cyan('working')}));
		expect(strip(line)).toBe('› working 42'.padEnd(20));
		expect(line).toContain(cyan);
	});

	it('cuts at the width between clusters, whatever the segments hold', () => {
		const line = paintLine([['ab'], ['漢字漢字', {color: 'red'}], ['tail']], 7);
		expect(strip(line)).toBe('ab漢字 ');
		expect(displayWidth(strip(line))).toBe(7);
	});

	it('drops what comes after the width and is exactly the width for any input', () => {
		for (const width of [0, 1, 5, 13, 40]) {
			const line = paintLine([['é́ composé'], [' 👩‍👩‍👧 family', {dim: true}], [' end', {inverse: true}]], width);
			expect(displayWidth(strip(line))).toBe(width);
		}
	});
});
