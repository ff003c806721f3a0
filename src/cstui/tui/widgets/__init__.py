"""Reusable widgets: forms, case tables, the step timeline."""
