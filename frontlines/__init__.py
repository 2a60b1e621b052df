"""frontlines: conflict events from news reports, ACLED-style, with provenance."""

__version__ = "0.1.0"
__all__ = ["extract_text", "extract_file", "events_frame", "__version__"]


def __getattr__(name):  # keep `import frontlines` light; load the pipeline on first use
    if name in ("extract_text", "extract_file", "events_frame"):
        from . import api
        return getattr(api, name)
    raise AttributeError(name)
