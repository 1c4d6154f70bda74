"""Curated datasets, their schemas and the loader."""
