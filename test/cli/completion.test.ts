import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {completionScript, flagDescriptions} from '../../source/cli/completion.js';
import {flagSpecs, parseCommandLine, UsageError} from '../../source/cli/flags.js';
import {usageText} from '../../source/cli/usage.js';

const usage = usageText('0.0.0');

/** What bash offers after typing `words` (the last one being completed). */
function bashCompletes(...words: string[]): string[] {
	const script = completionScript('bash', usage);
	const line = ['census-watch', ...words].map(word => `'${word}'`).join(' ');
	const output = execFileSync('bash', ['-c', `${script}\nCOMP_WORDS=(${line}); COMP_CWORD=${words.length}; _census_watch; printf '%s\\n' "\${COMPREPLY[@]}"`], {encoding: 'utf8'});
	return output.split('\n').filter(word => word !== '');
}

describe('census-watch completion', () => {
	it('knows every flag the parser takes, and nothing else', () => {
		const names = flagSpecs().map(spec => spec.name);
		expect(names).toContain('ignore-skipped');
		expect(names).toContain('no-color');
		// Each is accepted by the parser (a value given where one is needed).
		for (const spec of flagSpecs()) {
			if (spec.name === 'help' || spec.name === 'version' || spec.name === 'demo') continue;
			const value = spec.choices?.[0] ?? (spec.name === 'base-url' ? 'http://127.0.0.1:1/api/v1' : spec.name === 'timeout' ? '5m' : '5');
			const argv = ['1', `--${spec.name}`, ...(spec.takesValue ? [value] : []), ...(spec.name === 'json' ? [] : ['--exit-status'])];
			try {
				parseCommandLine(argv);
			} catch (error) {
				// Conflicts between flags are fine here; an unknown flag is not.
				expect(error).toBeInstanceOf(UsageError);
				expect(String(error)).not.toContain('unknown flag');
			}
		}
	});

	it('describes every flag from the --help text', () => {
		const descriptions = flagDescriptions(usage);
		for (const spec of flagSpecs()) expect(descriptions.get(spec.name), spec.name).toBeTruthy();
		expect(descriptions.get('sync')).toBe('follow a sync: its newest runs, and new runs as they start (repeatable)');
	});

	it('completes flags, their fixed values and the subcommand in bash', () => {
		expect(bashCompletes('--reg')).toEqual(['--region']);
		expect(bashCompletes('--region', '')).toEqual(['us', 'eu']);
		expect(bashCompletes('--notify', 'f')).toEqual(['failures']);
		expect(bashCompletes('--token', '')).toEqual([]);
		expect(bashCompletes('--ignore')).toEqual(['--ignore-skipped']);
		expect(bashCompletes('comp')).toEqual(['completion']);
		expect(bashCompletes('doc')).toEqual(['doctor']);
		expect(bashCompletes('completion', 'f')).toEqual(['fish']);
	});

	it('makes zsh and fish scripts from the same table', () => {
		const zsh = completionScript('zsh', usage);
		expect(zsh.startsWith('#compdef census-watch\n')).toBe(true);
		expect(zsh).toContain("'--region[Census'\\''s US (default) or EU API host]:region:(us eu)'");
		expect(zsh).toContain('compdef _census_watch census-watch');
		const fish = completionScript('fish', usage);
		expect(fish).toContain("complete -c census-watch -l notify -x -a 'failures all none'");
		expect(fish).toContain("complete -c census-watch -l help -s h -d 'show this help'");
		for (const spec of flagSpecs()) {
			expect(zsh).toContain(`'--${spec.name}[`);
			expect(fish).toContain(`-l ${spec.name} `);
		}
	});

	it('says which shells it knows, in one line', () => {
		expect(() => completionScript('tcsh', usage)).toThrow(/^completion needs a shell: bash, zsh, fish/);
		expect(() => completionScript(undefined, usage)).toThrow(UsageError);
	});
});
