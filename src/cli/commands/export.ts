import type { Command } from 'commander';

/** OWNER: in progress. */
export const registerExportCommand = (_program: Command): void => {};
