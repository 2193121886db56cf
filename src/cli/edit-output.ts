import { applyEdit, planDiff, type EditPlan, type EditResult } from '../integrations/file-edit.js';

/** A line on stderr, as the settings-editing commands talk (stdout carries only a dry run's diff). */
export const say = (line: string): void => void process.stderr.write(`proxilion: ${line}\n`);

/**
 * The end the settings-editing commands share: a dry run prints the diff and writes nothing
 * (undefined); otherwise the edit is written, the backup first.
 */
export function writeOrShow(plan: EditPlan, dryRun: boolean | undefined): EditResult | undefined {
  if (dryRun) {
    process.stdout.write(planDiff(plan));
    say(`dry run: ${plan.path} would be ${plan.before === undefined ? 'created' : 'changed'} as shown; nothing was written`);
    return undefined;
  }
  return applyEdit(plan);
}

export const backupLine = (r: EditResult): string => (r.backup ? `backup of the previous file: ${r.backup}` : 'no backup: the file is new');
