"""Built-in model families, one plugin module each, loaded through the entry-point group
``tsa_registry`` exactly as a third-party plugin is.

This folder installs as the package ``tsa_registry_plugins`` (pyproject.toml's package-dir), the
name its entry points use: ``bert = "tsa_registry_plugins.bert"``.
"""
