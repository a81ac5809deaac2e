"""PowerPoint decks: the slides, a deck described in YAML, its charts, and the `make deck` command."""
