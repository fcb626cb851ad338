-- The trivial route: same binary, same middleware, no database work beyond the host lookup.
package.path = os.getenv("BENCH_DIR") .. "/scenarios/?.lua;" .. package.path
local lib = require("lib")
setup = lib.setup
done = lib.done
wrk.path = "/bench/baseline"
