import {vi} from 'vitest';

/** Waits for an expectation to hold; generous, since other suites may be loading the machine. */
export const eventually = async (check: () => void): Promise<void> => vi.waitFor(check, {timeout: 8000, interval: 20});
