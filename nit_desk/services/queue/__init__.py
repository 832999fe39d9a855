"""Requests and the queue: pages, claims, the holder, a request's life, its timer."""
