-- Runs once, on the first start of the postgres container (empty data volume), in sparkdb_manager.
-- pgvector is not a trusted extension, so it is created here by the superuser rather than by a service.
CREATE EXTENSION IF NOT EXISTS vector;
