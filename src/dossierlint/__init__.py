"""dossierlint: keep a collection of regime dossiers consistent and well-sourced."""

__version__ = "0.2.0"
