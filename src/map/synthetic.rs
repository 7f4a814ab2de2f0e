//! Invented maps of any size, for benchmarks and load tests.
