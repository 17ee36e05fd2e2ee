#ifndef STA_CZSTD_SHIM_H
#define STA_CZSTD_SHIM_H
#include <zstd.h>
#include <zstd_errors.h>
#endif
