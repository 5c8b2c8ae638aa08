// A picture as the writers draw it: a bundled symbol or an author's SVG drawing is SVG text (the
// symbol in the organisation's accent colour; the drawing, already cleaned by src/pictures/svg.ts,
// as its author drew it), a photograph is its PNG or JPEG bytes. Worded once for every writer.
import type { ImageData, Picture } from '../../model/types.ts';
import type { Assets } from '../context.ts';
import { symbolSvg } from './symbols.ts';

/** The SVG to draw for a symbol or a drawing, or undefined for a photograph. */
export function pictureSvg(pic: Picture, assets: Assets, accent: string): string | undefined {
  if (pic.symbol) return symbolSvg(assets, pic.symbol, accent);
  return pic.image ? imageSvg(pic.image) : undefined;
}

/** An image's SVG text when it is a drawing. */
export function imageSvg(image: ImageData): string | undefined {
  return image.mime === 'image/svg+xml' ? new TextDecoder().decode(image.data) : undefined;
}

/** A raster image as a data: address (PDF and HTML embed them so). */
export function dataUri(image: ImageData): string {
  return `data:${image.mime};base64,${Buffer.from(image.data).toString('base64')}`;
}
