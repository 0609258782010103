"""Facts: what rules read, computed once per run from the aws view (builder and the fact modules),
each declared beside the function that computes it with its scope and how secret it is (registry).
"""
