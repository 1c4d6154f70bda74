"""Shared presentation pieces for pages: the page frame, URL-bound filters, charts."""
