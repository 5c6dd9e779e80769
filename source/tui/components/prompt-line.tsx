import {Text} from 'ink';
import {sanitizeText} from '../../text/sanitize.js';
import {displayWidth, padEndToWidth, truncateToWidth} from '../../text/text.js';
import type {Message, Prompt} from '../../store/ui-store.js';

// The line above the footer that asks (a y/N question), takes typing (the add prompt) or answers the last
// key (a message). Questions and messages quote sync labels and API errors: everything shown is
// sanitised here, whatever the caller did.

const ADD_LABEL = 'add (run ids, s:ID): ';
/** Cells of typed text kept visible however long the error beside it is. */
const MIN_TEXT_ROOM = 8;

export const hasPromptLine = (prompt: Prompt | null, message: Message | null): boolean => prompt !== null || message !== null;

/** The end of `text` that fits in `width` cells: while typing, the end is what matters. */
export function tailToWidth(text: string, width: number): string {
	const characters = Array.from(text);
	let used = 0;
	let start = characters.length;
	while (start > 0) {
		const next = displayWidth(characters[start - 1] ?? '');
		if (used + next > width) break;
		used += next;
		start -= 1;
	}

	return characters.slice(start).join('');
}

function AddPrompt({text, error, width, ascii}: {text: string; error: string | null; width: number; ascii: boolean}) {
	const cursor = ascii ? '_' : '▏';
	const errorPart = error === null ? '' : `  ${ascii ? 'x' : '✗'} ${sanitizeText(error)}`;
	const textRoom = Math.max(MIN_TEXT_ROOM, width - displayWidth(ADD_LABEL) - displayWidth(cursor) - displayWidth(errorPart));
	const typed = tailToWidth(sanitizeText(text), textRoom);
	const before = truncateToWidth(`${ADD_LABEL}${typed}${cursor}`, width, ascii ? '~' : '…');
	const after = truncateToWidth(errorPart, Math.max(0, width - displayWidth(before)), ascii ? '~' : '…');
	return (
		<Text wrap="truncate">
			<Text bold>{before}</Text>
			<Text color="red">{padEndToWidth(after, width - displayWidth(before))}</Text>
		</Text>
	);
}

export function PromptLine({prompt, message, width, ascii}: {prompt: Prompt | null; message: Message | null; width: number; ascii: boolean}) {
	const line = (text: string) => padEndToWidth(truncateToWidth(sanitizeText(text), width, ascii ? '~' : '…'), width);
	if (prompt?.kind === 'add') return <AddPrompt text={prompt.text} error={prompt.error} width={width} ascii={ascii} />;
	if (prompt?.kind === 'confirm') {
		return (
			<Text bold color="yellow" wrap="truncate">
				{line(prompt.question)}
			</Text>
		);
	}

	if (message === null) return null;
	return (
		<Text color={message.level === 'error' ? 'red' : undefined} wrap="truncate">
			{line(message.text)}
		</Text>
	);
}
