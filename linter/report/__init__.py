"""Reports: suppressions and baselines applied to findings, and the formats findings are written in.
"""
