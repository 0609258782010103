"""The rule engine: rule packs (ruleset, fixspec), their cache, and the evaluation of rules on
subjects (evaluate).
"""
