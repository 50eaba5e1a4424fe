// The `syslet` command: dispatches by the command table (commands.ts). The
// entry of the bundle that bin.mjs runs; the tests call main() in-process.
import { parseArgs, UsageError } from './args.ts';
import { Output, type Io } from './io.ts';
import { COMMANDS, HELP_FLAG, commandHelp, findCommand, mainHelp, subcommands, type Command } from './commands.ts';

export { nodeIo } from './node-io.ts';

/** `--help` or `-h` before any `--`. */
function asksHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The command that argv names, and the arguments after its name. */
function resolve(argv: readonly string[]): { command: Command; rest: readonly string[] } | { group: string; rest: readonly string[] } {
  const word = argv[0];
  const direct = findCommand(word);
  if (direct) return { command: direct, rest: argv.slice(1) };
  const subs = subcommands(word);
  if (!subs.length) {
    const names = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]))];
    throw new UsageError(`unknown command \`${word}\` (${[...names, 'help'].join(', ')})`);
  }
  const sub = argv[1];
  const command = sub !== undefined ? findCommand(`${word} ${sub}`) : undefined;
  if (command) return { command, rest: argv.slice(2) };
  return { group: word, rest: argv.slice(1) };
}

function groupError(group: string, sub: string | undefined): UsageError {
  const kinds = subcommands(group).map((c) => c.name.split(' ')[1]);
  return new UsageError(sub === undefined || sub.startsWith('-') ? `${group} what? (${kinds.join(', ')})` : `unknown ${group} \`${sub}\` (${kinds.join(', ')})`);
}

async function dispatch(argv: readonly string[], io: Io, out: Output, setName: (n: string) => void): Promise<number> {
  if (argv.length === 0) {
    out.err(mainHelp());
    return 2;
  }
  const first = argv[0];
  if (first === '--help' || first === '-h') {
    out.out(mainHelp());
    return 0;
  }
  if (first === '--version' || first === '-V') {
    out.out(`syslet ${io.version}\n`);
    return 0;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (a command comes first: syslet COMMAND …)`);
  if (first === 'help') {
    const topic = argv.slice(1);
    if (!topic.length) {
      out.out(mainHelp());
      return 0;
    }
    setName('help');
    const r = resolve(topic);
    if ('group' in r) {
      if (r.rest.length) throw groupError(r.group, r.rest[0]);
      out.out(subcommands(r.group).map(commandHelp).join('\n'));
      return 0;
    }
    out.out(commandHelp(r.command));
    return 0;
  }
  const r = resolve(argv);
  if ('group' in r) {
    setName(r.group);
    if (asksHelp(r.rest)) {
      out.out(subcommands(r.group).map(commandHelp).join('\n'));
      return 0;
    }
    throw groupError(r.group, r.rest[0]);
  }
  setName(r.command.name);
  if (asksHelp(r.rest)) {
    out.out(commandHelp(r.command));
    return 0;
  }
  const parsed = parseArgs(r.rest, [...r.command.flags, HELP_FLAG]);
  return r.command.run(parsed, { io, out });
}

/** Runs `syslet ARGV…`; returns the exit status. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const out = new Output(io);
  let name = '';
  try {
    return await dispatch(argv, io, out, (n) => (name = n));
  } catch (e) {
    const prog = name ? `syslet ${name}` : 'syslet';
    if (e instanceof UsageError) {
      out.err(`${prog}: ${e.message}\nTry 'syslet help${name && name !== 'help' ? ` ${name}` : ''}'.\n`);
      return 2;
    }
    out.err(`${prog}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  } finally {
    out.flush();
  }
}
