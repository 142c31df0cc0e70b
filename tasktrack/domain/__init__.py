"""Pure rules of the domain: no database, no UI, dates passed in as arguments."""
