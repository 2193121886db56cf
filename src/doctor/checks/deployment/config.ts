import type { Check } from '../../types.js';

/** Configuration: every setting and the policy file as this environment gives them. */
export const config: Check = {
  id: 'deployment.config',
  group: 'deployment',
  title: 'configuration is valid',
  async run(ctx) {
    if (ctx.config.problems) {
      // rejected values are quoted back with their secrets masked (config/resolve.ts)
      const problems = ctx.config.problems;
      return {
        status: 'fail',
        reason: `${problems.length} setting(s) are invalid, so proxilion serve would not start`,
        symptom: 'the gateway exits at start with exit code 64, or was started with other settings than these',
        measured: { problems: problems.join('; ') },
        fix: ['proxilion config --check', ...problems.map((p) => `# ${p}`)],
      };
    }
    const c = ctx.config.value;
    return { status: 'pass', reason: `mode ${c.mode}, thresholds ${c.thresholds.alert}/${c.thresholds.block}/${c.thresholds.terminate}, store ${c.sessionStore}${c.policyFile ? `, policy ${c.policyFile}` : ''}` };
  },
};
