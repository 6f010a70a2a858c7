/*
 * Common includes for the cmocka unit tests.  Each test file tests one
 * module and links the library archive, from which the linker takes only
 * what the test uses.
 */
#ifndef ISMS_UNIT_H
#define ISMS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
