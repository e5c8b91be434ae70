import crypto from 'node:crypto';
import sharp from 'sharp';

/** Largest upload accepted; more is refused before decoding. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Largest decoded size (width × height): a small file that would decode to gigabytes (a pixel bomb) is refused. */
export const IMAGE_MAX_PIXELS = 40_000_000;
/** The page shows the image at most this wide; cards show the small one. */
export const IMAGE_WIDTH = 1600;
export const CARD_WIDTH = 480;
/** Alt text, per language: a sentence or two, not a description of everything. */
export const ALT_MAX = 250;

export type ImageFormat = 'png' | 'jpeg' | 'webp';
export type ImageRefusal = 'type' | 'unreadable' | 'dimensions';

export interface EncodedImage {
  hash: string;
  data: Buffer;
  width: number;
  height: number;
  cardData: Buffer;
  cardWidth: number;
  cardHeight: number;
}

/** The format the first bytes say, whatever the client claimed: only PNG, JPEG and WebP are taken (never SVG). */
export function sniffImage(bytes: Buffer): ImageFormat | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/**
 * Decodes an upload and draws it anew as WebP: turned upright by its orientation tag, then every tag dropped (EXIF
 * with its GPS position, XMP, ICC profiles; sharp keeps none unless asked), so nothing of the file sent is served
 * as it came. A large version (at most IMAGE_WIDTH wide) and a card version, with their sizes for width/height.
 * `effort` (0–6) trades WebP's compression for time: the demo seed, drawing dozens, takes less.
 */
export async function reencodeImage(bytes: Buffer, { effort = 4 } = {}): Promise<EncodedImage | { refused: ImageRefusal }> {
  const format = sniffImage(bytes);
  if (!format) return { refused: 'type' };
  // failOn 'truncated' and up: a cut-off file is refused rather than served half grey.
  const open = () => sharp(bytes, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'truncated', animated: false });
  try {
    const meta = await open().metadata();
    if (meta.format !== format) return { refused: 'type' };
    if (!meta.width || !meta.height) return { refused: 'unreadable' };
    if (meta.width * meta.height > IMAGE_MAX_PIXELS) return { refused: 'dimensions' };
    const draw = (width: number, quality: number) =>
      open().autoOrient().resize({ width, withoutEnlargement: true }).webp({ quality, effort }).toBuffer({ resolveWithObject: true });
    const [full, card] = await Promise.all([draw(IMAGE_WIDTH, 82), draw(CARD_WIDTH, 75)]);
    const hash = crypto.createHash('sha256').update(full.data).update(card.data).digest('base64url').slice(0, 32);
    return {
      hash,
      data: full.data,
      width: full.info.width,
      height: full.info.height,
      cardData: card.data,
      cardWidth: card.info.width,
      cardHeight: card.info.height,
    };
  } catch (err) {
    // sharp's own words for a pixel bomb; anything else it cannot read is simply not an image it can use.
    if (err instanceof Error && /pixel limit/i.test(err.message)) return { refused: 'dimensions' };
    return { refused: 'unreadable' };
  }
}
