"""Item pipelines, one small step per module: normalise, validate, dedupe, store."""
