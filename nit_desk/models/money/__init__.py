"""Item models of the money screens: the estimate being edited, the price list."""
