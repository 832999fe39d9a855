"""The queue screen: filters, search, the table and its delegate."""
