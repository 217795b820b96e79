"""Exact inner-product top-k with faiss IndexFlatIP, for the speed benchmark's side-by-side figure.

Usage: faiss_topk.py VECTORS.f32 COUNT DIMENSIONS K OUT.i32
VECTORS.f32 holds COUNT x DIMENSIONS float32 rows; each row is searched against all rows.
Prints the search time in seconds; writes the neighbour ids (int32, COUNT x K) to OUT.i32.
"""
import sys
import time

import faiss
import numpy as np

path, count, dimensions, k, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
vectors = np.fromfile(path, dtype=np.float32).reshape(count, dimensions)
index = faiss.IndexFlatIP(dimensions)
index.add(vectors)
start = time.perf_counter()
_, ids = index.search(vectors, k)
elapsed = time.perf_counter() - start
ids.astype(np.int32).tofile(out)
print(f"{elapsed:.6f} {faiss.omp_get_max_threads()}")
