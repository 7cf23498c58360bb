import type { Command, Option } from 'commander';

/** Where a line of the list wraps, and how far its continuation is indented under the command. */
const WIDTH = 100;

/** `--out <file>` for an option, `[--out <file>]` when it may be left out. */
function optionTerm(option: Option): string {
  // An option with a fixed set of values names them (`--role clerk|auditor`).
  const value = option.argChoices ? option.argChoices.join('|') : /[<[].*[>\]]/.exec(option.flags)?.[0];
  const term = `${option.long ?? option.short}${value ? ` ${value}` : ''}`;
  return option.mandatory ? term : `[${term}]`;
}

/** The command's path, its arguments, the options it requires, then those it may take. */
function termsOf(command: Command, path: string): { head: string; rest: string[] } {
  const args = command.registeredArguments.map((a) =>
    a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`,
  );
  const options = command.options.filter((o) => !o.hidden);
  return {
    head: path,
    rest: [
      ...args,
      ...options.filter((o) => o.mandatory).map(optionTerm),
      ...options.filter((o) => !o.mandatory).map(optionTerm),
    ],
  };
}

function wrapped({ head, rest }: { head: string; rest: string[] }): string {
  const lines = [`  ${head}`];
  const indent = ' '.repeat(head.indexOf(' ') + 3);
  for (const term of rest) {
    const last = lines.length - 1;
    if (lines[last].length + 1 + term.length > WIDTH) lines.push(`${indent}${term}`);
    else lines[last] += ` ${term}`;
  }
  return lines.join('\n');
}

/**
 * "Commands in full" for --help, drawn from the commands as registered: a list written by hand
 * drifted from them (it left out `keys list`, `keys revoke`, `backup` and `restore`).
 */
export function commandsInFull(program: Command): string {
  const leaves = (command: Command, path: string): string[] =>
    command.commands.length === 0
      ? [wrapped(termsOf(command, path))]
      : command.commands.filter((c) => c.name() !== 'help').flatMap((c) => leaves(c, `${path} ${c.name()}`));
  return leaves(program, program.name()).join('\n');
}
