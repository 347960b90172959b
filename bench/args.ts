/** The value after `--<name>` on the command line, if given (benchmarks take `--name value` options). */
export function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
