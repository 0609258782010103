"""Built-in awslint rules (YAML) and their reference data; shipped as package data."""
