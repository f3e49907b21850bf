"""Admin pages of letters and actions: snippet views, verification decisions, the letter
insight and the import of actions. `wagtail_hooks` registers them."""
