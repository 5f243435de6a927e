// SwiftPM drops pkg-config's -D flags: define the wide-character API here.
#ifndef NNDASH_CNCURSESW_SHIM_H
#define NNDASH_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncurses.h>
#endif
