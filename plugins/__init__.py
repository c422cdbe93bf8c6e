"""Built-in model families, one plugin module each (entry-point group ``tsa_registry``)."""
