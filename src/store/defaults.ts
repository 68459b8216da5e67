/** Store defaults the CLI names in its help (kept apart so `--help` loads no database driver). */
export const DEFAULT_SQLITE_PATH = './data/yusuan.sqlite';
