"""Stage 1, reading: data files become checked records (a ``Dataset``); every problem names its file, row and column."""
