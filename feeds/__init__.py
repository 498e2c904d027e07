"""Feed renderers, pure (jobs, meta, now) -> bytes, and the publisher that writes them."""
