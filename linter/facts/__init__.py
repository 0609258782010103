"""Facts: what rules read, computed once per run from the aws view (builder) and declared in the
catalogue with their scope and how secret they are.
"""
