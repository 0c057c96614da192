"""graphkit benchmarks: speed, memory and scaling, beside a transformer NER baseline.

Run ``python -m benchmarks.run`` from the repository root; see ``benchmarks/README.md``.
"""
