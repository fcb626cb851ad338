-- Makelpunt search with three filters (capacity >= 20, step-free entrance, free on Tuesday
-- evening), page 1 with the count per filter option, anonymous. With the Makelpunt bench
-- data (spaces::demo::load_bench_spaces) the data set has 10,000 spaces for size large.
package.path = os.getenv("BENCH_DIR") .. "/scenarios/?.lua;" .. package.path
local lib = require("lib")
setup = lib.setup
done = lib.done
wrk.path = "/makelpunt?capaciteit=20&step_free=1&dag=1&dagdeel=evening"
