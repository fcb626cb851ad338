-- The idea with 50 comments, anonymous.
package.path = os.getenv("BENCH_DIR") .. "/scenarios/?.lua;" .. package.path
local lib = require("lib")
setup = lib.setup
done = lib.done
wrk.path = lib.page_path()
