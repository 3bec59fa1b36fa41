"""Pattern tables (numbering, units, comparators, agencies, dates): one module each, named and commented."""
