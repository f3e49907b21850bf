"""Settings: `base` reads every value from the environment; `test` only adds speed-ups."""
