"""The command line: arguments, the check, explain, rules and fix commands, and the exit code.
"""
