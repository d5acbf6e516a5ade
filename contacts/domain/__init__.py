"""Case rules as plain functions, free of the database."""
