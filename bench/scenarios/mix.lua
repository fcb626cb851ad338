-- 90% reads, 10% writes, every request with a member's session:
-- 3/10 idea list, 2/10 idea page (50 comments), 1/10 another idea, 3/10 home, 1/10 like toggle.
package.path = os.getenv("BENCH_DIR") .. "/scenarios/?.lua;" .. package.path
local lib = require("lib")
setup = lib.setup
done = lib.done
local n = lib.P.idea_count
function request()
  local g = lib.next_g()
  local t = lib.tokens()
  local token = t[(g % #t) + 1]
  local r = g % 10
  if r == 0 then
    return lib.like_request(math.floor(g / 10))
  elseif r <= 3 then
    return lib.get(lib.list_path(), token)
  elseif r <= 5 then
    return lib.get(lib.page_path(), token)
  elseif r == 6 then
    return lib.get("/ideeen/" .. (lib.P.first_idea_id + (g % n)), token)
  else
    return lib.get("/", token)
  end
end
