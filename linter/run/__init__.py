"""A run: files grouped under awslint's own settings, linted through the pipeline (lint), and the
``--fix`` run that applies the planned fixes, re-lints until stable and writes (apply_fixes).
"""
