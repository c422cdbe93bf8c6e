"""A plugin whose family is fine and whose register_commands adds a command, then raises."""

from tsa_registry import Family, hookimpl


@hookimpl
def register_families(register):
    register(Family(name="sturdy", title="Sturdy", config_model_types=("sturdy",),
                    simpletransformers_model_type="bert"))


@hookimpl
def register_commands(cli):
    @cli.command()
    def half():
        """A command whose plugin failed: it must not appear."""

    raise RuntimeError("the commands' data file is missing")
