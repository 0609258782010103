"""The rule engine: rule packs (ruleset, fixspec) and their cache; conditions compiled once
(conditions) and the subject index built on them (index); selection; the run of rules on one
view (run); message rendering (evaluate) and the secret values its redaction masks (secrets).
"""
