"""Click subcommands, imported on first use through ``reader.cli.LAZY_COMMANDS``.

Each module also lists its commands in ``COMMANDS``. Keep module-level imports light: what
only one command needs is imported inside that command.
"""
