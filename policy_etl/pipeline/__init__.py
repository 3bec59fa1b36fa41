"""normalize -> extract -> load. Extractors read the document model only; only load.py writes."""
