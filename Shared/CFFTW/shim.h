#ifndef STA_CFFTW_SHIM_H
#define STA_CFFTW_SHIM_H
#include <fftw3.h>
#endif
