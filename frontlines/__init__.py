"""frontlines: conflict events from news reports, ACLED-style, with provenance."""

__version__ = "0.1.0"
__all__ = ["extract_text", "extract_file", "events_frame", "open_store", "Store", "__version__"]


def __getattr__(name):  # keep `import frontlines` light; load the pipeline on first use
    if name in ("extract_text", "extract_file", "events_frame"):
        from . import api
        return getattr(api, name)
    if name in ("open_store", "Store"):
        from . import store
        return getattr(store, name)
    raise AttributeError(name)
