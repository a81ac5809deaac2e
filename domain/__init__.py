"""What the data means, shared by the ETL (etl/) and the read side (core/), which never import each other."""
