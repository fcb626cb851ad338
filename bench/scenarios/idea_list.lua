-- Idea list, page 1 (20 ideas per page, newest first), anonymous.
package.path = os.getenv("BENCH_DIR") .. "/scenarios/?.lua;" .. package.path
local lib = require("lib")
setup = lib.setup
done = lib.done
wrk.path = lib.list_path()
