"""A plugin whose hooks end the program."""

import sys

from tsa_registry import hookimpl


@hookimpl
def register_families(register):
    sys.exit(4)


@hookimpl
def register_commands(cli):
    sys.exit(5)
