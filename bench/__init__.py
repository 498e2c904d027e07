"""jobfeed's benchmark suite (`make bench`, `python -m bench`); not tests."""
