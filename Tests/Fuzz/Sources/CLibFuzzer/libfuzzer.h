// libFuzzer's driver entry point (compiler-rt FuzzerInterface/FuzzerDriver.cpp), linked by
// `-sanitize=fuzzer`. The harnesses call it from their own entry point because SwiftPM
// renames an executable target's `main` (see Package.swift).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
