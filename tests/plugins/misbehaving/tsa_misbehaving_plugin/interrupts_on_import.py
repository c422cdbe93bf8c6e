"""A plugin that raises KeyboardInterrupt as it is imported, as if Ctrl-C had been pressed."""

raise KeyboardInterrupt
