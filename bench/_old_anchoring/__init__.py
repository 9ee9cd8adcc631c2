"""readmark's highlight anchoring as it was before its kernels moved to rapidfuzz (fd07992).

A verbatim copy of ``reader/anchors`` at that commit (only the imports now point here), kept
as the same-run baseline of ``bench_anchors``: the pure-Python edit distance (Myers /
Landau-Vishkin) and approximate search. Not used by readmark itself.
"""
