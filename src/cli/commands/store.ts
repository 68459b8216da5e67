import type { Command } from 'commander';

/** `import`, `serve`: OWNER: store/server (in progress). */
export const registerStoreCommands = (_program: Command): void => {};
