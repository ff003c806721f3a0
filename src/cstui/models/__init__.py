"""Pydantic models: the shape of everything the app stores or reads from files."""
