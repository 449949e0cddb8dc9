"""Loading a case: read files, check them, build the model, report problems."""
