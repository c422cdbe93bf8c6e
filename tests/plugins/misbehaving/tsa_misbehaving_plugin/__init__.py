"""Plugins that misbehave, for the tests: each must be reported and skipped."""
