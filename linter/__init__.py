"""awslint: a static linter for AWS shared config and credentials files."""

__version__ = "0.1.0"
