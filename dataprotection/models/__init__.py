"""The app's models, a module per concern; each is imported here so Django finds it."""
