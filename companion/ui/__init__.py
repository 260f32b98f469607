"""The front ends: the command line (cli) and the terminal app (tui), both thin over the core.

The CLI may open the app (`companion` with no command); the app never imports the CLI.
"""
