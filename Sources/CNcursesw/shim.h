#ifndef PICNIC_CNCURSESW_SHIM_H
#define PICNIC_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#if defined(__has_include) && !__has_include(<ncursesw/ncurses.h>)
#error "Picnic needs the ncursesw headers: install libncurses-dev (Debian/Ubuntu) or ncurses-devel (Fedora), then build again"
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>
#include <ncursesw/term.h>
#undef lines
#undef columns

/* Wrappers for what Swift cannot import: globals (rejected in Swift 6 mode) and function-like
   macros. Names follow the macro they wrap, prefixed with picnic_. */

static inline WINDOW *picnic_stdscr(void) { return stdscr; }
static inline int picnic_LINES(void) { return LINES; }
static inline int picnic_COLS(void) { return COLS; }
static inline int picnic_COLORS(void) { return COLORS; }
static inline int picnic_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline int picnic_ESCDELAY(void) { return ESCDELAY; }
static inline bool picnic_TRUE(void) { return TRUE; }
static inline bool picnic_FALSE(void) { return FALSE; }
static inline int picnic_CCHARW_MAX(void) { return CCHARW_MAX; }

static inline void picnic_getmaxyx(WINDOW *win, int *y, int *x) {
    int yy, xx;
    getmaxyx(win, yy, xx);
    *y = yy; *x = xx;
}

static inline int picnic_KEY_F(int n) { return KEY_F(n); }

static inline attr_t picnic_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t picnic_A_BOLD(void) { return A_BOLD; }
static inline attr_t picnic_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t picnic_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t picnic_A_DIM(void) { return A_DIM; }
static inline attr_t picnic_A_ITALIC(void) { return A_ITALIC; }
static inline attr_t picnic_COLOR_PAIR(int n) { return COLOR_PAIR(n); }

/* ACS_* read acs_map[] and are only valid after initscr/newterm. */
static inline chtype picnic_ACS_ULCORNER(void) { return ACS_ULCORNER; }
static inline chtype picnic_ACS_URCORNER(void) { return ACS_URCORNER; }
static inline chtype picnic_ACS_LLCORNER(void) { return ACS_LLCORNER; }
static inline chtype picnic_ACS_LRCORNER(void) { return ACS_LRCORNER; }
static inline chtype picnic_ACS_HLINE(void) { return ACS_HLINE; }
static inline chtype picnic_ACS_VLINE(void) { return ACS_VLINE; }

/* setcchar with the pair as a plain int and no opts pointer. */
static inline int picnic_setcchar(cchar_t *wcval, const wchar_t *wch, attr_t attrs, int pair) {
    return setcchar(wcval, wch, attrs, (short)pair, NULL);
}

/* Mouse: the mask we ask for, and an event's action decoded:
   1 press, 2 release, 3 wheel up, 4 wheel down, 0 other; *button gets 1..3 (0 for the wheel). */
static inline mmask_t picnic_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON3_PRESSED
        | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
        | BUTTON5_PRESSED
#endif
        ;
}
static inline int picnic_mouse_action(mmask_t state, int *button) {
    *button = 0;
    if (state & BUTTON4_PRESSED) return 3;
#ifdef BUTTON5_PRESSED
    if (state & BUTTON5_PRESSED) return 4;
#endif
    if (state & BUTTON1_PRESSED) { *button = 1; return 1; }
    if (state & BUTTON2_PRESSED) { *button = 2; return 1; }
    if (state & BUTTON3_PRESSED) { *button = 3; return 1; }
    if (state & BUTTON1_RELEASED) { *button = 1; return 2; }
    return 0;
}

/* The C library's column count for a wide character (hidden by feature macros otherwise). */
extern int wcwidth(wchar_t c);
static inline int picnic_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/* A terminfo string capability, or NULL when absent or cancelled. */
static inline const char *picnic_tigetstr(const char *name) {
    char *s = tigetstr(name);
    if (s == NULL || s == (char *)-1) return NULL;
    return s;
}
#endif
