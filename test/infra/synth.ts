import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CultureBridgeStack } from '../../infra/lib/culturebridge-stack.js';

export interface Synthesised {
  app: App;
  stack: CultureBridgeStack;
  outdir: string;
}

export interface SynthOptions {
  bundle?: boolean;
  stage?: string;
  /** Context `appBaseUrl`; the distribution's own URL when absent. */
  appBaseUrl?: string;
  /** Context `partnerAccounts`. */
  partnerAccounts?: string[];
}

/** Builds the stack as bin/app.ts does; bundling is skipped unless the test asks for it. */
export function synthStack({ bundle = false, stage = 'dev', appBaseUrl, partnerAccounts }: SynthOptions = {}): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-'));
  const app = new App({ outdir, context: bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stack = new CultureBridgeStack(app, `CultureBridge-${stage}`, { stage, allowedOrigins: ['https://app.example.org'], appBaseUrl, partnerAccounts });
  return { app, stack, outdir };
}

export interface NagViolation {
  ruleName: string;
  constructPath: string;
}

/** Runs the AwsSolutions pack over the app's stacks and returns what it found (empty when clean). */
export function nagViolations(app: App): NagViolation[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const outdir = app.outdir;
  try {
    app.synth();
  } catch {
    // Validation failures make synth throw; the report says which rules failed.
  }
  const reportPath = join(outdir, 'validation-report.json');
  if (!existsSync(reportPath)) return [];
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
    pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
  };
  return report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) => v.violatingConstructs.map((c) => ({ ruleName: v.ruleName, constructPath: c.constructPath }))),
  );
}
