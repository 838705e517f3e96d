"""The corpus: finding the policy repository, reading its YAML safely with positions, and the documents."""
