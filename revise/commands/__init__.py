"""One module per `revise` subcommand; each exposes `register(subparsers)`. Found automatically."""
