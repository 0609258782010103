"""Temporary alias of ``support.offline_botocore`` for tests/test_mfa_chain_botocore.py, which still
imports it by its old name; delete this file once that import reads ``support.offline_botocore``."""

from support.offline_botocore import SocketGuard, isolate_botocore  # noqa: F401
