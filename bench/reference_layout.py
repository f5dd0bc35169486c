"""Reference layouts for `npm run bench:layout`: umap-learn and scikit-learn's Barnes-Hut t-SNE.

Reads float32 vectors (count x dims, raw little-endian), writes the 3-D coordinates next to them
and prints one JSON line of timings. Run with Debian's /usr/bin/python3.
"""
import json
import sys
import time

import numpy as np

path, count, dims = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
methods = sys.argv[4].split(",")
x = np.fromfile(path, dtype=np.float32).reshape(count, dims)
timings = {}

if "umap" in methods:
    import umap

    start = time.perf_counter()
    y = umap.UMAP(n_components=3, n_neighbors=15, min_dist=0.1, metric="cosine", random_state=42).fit_transform(x)
    timings["umap"] = time.perf_counter() - start
    y.astype(np.float32).tofile(path + ".umap.f32")

if "tsne" in methods:
    from sklearn.manifold import TSNE

    start = time.perf_counter()
    y = TSNE(n_components=3, perplexity=30, init="pca", learning_rate="auto", method="barnes_hut", random_state=42).fit_transform(x)
    timings["tsne"] = time.perf_counter() - start
    y.astype(np.float32).tofile(path + ".tsne.f32")

print(json.dumps(timings))
