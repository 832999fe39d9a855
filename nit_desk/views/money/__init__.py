"""The money screens: the estimate editor and its parts, payments, voids, the price list."""
