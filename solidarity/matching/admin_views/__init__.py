"""Admin pages of matching: manual match actions and matching runs. `wagtail_hooks` registers
them."""
