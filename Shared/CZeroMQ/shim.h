#ifndef STA_CZEROMQ_SHIM_H
#define STA_CZEROMQ_SHIM_H
#include <zmq.h>
#include <errno.h>

/* errno is a macro on glibc; Swift cannot read it directly. */
static inline int sta_zmq_errno(void) { return zmq_errno(); }
#endif
