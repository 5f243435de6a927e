// SwiftPM drops pkg-config's -D flags: define the wide-character API here.
#ifndef NNDASH_CNCURSESW_SHIM_H
#define NNDASH_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncurses.h>

// ncurses' globals, read through functions: Swift 6 rejects direct use of mutable C globals.
static inline WINDOW *nndash_stdscr(void) { return stdscr; }
static inline int nndash_colors(void) { return COLORS; }
static inline int nndash_color_pairs(void) { return COLOR_PAIRS; }
#endif
