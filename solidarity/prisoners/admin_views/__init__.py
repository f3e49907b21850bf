"""Admin pages of prisoner records: listing, edit, status changes, restricted information and
the import of the defenders' list. `wagtail_hooks` registers them."""
