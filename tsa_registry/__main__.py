"""`python -m tsa_registry` runs the command line."""

from tsa_registry.cli import main

main()
