"""policy-etl: Chinese eco-environmental plans into one queryable SQLite database."""

__version__ = "0.1.0"
