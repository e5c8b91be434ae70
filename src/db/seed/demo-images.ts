import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Ctx } from '../../context.ts';
import { events, submissions } from '../schema/index.ts';
import { isSolution } from '../../modules/realisation/rules.ts';
import { reencodeImage } from '../../modules/proposals/image.ts';
import { setSolutionImage } from '../../modules/proposals/commands/set-solution-image.ts';

/** Colours white text reads on (GOV.UK's palette), with their names for the alt text. */
const palette = [
  { hex: '#1d70b8', sv: 'blå', en: 'blue' },
  { hex: '#00703c', sv: 'grön', en: 'green' },
  { hex: '#4c2c92', sv: 'lila', en: 'purple' },
  { hex: '#d4351c', sv: 'röd', en: 'red' },
  { hex: '#0b0c0c', sv: 'svart', en: 'black' },
];

const initialsOf = (title: string) =>
  title
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A card for a solution, 1200 × 630 (the size link previews use): its initials and a small bar chart on a colour
 * chosen by its title, so each demo solution looks its own. Drawn as SVG, then made a PNG and put through the same
 * re-encoding as an upload.
 */
export function demoCard(title: string) {
  const hash = crypto.createHash('sha256').update(title).digest();
  const colour = palette[hash[0]! % palette.length]!;
  const initials = initialsOf(title);
  const bars = [0, 1, 2, 3, 4].map((i) => 60 + (hash[i + 1]! % 180));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="${colour.hex}"/>
  <text x="80" y="330" font-family="DejaVu Sans, Arial, sans-serif" font-size="220" font-weight="bold" fill="#ffffff">${escapeXml(initials)}</text>
  ${bars.map((h, i) => `<rect x="${700 + i * 90}" y="${520 - h}" width="60" height="${h}" fill="#ffffff" fill-opacity="${0.55 + i * 0.1}"/>`).join('')}
  <rect x="680" y="520" width="460" height="6" fill="#ffffff"/>
</svg>`;
  const alt = {
    altSv: `Illustration för ${title}: initialerna ${initials} och ett stapeldiagram i vitt på ${colour.sv} bakgrund.`,
    altEn: `Illustration for ${title}: the initials ${initials} and a white bar chart on a ${colour.en} background.`,
  };
  return { svg, alt };
}

/** Every published demo solution gets its card as its image, as if its team had uploaded it. */
export async function seedDemoImages(ctx: Ctx) {
  const published = await ctx.db
    .select({ id: submissions.id, title: submissions.title })
    .from(submissions)
    .innerJoin(events, eq(events.id, submissions.eventId))
    .where(isSolution);
  // A few at a time: sharp works on its own threads, and the seed should not take the machine.
  for (let i = 0; i < published.length; i += 4) {
    await Promise.all(
      published.slice(i, i + 4).map(async (s) => {
        const { svg, alt } = demoCard(s.title);
        // Our own SVG, drawn here; uploads never are (image.ts refuses SVG). Stored uncompressed, read once.
        const encoded = await reencodeImage(await sharp(Buffer.from(svg)).png({ compressionLevel: 0 }).toBuffer(), { effort: 2 });
        if ('refused' in encoded) throw new Error(`demo image for ${s.title}: ${encoded.refused}`);
        await setSolutionImage(ctx.db, null, s.id, alt, encoded);
      }),
    );
  }
  return published.length;
}
