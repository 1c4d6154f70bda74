"""Production setup: replicas behind nginx (deploy/README.md)."""
