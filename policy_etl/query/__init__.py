"""Reading the policy database for researchers: search, safe SQL, exports and listings.

Everything here opens the database read-only; only pipeline/load.py writes.
"""
