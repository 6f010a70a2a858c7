#include <stdio.h>
#include "version.h"
int main(void) { puts("isms " ISMS_VERSION); return 0; }
