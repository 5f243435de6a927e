#include "CKernels.h"

_Thread_local nnk_thread_state nnk_thread_state_tls;
