// `census-watch completion bash|zsh|fish`: a completion script for the shell, made from the parser's own
// flag table (flagSpecs) and the --help text's descriptions, so that a flag added to the parser is
// completed without anyone remembering to, and one removed is not offered.
import {flagSpecs, SUBCOMMANDS, UsageError, type FlagSpec} from './flags.js';

const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

const PROGRAM = 'census-watch';

/** Each flag's description: the text beside it in the --help text, its continuation lines joined. */
export function flagDescriptions(usage: string): Map<string, string> {
	const descriptions = new Map<string, string>();
	let last: string | null = null;
	for (const line of usage.split('\n')) {
		const match = /^ {2}(?:-\w, )?--([a-z][a-z-]*)(?: [A-Z|a-z]\S*)? {2,}(\S.*)$/.exec(line);
		const continued = /^ {10,}(\S.*)$/.exec(line);
		if (match?.[1] !== undefined && match[2] !== undefined) {
			last = match[1];
			descriptions.set(last, match[2].trim());
		} else if (continued?.[1] !== undefined && last !== null) {
			descriptions.set(last, `${descriptions.get(last) ?? ''} ${continued[1].trim()}`);
		} else {
			last = null;
		}
	}

	return descriptions;
}

const words = (specs: readonly FlagSpec[]): string =>
	specs.flatMap(spec => [`--${spec.name}`, ...(spec.short === undefined ? [] : [`-${spec.short}`])]).join(' ');

function bashScript(specs: readonly FlagSpec[]): string {
	const valueCases = specs
		.filter(spec => spec.takesValue)
		.map(spec => `\t\t--${spec.name}) COMPREPLY=(${spec.choices ? `$(compgen -W "${spec.choices.join(' ')}" -- "$cur")` : ''}); return ;;`)
		.join('\n');
	return `# bash completion for ${PROGRAM}
_census_watch() {
	local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
	if [[ $COMP_CWORD -eq 2 && "\${COMP_WORDS[1]}" == completion ]]; then
		COMPREPLY=($(compgen -W "${COMPLETION_SHELLS.join(' ')}" -- "$cur"))
		return
	fi
	case "$prev" in
${valueCases}
	esac
	if [[ $COMP_CWORD -eq 1 && "$cur" != -* ]]; then
		COMPREPLY=($(compgen -W "${SUBCOMMANDS.join(' ')}" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -W "${words(specs)}" -- "$cur"))
}
complete -F _census_watch ${PROGRAM}
`;
}

const zshQuote = (text: string): string => text.replaceAll('\\', '\\\\').replaceAll("'", "'\\''").replaceAll('[', '\\[').replaceAll(']', '\\]').replaceAll(':', '\\:');

function zshScript(specs: readonly FlagSpec[], descriptions: ReadonlyMap<string, string>): string {
	const argument = (spec: FlagSpec, flag: string): string => {
		const description = zshQuote(descriptions.get(spec.name) ?? '');
		if (!spec.takesValue) return `'${flag}[${description}]'`;
		const action = spec.choices ? `(${spec.choices.join(' ')})` : ' ';
		return `'${flag}[${description}]:${zshQuote(spec.name)}:${action}'`;
	};

	const lines = specs.flatMap(spec => [argument(spec, `--${spec.name}`), ...(spec.short === undefined ? [] : [argument(spec, `-${spec.short}`)])]);
	return `#compdef ${PROGRAM}
# zsh completion for ${PROGRAM}
_census_watch() {
	if (( CURRENT == 3 )) && [[ \${words[2]} == completion ]]; then
		_values shell ${COMPLETION_SHELLS.join(' ')}
		return
	fi
	_arguments -s \\
		${lines.join(' \\\n\t\t')} \\
		'1:: :(${SUBCOMMANDS.join(' ')})' \\
		'*:: :'
}
compdef _census_watch ${PROGRAM}
`;
}

const fishQuote = (text: string): string => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function fishScript(specs: readonly FlagSpec[], descriptions: ReadonlyMap<string, string>): string {
	const lines = specs.map(spec => {
		const parts = [`complete -c ${PROGRAM} -l ${spec.name}`];
		if (spec.short !== undefined) parts.push(`-s ${spec.short}`);
		if (spec.takesValue) parts.push(spec.choices ? `-x -a ${fishQuote(spec.choices.join(' '))}` : '-r');
		const description = descriptions.get(spec.name);
		if (description !== undefined) parts.push(`-d ${fishQuote(description)}`);
		return parts.join(' ');
	});
	return `# fish completion for ${PROGRAM}
complete -c ${PROGRAM} -f
complete -c ${PROGRAM} -n __fish_use_subcommand -a ${fishQuote(SUBCOMMANDS.join(' '))}
complete -c ${PROGRAM} -n '__fish_seen_subcommand_from completion' -a ${fishQuote(COMPLETION_SHELLS.join(' '))}
${lines.join('\n')}
`;
}

/** The script for `shell`; a UsageError for a shell it does not know. */
export function completionScript(shell: string | undefined, usage: string): string {
	if (!COMPLETION_SHELLS.includes(shell as CompletionShell)) {
		throw new UsageError(`completion needs a shell: ${COMPLETION_SHELLS.join(', ')} (e.g. census-watch completion bash)`);
	}

	const specs = flagSpecs();
	const descriptions = flagDescriptions(usage);
	if (shell === 'bash') return bashScript(specs);
	return shell === 'zsh' ? zshScript(specs, descriptions) : fishScript(specs, descriptions);
}
