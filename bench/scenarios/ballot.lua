-- Budget ballot cast: POST /stemmen/{id}/bevestigen with three ideas, one member per request
-- (round robin over all members: the first pass casts new ballots, later passes change them).
-- Answers 303 only after the transaction committed.
package.path = os.getenv("BENCH_DIR") .. "/scenarios/?.lua;" .. package.path
local lib = require("lib")
setup = lib.setup
done = lib.done
function request()
  return lib.ballot_request(lib.next_g())
end
