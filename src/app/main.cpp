#include <malloc.h>

#include "app/Commands.h"

int main(int argc, char** argv) {
    // The class journal's pages are a few hundred kilobytes, built and freed on every request.
    // With glibc's defaults such a block was a fresh mmap, or heap grown and trimmed back to
    // the kernel, and the page faults and zeroing cost as much as writing the page
    // (bench/README.md): blocks under 4 MiB come from the heap, which keeps up to 8 MiB free.
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
    return netcity::app::runCommand(std::vector<std::string>(argv + 1, argv + argc));
}
