"""Channel rules as plain functions, free of Django."""
