"""Oracle Utilities CC&B, read-only: SQL files, the read-only guard, the query runner and the demo database."""
