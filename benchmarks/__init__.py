"""Scale runs of OneGrid against peers; each bench_*.py module has a run() returning a record."""
