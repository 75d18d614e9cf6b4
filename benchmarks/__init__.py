"""The benchmark harness (`make bench`, `make bench-quick`); see benchmarks/README.md."""
