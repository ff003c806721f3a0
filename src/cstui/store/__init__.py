"""Persistence: the case repository interface and its TinyDB backend, plus config files."""
