"""Tests of revise compliance (a package, so its module names cannot clash with other test folders)."""
