import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs every `bench/*.bench.ts` module. Contract for a bench module: export `run()` returning
 * (or resolving to) an array of flat rows; each module's rows are printed as one table.
 * `npm run bench -- format` runs only the modules whose file name contains `format`.
 */

type Row = Record<string, unknown>;

function formatTable(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((c) => (row[c] === undefined ? '' : String(row[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]): string =>
    `| ${values.map((v, i) => (typeof rows[0]?.[columns[i]] === 'number' ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ')} |`;
  return [line(columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
    .sort();
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(__dirname, file)).href)) as { run?: () => Row[] | Promise<Row[]> };
    if (typeof mod.run !== 'function') {
      console.error(`${file}: no exported run(); skipped`);
      process.exitCode = 1;
      continue;
    }
    const started = Date.now();
    const rows = await mod.run();
    console.log(`\n## ${file} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    console.log(formatTable(rows));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
