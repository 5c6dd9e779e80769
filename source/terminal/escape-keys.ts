// Ink 6.8 reads ESC followed by any character as Alt+that character (and hands `ESC /` to handlers as a
// plain "/"), so Esc pressed just before another key, or both arriving in one read over SSH, never acts as
// Esc. The app binds no Alt+key, so an ESC that does not start a CSI (`ESC [`) or SS3 (`ESC O`) sequence
// is always the Esc key: it is sent on as ESC ESC, which Ink reads as Escape whatever comes after it
// (its parser pairs two ESCs before it looks further).

const LONE_ESC = /\u001B(?![[O])/g;

/** The input with every ESC that is the Esc key made unambiguous for Ink; sequences pass unchanged. */
export const separateEscapes = (text: string): string => text.replaceAll(LONE_ESC, '\u001B\u001B');
