"""Helpers shared by the test modules (fake credentials, isolated botocore, layouts, generators).

Test modules import from here, never from one another; tests/test_code_quality.py checks it.
"""
