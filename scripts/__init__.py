"""Command-line tools: `python -m scripts.<tool>`."""
