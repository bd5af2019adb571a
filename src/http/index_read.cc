#include "http/index_read.h"

namespace myriad::http {

Response EngineErrorResponse(const engine::EngineStatus& st) {
  if (const engine::EngineFailure* f = st.failure()) return ErrorResponse(f->Code(), f->message);
  return StatusResponse(st.ToStatus(), "internal");
}

}  // namespace myriad::http
