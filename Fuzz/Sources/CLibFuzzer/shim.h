#include <stddef.h>
#include <stdint.h>

// libFuzzer's documented entry for programs that keep their own main(): runs the fuzzing loop
// with argc/argv as libFuzzer's main would, calling `callback` for each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
