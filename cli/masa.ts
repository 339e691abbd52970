import { Command, CommanderError } from 'commander';
import { configCheck } from './commands/config-check';
import { calendarAddWorkingDays, calendarWorkingDays } from './commands/calendar';
import { dbMigrate } from './commands/db-migrate';
import { reportActions, type ReportActionsOptions } from './commands/report-actions';
import { retentionDue, type RetentionDueOptions } from './commands/retention-due';

export function buildProgram(out: (line: string) => void): Command {
  const program = new Command('masa')
    .description(
      'masa-bot administration: partnership files, working-day calendar, database, reports and retention',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => process.stderr.write(s) });

  const config = program.command('config').description('partnership files');
  config
    .command('check <file>')
    .description('validate a partnership file (a path, or a preset name such as wakefield)')
    .action((file: string) => configCheck(file, out));

  const calendar = program.command('calendar').description('the working-day calendar');
  calendar
    .command('working-days <from> <to>')
    .description('every working day from <from> to <to> inclusive, one ISO date a line')
    .option('--partnership <file>', 'partnership file or preset name (default: wakefield)')
    .action((from: string, to: string, opts: { partnership?: string }) =>
      calendarWorkingDays(from, to, opts, out),
    );
  calendar
    .command('add-working-days <date> <n>')
    .description('the date <n> working days after <date>')
    .option('--partnership <file>', 'partnership file or preset name (default: wakefield)')
    .action((date: string, n: string, opts: { partnership?: string }) =>
      calendarAddWorkingDays(date, n, opts, out),
    );

  program
    .command('db')
    .description('the database')
    .command('migrate')
    .description('apply migrations to DATABASE_URL, or to the embedded database under .data/')
    .action(() => dbMigrate(out));

  program
    .command('report')
    .description('reports from the database')
    .command('actions')
    .description('actions by subgroup, escalations by level, recommendations by subgroup and stage')
    .requiredOption('--partnership <file>', 'partnership file or preset name')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--table <table>', 'csv only: summary (counts) or actions (one row per action)', 'summary')
    .option('--as-of <date>', 'count overdue days as of this local date (default: today)')
    .action((opts: ReportActionsOptions) => reportActions(opts, out));

  program
    .command('retention')
    .description('the retention of case records')
    .command('due')
    .description(
      'Rapid Reviews the retention job will erase within --within days (case references and dates)',
    )
    .requiredOption('--partnership <file>', 'partnership file or preset name')
    .option('--within <days>', 'days ahead to look', '30')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--as-of <date>', 'look from this local date (default: today)')
    .action((opts: RetentionDueOptions) => retentionDue(opts, out));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram((line) => process.stdout.write(`${line}\n`));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    process.stderr.write(`masa: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
