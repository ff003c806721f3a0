"""Loads the centre's editable TOML files (policy, content) into models."""
