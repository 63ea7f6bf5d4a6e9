"""Sources: the only code that knows site URLs and talks to the network (through http.py)."""
