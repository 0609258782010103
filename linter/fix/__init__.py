"""Fixes: planned per finding (plan), applied to the document, re-linted and written (apply).
"""
