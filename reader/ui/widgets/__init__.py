"""Widgets: each does one thing."""
