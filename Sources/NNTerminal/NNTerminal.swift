// NNTerminal: the ncurses backend.
