"""Reference clusterings for `npm run bench:clusters`, on the same vectors Orrery clusters.

Reads float32 vectors (count x dims) and int32 labels (raw little-endian), prints one JSON line:
for each reference, its adjusted Rand index and normalised mutual information against the labels,
the number of clusters and the seconds it took. Run with Debian's /usr/bin/python3 (python3-sklearn,
umap-learn)."""
import json
import sys
import time

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score
from sklearn.preprocessing import normalize

path, count, dims = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x = normalize(np.fromfile(path, dtype=np.float32).reshape(count, dims))
truth = np.fromfile(path + ".labels", dtype=np.int32)
k = len(set(truth.tolist()))
out = {}


def record(name, run):
    start = time.perf_counter()
    labels = run()
    out[name] = {
        "ari": adjusted_rand_score(truth, labels),
        "nmi": normalized_mutual_info_score(truth, labels),
        "clusters": int(len(set(labels.tolist()))),
        "seconds": time.perf_counter() - start,
    }


def kmeans(data, n):
    return KMeans(n_clusters=n, n_init=10, random_state=0).fit_predict(data)


def by_silhouette():
    best = None
    for n in range(2, 17):
        labels = kmeans(x, n)
        score = silhouette_score(x, labels, metric="cosine")
        if best is None or score > best[0]:
            best = (score, labels)
    return best[1]


record("k-means, true k", lambda: kmeans(x, k))
record("k-means, k by silhouette", by_silhouette)
record("agglomerative (Ward), true k", lambda: AgglomerativeClustering(n_clusters=k).fit_predict(x))


def umap_kmeans():
    import umap

    reduced = umap.UMAP(n_components=5, n_neighbors=15, min_dist=0.0, metric="cosine", random_state=42).fit_transform(x)
    return kmeans(reduced, k)


record("UMAP 5-d + k-means, true k", umap_kmeans)
print(json.dumps(out))
