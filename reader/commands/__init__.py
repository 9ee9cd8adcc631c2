"""Click subcommands. Each module exports ``COMMANDS``, registered by ``reader.cli``."""
