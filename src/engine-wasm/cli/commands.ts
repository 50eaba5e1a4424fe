// The command table of `syslet`: each command's name (a sub-command is two
// words, as `export trace`), operands, flags, help and function. main.ts
// dispatches by it and builds every help text from it, so a command added
// here is documented and parsed with no other change.
import type { FlagSpec, Parsed } from './args.ts';
import { OPTION_FLAGS, type Ctx } from './common.ts';
import { runCommand } from './cmd-run.ts';
import { checkCommand } from './cmd-check.ts';
import { exportCCommand, exportTraceCommand } from './cmd-export.ts';
import { TRACE_FORMATS } from './trace-formats.ts';
import { PROGRAM_KINDS } from './program.ts';
import { NUMBER_OPS, NUMBER_SUBJECTS, TEXT_OPS, TEXT_SUBJECTS } from './expect.ts';

export interface Command {
  readonly name: string;
  /** The operands in the usage line. */
  readonly operands: string;
  readonly summary: string;
  readonly flags: readonly FlagSpec[];
  /** Paragraphs after the options in `syslet help NAME`. */
  readonly more: readonly string[];
  run(p: Parsed, ctx: Ctx): Promise<number>;
}

export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', help: 'print this help and exit' };
export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', value: 'OUT', help: 'write to the file OUT instead of standard output' };

const FILE_TEXT = `FILE is ${PROGRAM_KINDS.map((k) => `${k.what} (${k.ext})`).join(', ')}, or - to read a syslet program from standard input.`;

export const EXIT_TEXT = [
  'Exit status:',
  '  0  the program ran to its end and its asserts held (check: every check held)',
  '  1  an assert failed or the run stopped with an error (check: a check failed)',
  '  2  the program (or the expectations file) has errors, shown as FILE:LINE:COL: error: MESSAGE;',
  '     or a usage error: an unknown command or option, a missing or unreadable file',
];

export const COMMANDS: readonly Command[] = [
  {
    name: 'run',
    operands: 'FILE',
    summary: 'run a program: its console on standard output, the trace if asked',
    flags: [
      { name: 'trace', help: 'also print the kernel trace, one line per record, on standard error (as strace does), in step with the console' },
      { name: 'json', help: 'print one JSON object instead: console, exit status, error, counters, options (and the trace with --trace)' },
      ...OPTION_FLAGS,
    ],
    more: [
      `Runs FILE with the playground's kernel and driver interpreter, as the page's Run does. ${FILE_TEXT} What the program writes to fd 2 goes to standard error, the rest of its console to standard output. Errors and warnings in the program, and the error a run stops with, go to standard error as FILE:LINE:COL: error: MESSAGE.`,
    ],
    run: runCommand,
  },
  {
    name: 'check',
    operands: 'FILE',
    summary: "check a program's asserts and an expectations file (for autograders)",
    flags: [{ name: 'expect', value: 'EXPECT', help: 'an expectations file: one check per line (below)' }, ...OPTION_FLAGS],
    more: [
      `Runs FILE and prints one line per check, "ok" or "FAIL" with what the run gave, then a summary. The first check is that the program ran to its end with its asserts holding, unless EXPECT has an \`exit\` check. ${FILE_TEXT}`,
      [
        'EXPECT holds one check per line, SUBJECT OP VALUE, and # comments; strings, numbers and',
        'constants are written as in a program:',
        `  text subjects:   ${TEXT_SUBJECTS.join(' ')}  with  ${TEXT_OPS.join(' ')}  "a string"`,
        `  number subjects: ${NUMBER_SUBJECTS.join(' ')}, var NAME  with  ${NUMBER_OPS.join(' ')}  a number`,
        '  exit == 0                      console contains "reaped 4 completions"',
        '  lost == 0                      clock < 30ms',
        '  var nread > 0                  var fd == -ENOENT',
        'The full format is in docs/cli.md.',
      ].join('\n'),
    ],
    run: checkCommand,
  },
  {
    name: 'export trace',
    operands: 'FILE',
    summary: 'the kernel trace of a run, to standard output or OUT',
    flags: [
      OUTPUT_FLAG,
      { name: 'format', value: 'FORMAT', help: `the trace's form: ${TRACE_FORMATS.map((f) => `${f.name} (${f.summary})`).join('; ')}; default text` },
      ...OPTION_FLAGS,
    ],
    more: [
      `Runs FILE and writes its whole kernel trace. The console is not printed (the trace shows every write). If the run stops with an error, the trace up to it is written, the error goes to standard error and the exit status is 1. ${FILE_TEXT}`,
    ],
    run: exportTraceCommand,
  },
  {
    name: 'export c',
    operands: 'FILE',
    summary: 'the program as one C file against syslet.h, to standard output or OUT',
    flags: [OUTPUT_FLAG, { name: 'header', help: 'write syslet.h, the header the C file includes, instead (no FILE)' }],
    more: [
      'Exports FILE (a syslet program, or - for one on standard input) to C against the 2007 user ABI: the atoms set up with init_atom, the ring head and ring, and the driver translated. Compiled for wasm32 and run on the same kernel (syslet run FILE.c), it makes the same system calls with the same results and writes the same console. The C side is described in docs/c.md.',
    ],
    run: exportCCommand,
  },
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The commands under a first word (`export` -> `export trace`, …). */
export function subcommands(word: string): Command[] {
  return COMMANDS.filter((c) => c.name.startsWith(word + ' '));
}

const WIDTH = 100;
const FLAG_COLUMN = 28;

/** Words joined into lines of at most `width` characters; every line after the first is indented by `indent` more. */
export function wrap(text: string, width = WIDTH, indent = 0): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join('\n' + ' '.repeat(indent));
}

function flagUsage(f: FlagSpec): string {
  const s = `[${f.short ? `-${f.short}` : `--${f.name}`}${f.value ? ` ${f.value}` : ''}]`;
  return f.repeat ? `${s}...` : s;
}

function flagLine(f: FlagSpec): string {
  const names = `  ${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.value ? ` ${f.value}` : ''}`;
  const lead = names.length < FLAG_COLUMN ? names.padEnd(FLAG_COLUMN) : `${names}\n${' '.repeat(FLAG_COLUMN)}`;
  return lead + wrap(f.help, WIDTH - FLAG_COLUMN, FLAG_COLUMN);
}

export function usageLine(c: Command): string {
  return `Usage: syslet ${c.name} ${c.operands} ${c.flags.map(flagUsage).join(' ')}`;
}

export function commandHelp(c: Command): string {
  return [usageLine(c), `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`, '', 'Options:', ...[...c.flags, HELP_FLAG].map(flagLine), '', ...c.more.flatMap((m) => [m.includes('\n') ? m : wrap(m), '']), ...EXIT_TEXT, ''].join('\n');
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.operands}`.length), 'help [COMMAND]'.length) + 2;
  return [
    'Usage: syslet COMMAND [ARGUMENTS]',
    "Runs syslet programs with the Syslet Playground's kernel (the same wasm and driver interpreter as the page).",
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${`${c.name} ${c.operands}`.padEnd(width)}${c.summary}`),
    `  ${'help [COMMAND]'.padEnd(width)}this help, or a command's`,
    '',
    'Options:',
    '  -h, --help     print this help and exit',
    '  -V, --version  print the version and exit',
    '',
    ...EXIT_TEXT,
    '',
    "Run 'syslet help COMMAND' for a command's options; the full reference is docs/cli.md.",
    '',
  ].join('\n');
}
