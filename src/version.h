#define ISMS_VERSION "0.1.0"
