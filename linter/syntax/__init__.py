"""Syntax: the INI scanner with positions and botocore's reading of it (parse), files that are not
INI text (opaque), and YAML with line numbers for rule packs and settings (yamlsource).
"""
