import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * node:util's parseArgs for the operator's commands. parseArgs throws on an option it does not
 * know, a missing value or a value that looks like an option (`--reminder-days -3`), which left the
 * operator a Node stack trace; this prints the mistake on one line, then the command's usage, and
 * exits with 2, as the commands do for a wrong subcommand.
 */
export function parseOptions<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (!code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    // Node's message is several lines (what is wrong, then how to write it); the operator gets one.
    console.error(message.split('\n').map((line) => line.trim()).filter(Boolean).join(' '));
    console.error(usage);
    process.exit(2);
  }
}
