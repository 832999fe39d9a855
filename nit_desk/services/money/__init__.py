"""Money: the price list, estimates, payments and what "paid" means."""
