// What the scene last drew that a script may need to check (window.__orrery.scene): the scene
// writes it as it draws, the automation summary reads it.
export const sceneReport = {
  /** the retrieval path's lines, by hit rank */
  pathLines: [] as { rank: number; index: number; width: number; faint: boolean }[],
  /** cluster labels, largest cluster first: shown, or hidden because it would overlap a larger one (or is off screen) */
  labels: [] as { cluster: number; text: string; shown: boolean }[],
  /** the finer level's labels (a cluster's parts) shown where the camera is close enough to tell them apart */
  fineLabels: [] as { parent: number; text: string; shown: boolean }[],
  /** frames drawn so far (bench:interaction counts them per pointer move) */
  frames: 0,
  /** how long the last hover picks took, in ms (bench:interaction reads them) */
  pickMs: [] as number[],
  /** points drawn at full strength, dimmed (outside a query's answer or a search), and hidden (filters) */
  points: { bright: 0, dimmed: 0, hidden: 0 },
  /** points the last frame drew: the shown ones, less those thinned out where they pile up at far zoom */
  drawn: 0,
  /** the model lab's labelled-pair lines: pairs that belong together (green) and negatives (red) */
  pairLines: { positive: 0, negative: 0 },
};
