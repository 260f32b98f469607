"""The learned safety layer (hashed n-grams, linear model, numpy at run time, loaded lazily)."""
