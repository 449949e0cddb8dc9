"""The Textual app. It shows the model; it decides nothing about the case."""
