import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { organisations } from '../../../db/schema/index.ts';
import { translator } from '../../../web/i18n.ts';
import { harvestNow } from '../harvest/run.ts';
import { registerSource } from './register-source.ts';

/** `hack365 harvest`: registers the source if need be, harvests it now, and tells what happened in words. */
export async function harvestFromCommandLine(ctx: Ctx, target: string, opts: { organisation?: string; ckan?: boolean }) {
  let organisationId: string | null = null;
  if (opts.organisation) {
    const [org] = await ctx.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, opts.organisation));
    if (!org) throw new Error(`No organisation with the address name "${opts.organisation}"`);
    organisationId = org.id;
  }
  const isFile = !/^https?:\/\//i.test(target);
  if (isFile && !fs.existsSync(target)) throw new Error(`No such file: ${target}`);
  const url = isFile ? pathToFileURL(path.resolve(target)).href : target;
  const source = await registerSource(ctx, null, {
    title: path.basename(target),
    url,
    kind: opts.ckan ? 'ckan' : 'dcat',
    schedule: isFile ? 'manual' : 'nightly',
    organisationId,
  });
  const started = Date.now();
  const result = await harvestNow(ctx, source, { allowFiles: isFile });
  const t = translator('en');
  const lines = [`Harvest of ${target}: ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`];
  if (result.status === 'succeeded') {
    const c = result.counts;
    lines.push(
      `  ${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.withdrawn} withdrawn (${result.format}, ${(result.bytes / 1024).toFixed(0)} KiB)`,
    );
    if (result.validation) {
      const v = result.validation;
      const checked = v.groups.filter((g) => !g.unchecked);
      lines.push(
        v.conforms
          ? '  DCAT-AP-SE 3.0.1: no violations'
          : `  DCAT-AP-SE 3.0.1: ${checked.reduce((n, g) => n + g.count, 0)} violations of ${checked.length} rules${v.partial ? ' (first part of the catalog)' : ''}`,
      );
      for (const g of v.groups)
        lines.push(
          `    ${g.count} × ${g.focusClass} ${g.path}: ${g.constraint}${g.parameter ? ` (${g.parameter})` : ''}${g.unchecked ? ' — could not be checked (IRI not described)' : ''}`,
        );
    }
  }
  for (const p of result.problems)
    lines.push(
      `  ${p.level}: ${t(`harvest.problem.${p.code}` as 'harvest.problem.internal')}${p.subject ? ` — ${p.subject}` : ''}${p.detail ? ` (${p.detail})` : ''}`,
    );
  return { text: lines.join('\n'), failed: result.status === 'failed' };
}
