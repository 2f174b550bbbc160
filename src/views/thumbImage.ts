/**
 * The build's standalone per-scenario picture (dist/thumbs/<id>.svg): the home
 * card's drawing with the title under it, at twice the card's size. The share
 * dialog's Markdown and the oEmbed JSON point at it, so they need its name and
 * size without rendering it.
 */
export const THUMB_IMAGE = { width: 260, height: 92, scale: 2 } as const;

/** Height of the caption band under the drawing, in drawing units. */
export const CAPTION_HEIGHT = 30;

/** Device size of the picture (its width and height attributes). */
export const THUMB_SIZE = {
  width: THUMB_IMAGE.width * THUMB_IMAGE.scale,
  height: (THUMB_IMAGE.height + CAPTION_HEIGHT) * THUMB_IMAGE.scale,
} as const;

/** The picture's path relative to the app's address. */
export function thumbPath(id: string): string {
  return `thumbs/${encodeURIComponent(id)}.svg`;
}
