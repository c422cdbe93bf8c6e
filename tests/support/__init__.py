"""Shared test infrastructure: tiny models made on the spot and a Hub-compatible loopback server."""
