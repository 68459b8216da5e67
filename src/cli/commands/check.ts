import type { Command } from 'commander';

/** OWNER: in progress. */
export const registerCheckCommand = (_program: Command): void => {};
