"""The JSON Schemas of the document kinds and of proposals, and validating documents against them.

The schemas ship with the package in `json/`; a policy repository may carry its own in `schemas/`,
which then take their place (`SchemaSet(root / "schemas")`)."""

from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "json"
