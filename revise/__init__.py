"""revise: a customer-service centre's rules kept as versioned, validated YAML."""

__version__ = "0.1.0"
