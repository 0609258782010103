"""Stand-ins for standard-library modules, fenced here: faster (records for dataclasses, quickargs for
argparse) or linear in time (linear_regex for re, shsplit for shlex). Each is held to the module it
replaces by a differential test; nothing else in the package re-implements the standard library.
"""
