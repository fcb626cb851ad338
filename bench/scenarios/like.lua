-- Like toggle: POST /ideeen/{id}/like by members with sessions, spread over all members and
-- ideas, alternating liked=1 / liked=0 for each (member, idea) pair. Answers 303.
package.path = os.getenv("BENCH_DIR") .. "/scenarios/?.lua;" .. package.path
local lib = require("lib")
setup = lib.setup
done = lib.done
function request()
  return lib.like_request(lib.next_g())
end
