/** A sub-command of the `guichet` CLI. `run` returns the process exit code. */
export interface Command {
  name: string;
  /** One line shown by `guichet --help`. */
  summary: string;
  /** Full text shown by `guichet NAME --help`. */
  help: string;
  run(args: string[]): Promise<number>;
}

/** Reads a whole input file, or standard input when the path is `-`. */
export async function readInput(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Thrown for wrong usage or invalid input: printed without a stack trace, exit code 1. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
