import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MIN_SPLIT_SIZE } from '../core/clustering/split';
import { splitCluster } from '../state/clusterActions';
import { activeOf, useOrrery } from '../state/hooks';

/** Split one cluster in two (a topic k-means merged), the others left as they are. */
export function SplitCluster() {
  const { clusters, running } = useOrrery(useShallow((s) => ({ clusters: activeOf(s).clusters, running: s.clusterProgress !== null })));
  const splittable = clusters.filter((c) => c.size >= MIN_SPLIT_SIZE);
  const [picked, setPicked] = useState<number | null>(null);
  if (splittable.length === 0) return null;
  const cluster = splittable.find((c) => c.id === picked) ?? splittable[0]!;
  return (
    <div className="row split-cluster">
      <label className="inline">
        Cluster to split
        <select value={cluster.id} onChange={(e) => setPicked(Number(e.target.value))}>
          {splittable.map((c) => (
            <option key={c.id} value={c.id}>
              {c.terms.join(' · ')} ({c.size})
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={running} onClick={() => void splitCluster(cluster.id)}>
        Split cluster
      </button>
    </div>
  );
}
