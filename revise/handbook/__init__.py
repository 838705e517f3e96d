"""The staff handbook: turns the corpus into mkdocs-material pages at build time."""
