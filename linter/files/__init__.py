"""Files: which to lint (discovery, walk), their bytes and lines (source), what the file system and
git say about them (filemeta, links), and template files.
"""
