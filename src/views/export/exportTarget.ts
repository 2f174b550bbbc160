/** The page an export draws, and how it reaches each frame. Small: loaded with the dialog. */

/** What the export needs of the Player. */
export interface ExportPlayer {
  readonly frame: number;
  readonly frameCount: number;
  readonly tNs: number;
  readonly playing: boolean;
  readonly trace: {
    readonly frames: readonly { t: number }[];
    stateAt(tNs: number): { narration: { text: string; step?: string } | null };
  };
  pause(): void;
  seekFrame(i: number): void;
  seekTime(tNs: number): void;
}

/** The page being exported. */
export interface ExportTarget {
  scenario: string;
  player: ExportPlayer;
  /** The elements the picture shows, in page order (see `exportRegion`). */
  region: () => Element[];
  /** Resolves once the page shows the player's current frame (Svelte's `tick`). */
  settle: () => Promise<void>;
}

/** Class set on <html> while exporting: transitions off, so each frame is drawn at rest. */
export const EXPORTING_CLASS = 'speed-layer-exporting';

/**
 * The export region: the stage row (stage and scoreboard) and, when the
 * scenario has one, its scene view (the data view under the stage).
 */
export function exportRegion(root: ParentNode = document): Element[] {
  return [...root.querySelectorAll('section.player .stage-row, section.player .scene')];
}

/** The narration shown at frame i, as one line: "Step 2 of 6 · Cache miss — text". */
export function captionAt(player: ExportPlayer, i: number): string {
  const t = player.trace.frames[i]?.t;
  const n = t === undefined ? null : player.trace.stateAt(t).narration;
  if (!n) return '';
  return n.step ? `${n.step} — ${n.text}` : n.text;
}
