"""Every rule of the case contract, one function each, grouped by what it looks at."""
