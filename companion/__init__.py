"""companion: an offline CBT self-help companion."""

__version__ = "0.1.0"
