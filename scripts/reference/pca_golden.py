"""scikit-learn's PCA of the golden tests' input, the reference core/golden.test.ts pins Orrery's PCA to.

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
