"""One module per `revise` subcommand; each exposes `register(parser)`, adding its arguments to the
parser the CLI made for it (help texts from the catalogue, `cmd.<name>`). Found automatically."""
