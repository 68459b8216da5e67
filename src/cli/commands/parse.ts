import type { Command } from 'commander';

/** OWNER: in progress. */
export const registerParseCommand = (_program: Command): void => {};
