"""A run: files grouped under awslint's own settings, linted through the pipeline (lint).
"""
