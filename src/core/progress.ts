// Progress messages for long steps: count, rate and time left.

export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s left`;
}

/** "Embedding 120 / 500 · 35 chunks/s · 11 s left"; rate and time left once a rate (chunks/s) is known. */
export function embeddingProgress(done: number, total: number, rate: number | null): string {
  const base = `Embedding ${done} / ${total}`;
  if (!rate || rate <= 0) return base;
  const left = done < total ? ` · ${formatEta((total - done) / rate)}` : '';
  return `${base} · ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)} chunks/s${left}`;
}
