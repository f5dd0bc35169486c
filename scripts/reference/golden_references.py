"""scikit-learn on the golden tests' input: the references core/golden.test.ts pins Orrery's PCA, its trustworthiness and its t-SNE to.

Run with Debian's python3-sklearn:
    npx tsx scripts/reference/golden-data.ts /tmp/golden.f32 && /usr/bin/python3 scripts/reference/pca_golden.py /tmp/golden.f32
Prints the first two rows of the 3-D projection and the sum of absolute values (a component's sign
is arbitrary: the test aligns signs before it compares).
"""
import sys

import numpy as np
from sklearn.decomposition import PCA

x = np.fromfile(sys.argv[1], dtype=np.float32).reshape(120, 16).astype(np.float64)
y = PCA(n_components=3, svd_solver="full").fit_transform(x)
print("lead:", ", ".join(f"{v:.6f}" for v in y[:2].ravel()))
print("absSum:", f"{np.abs(y).sum():.5f}")
print("explained:", ", ".join(f"{v:.6f}" for v in PCA(n_components=3, svd_solver="full").fit(x).explained_variance_ratio_))

# the layout-quality measure itself: scikit-learn's trustworthiness of that projection
from sklearn.manifold import TSNE, trustworthiness

print("trustworthiness@10 (euclidean) of the PCA layout:", f"{trustworthiness(x, y, n_neighbors=10):.6f}")
print("trustworthiness@10 (cosine) of the PCA layout:", f"{trustworthiness(x, y, n_neighbors=10, metric='cosine'):.6f}")
tsne = TSNE(n_components=3, perplexity=10, init="pca", learning_rate="auto", method="barnes_hut", random_state=0).fit_transform(x)
print("trustworthiness@10 (euclidean) of scikit-learn's t-SNE (perplexity 10):", f"{trustworthiness(x, tsne, n_neighbors=10):.6f}")
