-- Shared helpers for the wrk scenarios. bench/run sets BENCH_PARAMS (a Lua file with the ids
-- that `meedoen bench-data` wrote) and BENCH_THREADS; every scenario prints one JSON line
-- starting with "BENCHJSON " from done(), which bench/lib/harness.py reads.
local M = {}

M.P = dofile(os.getenv("BENCH_PARAMS"))
M.threads = tonumber(os.getenv("BENCH_THREADS") or "2")

-- Session tokens of the generated members (one per line), loaded lazily per Lua state.
local tokens = nil
function M.tokens()
  if tokens == nil then
    tokens = {}
    local f = assert(io.open(M.P.tokens_file, "r"))
    for line in f:lines() do
      if #line > 0 then tokens[#tokens + 1] = line end
    end
    f:close()
    assert(#tokens > 0, "no session tokens")
  end
  return tokens
end

-- Numbers each wrk thread so counters differ between threads.
local next_tid = 0
function M.setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
end

-- A global request number, distinct across threads: g = c * threads + tid.
local c = 0
function M.next_g()
  c = c + 1
  return c * M.threads + (tid or 0)
end

-- Requests are written out by hand rather than with wrk.format, which goes through
-- string.format and pairs(); LuaJIT cannot compile those, so every request ran in the
-- interpreter. The load generator shares the two cores with the server: making a ballot
-- request cost wrk 15-16 µs of CPU against 3 µs for a fixed request; written out by hand it
-- costs 5-7 µs. The headers sent are the same as before.
local host = nil
local function head(method, path, token)
  host = host or wrk.headers["Host"] or (wrk.host .. ":" .. wrk.port)
  local h = method .. " " .. path .. " HTTP/1.1\r\nHost: " .. host .. "\r\n"
  if token then
    h = h .. "Cookie: meedoen_sid=" .. token .. "\r\n"
  end
  return h
end

function M.get(path, token)
  return head("GET", path, token) .. "\r\n"
end

function M.post(path, token, body)
  return head("POST", path, token)
    .. "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " .. #body
    .. "\r\n\r\n" .. body
end

local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return a
end

-- Like toggle for request number g: member g mod K likes idea g mod N; the same pair comes
-- back every lcm(K, N) requests, and then flips between liked=1 and liked=0.
function M.like_request(g)
  local t = M.tokens()
  local k, n = #t, M.P.idea_count
  local period = k / gcd(k, n) * n
  local liked = (math.floor(g / period) % 2 == 0) and "1" or "0"
  local idea = M.P.first_idea_id + (g % n)
  return M.post("/ideeen/" .. idea .. "/like", t[(g % k) + 1], "liked=" .. liked)
end

-- A budget ballot by member g mod K: three distinct ideas, changing on every pass.
function M.ballot_request(g)
  local t = M.tokens()
  local k, n = #t, M.P.idea_count
  local pass = math.floor(g / k)
  local a = (g + pass) % n
  local first = M.P.first_idea_id
  local body = "idea=" .. (first + a)
    .. "&idea=" .. (first + (a + 1 + g % 7) % n)
    .. "&idea=" .. (first + (a + 9 + g % 5) % n)
  return M.post("/stemmen/" .. M.P.ballot_component_id .. "/bevestigen", t[(g % k) + 1], body)
end

function M.list_path()
  return "/onderdelen/" .. M.P.ideas_component_id .. "/ideeen"
end

function M.page_path()
  return "/ideeen/" .. M.P.page_idea_id
end

-- Prints the step's figures as one JSON line (latency in milliseconds).
function M.done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,'
      .. '"latency_ms":{"mean":%.3f,"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,"max":%.3f},'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end

return M
