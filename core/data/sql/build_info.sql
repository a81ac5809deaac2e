-- One row: what the current database was built from.
SELECT inputs_hash, n_sources, n_observations, synthetic FROM build_info
