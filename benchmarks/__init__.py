"""Benchmarks for reader: synthetic cases at three sizes and the measurements of issue 7.

Run ``python -m benchmarks`` from the repository root; see benchmarks/README.md.
"""
