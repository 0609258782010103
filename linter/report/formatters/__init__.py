"""Output formatters: each turns a list of findings into text for one format."""
