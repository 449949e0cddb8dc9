"""Screens: each composes widgets for one way of looking at a case."""
