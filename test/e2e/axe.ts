// axe-core in the page under test: its source is evaluated in the frame (the pages' Content Security
// Policies refuse an injected <script>, a DevTools evaluation is not subject to them), then axe.run
// over the whole document. Serious and critical findings fail the test; the others are printed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  /** One entry per element: its selector and axe's summary of what to fix. */
  nodes: { target: string; summary: string }[];
}

let source: string | undefined;

/** Runs axe over `target`'s document and returns every violation, compactly. */
export async function runAxe(target: Page | Frame): Promise<AxeFinding[]> {
  source ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(source);
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    }));
  });
}

const BLOCKING = new Set(['serious', 'critical']);

function describeFindings(findings: AxeFinding[]): string {
  return findings.flatMap((f) => f.nodes.map((n) => `    [${f.impact}] ${f.rule} at ${n.target}: ${f.help}. ${n.summary}`)).join('\n');
}

/** What axe found on one page in one state (a theme), by impact. */
export interface AxeReport {
  name: string;
  findings: AxeFinding[];
}

/** Runs axe over `target` and prints its moderate and minor findings at once. */
export async function axeReport(target: Page | Frame, name: string): Promise<AxeReport> {
  const findings = await runAxe(target);
  const minor = findings.filter((f) => !BLOCKING.has(f.impact));
  console.log(`      axe, ${name}: ${findings.length - minor.length} serious or critical, ${minor.length} moderate or minor`);
  if (minor.length) console.log(describeFindings(minor));
  return { name, findings };
}

/** Fails on any serious or critical violation in any report, listing each with its rule, element and summary. */
export function assertNoSeriousViolations(reports: AxeReport[]): void {
  const blocking = reports
    .map((r) => ({ name: r.name, findings: r.findings.filter((f) => BLOCKING.has(f.impact)) }))
    .filter((r) => r.findings.length);
  assert.deepEqual(
    blocking.map((r) => r.name),
    [],
    `axe found serious or critical violations:\n${blocking.map((r) => `  ${r.name}:\n${describeFindings(r.findings)}`).join('\n')}`,
  );
}
