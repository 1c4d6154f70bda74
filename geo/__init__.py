"""Boundaries for the offline maps."""
