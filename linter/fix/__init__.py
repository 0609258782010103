"""Fixes: each finding's fix planned on the parsed document (plan): the line edits, and why a
fix is safe or not. Applying them is a run of its own (run.apply_fixes).
"""
